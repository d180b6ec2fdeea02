import { VOTE_TYPES } from '@guildhall/core';
import { tallyStateFromJson, tallyStateToJson } from './tally-json.js';
import { tallyResult } from './tally-result.js';
import {
  applyVote,
  computeTally,
  emptyTally,
  removeVote,
  type TallyState,
  type TallyVote,
} from './tally-state.js';
import { SeededRandom } from './testing/seeded-random.js';
import { tallyErrorOf } from './testing/tally-error-of.js';
import { randomVote } from './testing/votes.builder.js';

const codeOf = (run: () => unknown) => tallyErrorOf(run).code;

/** The tally as the service keeps it: read from the JSON column, one vote, written back. */
const throughJson = (state: TallyState): TallyState =>
  tallyStateFromJson(JSON.parse(JSON.stringify(tallyStateToJson(state))) as unknown);

describe('kept tally', () => {
  it.each(VOTE_TYPES)(
    '%s: votes and re-votes kept one by one agree with a recount of the final votes',
    (type) => {
      for (const seed of [1, 2, 3, 4]) {
        const random = new SeededRandom(seed);
        const choiceCount = type === 'basic' ? 3 : random.int(1, 6);
        const current = new Map<number, TallyVote>();
        let kept = emptyTally(type, choiceCount);
        for (let step = 0; step < 250; step += 1) {
          const voter = random.int(0, 39);
          const vote = randomVote(type, choiceCount, random);
          const earlier = current.get(voter);
          kept = throughJson(applyVote(earlier === undefined ? kept : removeVote(kept, earlier), vote));
          current.set(voter, vote);
          if (step % 50 === 49) expect(kept).toEqual(computeTally(type, choiceCount, current.values()));
        }
        const recounted = computeTally(type, choiceCount, random.shuffle([...current.values()]));
        expect(kept).toEqual(recounted);
        expect(tallyStateToJson(kept)).toEqual(tallyStateToJson(recounted));
        expect(tallyResult(kept, 0n)).toEqual(tallyResult(recounted, 0n));
      }
    },
  );

  it('returns a new tally and leaves the one it was given alone', () => {
    const before = applyVote(emptyTally('ranked-choice', 2), { choice: [1, 2], vp: 5n });
    const after = applyVote(before, { choice: [1, 2], vp: 3n });
    expect(before).toEqual({
      type: 'ranked-choice',
      choiceCount: 2,
      totalVp: 5n,
      ballots: new Map([['1,2', 5n]]),
    });
    expect(after).toEqual({
      type: 'ranked-choice',
      choiceCount: 2,
      totalVp: 8n,
      ballots: new Map([['1,2', 8n]]),
    });
    expect(removeVote(after, { choice: [1, 2], vp: 8n })).toEqual(emptyTally('ranked-choice', 2));
  });

  it('keeps quadratic roots and weighted shares per vote, so removing a vote takes back exactly its part', () => {
    const vote = { choice: { '1': 1, '2': 2 }, vp: 3n * 10n ** 18n } as const;
    const quadratic = applyVote(emptyTally('quadratic', 2), vote);
    expect(quadratic).toEqual({
      type: 'quadratic',
      choiceCount: 2,
      totalVp: 3n * 10n ** 18n,
      sums: [1_000_000_000_000_000_000_000_000_000n, 1_414_213_562_373_095_048_801_688_724n],
    });
    expect(removeVote(quadratic, vote)).toEqual(emptyTally('quadratic', 2));
    expect(applyVote(emptyTally('weighted', 2), vote)).toMatchObject({
      sums: [10n ** 36n, 2n * 10n ** 36n],
    });
  });

  it('rejects invalid votes on the way in', () => {
    expect(codeOf(() => applyVote(emptyTally('approval', 3), { choice: [], vp: 1n }))).toBe('APPROVAL_EMPTY');
    expect(codeOf(() => applyVote(emptyTally('single-choice', 3), { choice: 1, vp: 0n }))).toBe(
      'VP_NOT_POSITIVE',
    );
    expect(codeOf(() => computeTally('weighted', 3, [{ choice: [1], vp: 1n }]))).toBe('CHOICE_WRONG_SHAPE');
    expect(codeOf(() => emptyTally('basic', 4))).toBe('CHOICE_COUNT_INVALID');
  });

  it('refuses to remove a vote it does not hold', () => {
    const kept = applyVote(emptyTally('single-choice', 2), { choice: 1, vp: 10n });
    expect(codeOf(() => removeVote(kept, { choice: 2, vp: 1n }))).toBe('VOTE_NOT_IN_TALLY');
    expect(codeOf(() => removeVote(kept, { choice: 1, vp: 11n }))).toBe('VOTE_NOT_IN_TALLY');
    const ranked = applyVote(emptyTally('ranked-choice', 2), { choice: [1, 2], vp: 10n });
    const error = tallyErrorOf(() => removeVote(ranked, { choice: [2, 1], vp: 1n }));
    expect([error.code, error.category]).toEqual(['VOTE_NOT_IN_TALLY', 'INTERNAL']);
  });

  it('stores as plain JSON with sorted ballots, and reads back only consistent tallies', () => {
    const ranked = computeTally('ranked-choice', 3, [
      { choice: [3, 1, 2], vp: 2n },
      { choice: [1, 2, 3], vp: 5n },
    ]);
    expect(tallyStateToJson(ranked)).toEqual({
      type: 'ranked-choice',
      choiceCount: 3,
      totalVp: '7',
      ballots: { '1,2,3': '5', '3,1,2': '2' },
    });
    expect(tallyStateToJson(computeTally('basic', 3, [{ choice: 2, vp: 9n }]))).toEqual({
      type: 'basic',
      choiceCount: 3,
      totalVp: '9',
      sums: ['0', '9', '0'],
    });
    for (const bad of [
      null,
      { type: 'copeland', choiceCount: 3, totalVp: '0', sums: [] },
      { type: 'basic', choiceCount: 3, totalVp: '-1', sums: ['0', '0', '0'] },
      { type: 'basic', choiceCount: 2, totalVp: '0', sums: ['0', '0'] },
      { type: 'approval', choiceCount: 3, totalVp: '0', sums: ['0', '0'] },
      { type: 'ranked-choice', choiceCount: 3, totalVp: '5', ballots: { '1,2': '5' } },
      { type: 'ranked-choice', choiceCount: 3, totalVp: '5', ballots: { '1, 2, 3': '5' } },
      { type: 'ranked-choice', choiceCount: 3, totalVp: '0', ballots: { '1,2,3': '0' } },
      { type: 'ranked-choice', choiceCount: 3, totalVp: '6', ballots: { '1,2,3': '5' } },
    ]) {
      const error = tallyErrorOf(() => tallyStateFromJson(bad));
      expect([error.code, error.category]).toEqual(['TALLY_STATE_INVALID', 'INTERNAL']);
    }
  });
});
