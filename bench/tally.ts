/**
 * Full recount of 100,000 seeded random votes per vote type (computeTally + tallyResult, as at a
 * proposal's close or in `guildhall recount`), 8 choices (basic: 3), ranked-choice also with 20
 * choices, where nearly every ballot is a distinct ranking. Prints the median of the rounds.
 *
 *   npm run bench:tally              # 5 rounds
 *   npm run bench:tally -- 11
 */
import { VOTE_TYPES, type VoteType } from '@guildhall/core';
import { computeTally, tallyResult } from '../libs/governance/src/domain/tally/index.js';
import { someVotes } from '../libs/governance/src/domain/tally/testing/votes.builder.js';

const rounds = Number(process.argv[2] ?? 5);
const VOTES = 100_000;

function medianMs(type: VoteType, choiceCount: number): number {
  const votes = someVotes(type).withChoices(choiceCount).withCount(VOTES).withSeed(1).build();
  const times = Array.from({ length: rounds }, () => {
    const started = performance.now();
    tallyResult(computeTally(type, choiceCount, votes), 0n);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const cases: Array<[VoteType, number]> = [
  ...VOTE_TYPES.map((type): [VoteType, number] => [type, type === 'basic' ? 3 : 8]),
  ['ranked-choice', 20],
];
console.log(`recount of ${VOTES.toLocaleString('en')} votes, median of ${rounds} rounds`);
for (const [type, choiceCount] of cases) {
  console.log(
    `${`${type} (${choiceCount} choices)`.padEnd(28)} ${medianMs(type, choiceCount).toFixed(0)} ms`,
  );
}
