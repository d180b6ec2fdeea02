/** The key of a full ranking among ranked-choice ballots: its choice numbers joined by commas, "3,1,2". */
export const rankingKey = (ranking: readonly number[]): string => ranking.join(',');

/**
 * Instant runoff over full rankings, as snapshot.js `rankedChoice.ts` (`irv`) runs it. Each round
 * counts every ballot for its highest-ranked remaining choice. The count stops when the leader
 * holds more than half of all voting power or fewer than three choices remain; otherwise the
 * remaining choice with the fewest votes — possibly none — is removed (on a tie, the lowest choice
 * number) and the ballots are counted again.
 *
 * The candidates of a round are, as in snapshot.js, every choice still on some ballot (its
 * `candidates` is the set of all choices of all ballots), so with full rankings every remaining
 * choice takes part, including one that no ballot ranks highest, and it is the first removed.
 *
 * @param ballots voting power per ranking, keyed by `rankingKey` (valid full rankings only).
 * @returns the final round's total per choice, in choice order; 0 for removed choices.
 */
export function instantRunoff(choiceCount: number, ballots: ReadonlyMap<string, bigint>): bigint[] {
  // All rankings in one flat array, choiceCount numbers each, read from the keys without
  // splitting them: a tally may hold a hundred thousand distinct rankings.
  const rankings = new Uint32Array(ballots.size * choiceCount);
  const vps: bigint[] = [];
  for (const [key, vp] of ballots) {
    let at = vps.length * choiceCount;
    for (let index = 0; index < key.length; index += 1) {
      const code = key.charCodeAt(index);
      if (code === COMMA) at += 1;
      else rankings[at] = rankings[at] * 10 + code - ZERO;
    }
    vps.push(vp);
  }

  // Indexed by choice number (slot 0 unused). `holders[c]`: the ballots counting for c this round.
  const counts = new Array<bigint>(choiceCount + 1).fill(0n);
  const holders = Array.from({ length: choiceCount + 1 }, (): number[] => []);
  const position = new Uint32Array(vps.length); // of each ballot's current choice in its ranking
  const removed = new Uint8Array(choiceCount + 1);
  const choiceAt = (ballot: number) => rankings[ballot * choiceCount + position[ballot]];
  let totalVp = 0n;
  vps.forEach((vp, ballot) => {
    counts[choiceAt(ballot)] += vp;
    holders[choiceAt(ballot)].push(ballot);
    totalVp += vp;
  });
  for (let remaining = choiceCount; vps.length > 0; remaining -= 1) {
    let leader = 0n;
    let last = 0;
    for (let choice = 1; choice <= choiceCount; choice += 1) {
      if (removed[choice] === 1) continue;
      if (counts[choice] > leader) leader = counts[choice];
      // Strictly fewer: on a tie at the bottom the lowest choice number stays the one removed.
      if (last === 0 || counts[choice] < counts[last]) last = choice;
    }
    if (leader * 2n > totalVp || remaining < 3) break;
    // Remove it: its ballots count for their next remaining choice from now on.
    removed[last] = 1;
    for (const ballot of holders[last]) {
      while (removed[choiceAt(ballot)] === 1) position[ballot] += 1;
      counts[choiceAt(ballot)] += vps[ballot];
      holders[choiceAt(ballot)].push(ballot);
    }
    counts[last] = 0n;
    holders[last] = [];
  }
  return counts.slice(1);
}

const COMMA = ','.charCodeAt(0);
const ZERO = '0'.charCodeAt(0);
