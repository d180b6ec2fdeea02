import { tallyResult } from './tally-result.js';
import { computeTally, type TallyVote } from './tally-state.js';
import { someVotes } from './testing/votes.builder.js';

const rankedChoice = (choiceCount: number, ballots: Array<[number[], bigint]>) =>
  tallyResult(
    computeTally(
      'ranked-choice',
      choiceCount,
      ballots.map(([choice, vp]) => ({ choice, vp })),
    ),
    0n,
  );

/**
 * Instant runoff written the way snapshot.js `src/voting/rankedChoice.ts` (`irv`) runs it, on
 * floats: candidates are all choices left on the ballots, the first strictly highest / lowest
 * count in ascending choice order is the top / bottom, recursion until top > total / 2 or fewer
 * than three candidates.
 */
function snapshotRankedChoice(choiceCount: number, votes: TallyVote[]): number[] {
  type Ballot = [number[], number];
  const irv = (ballots: Ballot[]): Array<[string, number]> => {
    const candidates = [...new Set(ballots.map((ballot) => ballot[0]).flat())];
    const counts: Record<string, number> = Object.fromEntries(candidates.map((c) => [c, 0]));
    for (const [ranking, balance] of ballots) counts[ranking[0]] += balance;
    const entries = Object.entries(counts);
    const [, topCount] = entries.reduce(([n, m], [v, c]) => (c > m ? [v, c] : [n, m]), ['?', -Infinity]);
    const [bottomCand] = entries.reduce(([n, m], [v, c]) => (c < m ? [v, c] : [n, m]), ['?', Infinity]);
    const total = ballots.map((ballot) => ballot[1]).reduce((a, b) => a + b, 0);
    return topCount > total / 2 || entries.length < 3
      ? entries
      : irv(
          ballots
            .map(([ranking, balance]): Ballot => [ranking.filter((c) => String(c) !== bottomCand), balance])
            .filter(([ranking]) => ranking.length > 0),
        );
  };
  const finalRound = irv(votes.map((vote) => [[...(vote.choice as number[])], Number(vote.vp)]));
  return Array.from({ length: choiceCount }, (_, i) =>
    finalRound.filter(([choice]) => Number(choice) === i + 1).reduce((a, [, count]) => a + count, 0),
  );
}

describe('ranked-choice (instant runoff)', () => {
  it('removes the weakest choice round after round, the lowest number on a tie at the bottom', () => {
    // Round 1: 40 / 30 / 20 / 10 → 4 goes. Round 2: 40 / 30 / 30 → tie, 2 goes (lower number).
    // Round 3: 70 / 30 → majority.
    expect(
      rankedChoice(4, [
        [[1, 2, 3, 4], 40n],
        [[2, 1, 3, 4], 30n],
        [[3, 2, 1, 4], 20n],
        [[4, 3, 2, 1], 10n],
      ]),
    ).toEqual({ scores: ['70', '0', '30', '0'], scoresTotal: '100', quorumReached: true, winningChoice: 1 });
  });

  it('lets a later round overturn the first-round leader', () => {
    expect(
      rankedChoice(3, [
        [[1, 2, 3], 40n],
        [[2, 1, 3], 35n],
        [[3, 2, 1], 25n],
      ]).scores,
    ).toEqual(['40', '60', '0']);
  });

  it('stops at once when the leader has more than half of all voting power', () => {
    expect(
      rankedChoice(3, [
        [[2, 1, 3], 51n],
        [[1, 2, 3], 34n],
        [[3, 1, 2], 15n],
      ]).scores,
    ).toEqual(['34', '51', '15']);
  });

  it('stops with two choices left even without a majority: a tie has no winner', () => {
    expect(
      rankedChoice(2, [
        [[1, 2], 50n],
        [[2, 1], 50n],
      ]),
    ).toEqual({ scores: ['50', '50'], scoresTotal: '100', quorumReached: true, winningChoice: null });
  });

  it('counts a choice nobody ranks first as a candidate with 0, so it is removed first (snapshot.js)', () => {
    // Round 1: 40 / 30 / 30 / 0 → 4 goes. Round 2: 40 / 30 / 30 → 2 goes (tie, lower number), its
    // ballot moves past the removed 4 to 3. Round 3: 40 / 60.
    expect(
      rankedChoice(4, [
        [[1, 4, 3, 2], 40n],
        [[2, 4, 3, 1], 30n],
        [[3, 4, 2, 1], 30n],
      ]).scores,
    ).toEqual(['40', '0', '60', '0']);
  });

  it('moves exact bigint power between rounds (units a float would lose)', () => {
    const unit = 10n ** 23n;
    expect(
      rankedChoice(3, [
        [[1, 2, 3], 4n * unit + 1n],
        [[2, 3, 1], 3n * unit + 1n],
        [[3, 2, 1], 3n * unit],
      ]).scores,
    ).toEqual(['400000000000000000000001', '600000000000000000000001', '0']);
  });

  it('gives a single choice all the power, and no votes zero everywhere', () => {
    expect(rankedChoice(1, [[[1], 5n]]).scores).toEqual(['5']);
    expect(rankedChoice(3, []).scores).toEqual(['0', '0', '0']);
  });

  it.each([1, 2, 3, 4, 5, 6])('matches snapshot.js on seeded random ballots (seed %i)', (seed) => {
    for (const [choiceCount, count] of [
      [3, 40],
      [5, 200],
      [8, 500],
    ]) {
      const votes = someVotes('ranked-choice')
        .withChoices(choiceCount)
        .withCount(count)
        .withSeed(seed)
        .build();
      const ours = rankedChoice(
        choiceCount,
        votes.map((vote) => [vote.choice as number[], vote.vp]),
      ).scores.map(Number);
      const reference = snapshotRankedChoice(choiceCount, votes);
      ours.forEach((score, index) => {
        expect(Math.abs(score - reference[index])).toBeLessThanOrEqual(1e-9 * reference[index]);
      });
    }
  });
});
