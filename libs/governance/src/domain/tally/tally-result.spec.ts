import { VOTE_TYPES, type VoteType } from '@guildhall/core';
import type { WeightMap } from './choice.js';
import { basicOutcome, tallyResult } from './tally-result.js';
import { computeTally, type TallyVote } from './tally-state.js';
import { tallyErrorOf } from './testing/tally-error-of.js';
import { someVotes } from './testing/votes.builder.js';

const ETH = 10n ** 18n;
const result = (type: VoteType, choiceCount: number, votes: TallyVote[], quorum = 0n) =>
  tallyResult(computeTally(type, choiceCount, votes), quorum);

/** |actual − expected| ≤ 1e-9 · |expected| (exactly 0 when expected is 0). */
function expectClose(actual: readonly string[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((score, index) => {
    const relative = Math.abs(Number(score) - expected[index]) / Math.abs(expected[index]);
    expect(expected[index] === 0 ? Number(score) : relative).toBeLessThan(1e-9);
  });
}

// Float references written the way snapshot.js `src/voting/weighted.ts` and `quadratic.ts`
// compute scores (share of the vote's weights, per-choice sums, then normalized to Σ balance).
const share = (choice: WeightMap, key: number): number => {
  const whole = Object.values(choice).reduce((a, b) => a + b, 0);
  const part = (choice[String(key)] ?? NaN) / whole;
  return isNaN(part) ? 0 : part;
};
const percentOfSum = (part: number, whole: readonly number[]): number => {
  const percent = part / whole.reduce((a, b) => a + b, 0);
  return isNaN(percent) ? 0 : percent;
};
const floatVotes = (votes: TallyVote[]) =>
  votes.map((vote) => ({ choice: vote.choice as WeightMap, balance: Number(vote.vp) }));

function snapshotWeighted(choiceCount: number, votes: TallyVote[]): number[] {
  const valid = floatVotes(votes);
  const total = valid.reduce((a, vote) => a + vote.balance, 0);
  const results = Array.from({ length: choiceCount }, (_, i) =>
    valid.map((vote) => share(vote.choice, i + 1) * vote.balance).reduce((a, b) => a + b, 0),
  );
  return results.map((value) => (total / 100) * (percentOfSum(value, results) * 100));
}

function snapshotQuadratic(choiceCount: number, votes: TallyVote[]): number[] {
  const valid = floatVotes(votes);
  const total = valid.reduce((a, vote) => a + vote.balance, 0);
  const quadraticScores = Array.from({ length: choiceCount }, (_, i) => {
    const roots = valid
      .map((vote) => Math.sqrt(share(vote.choice, i + 1) * vote.balance))
      .reduce((a, b) => a + b, 0);
    return roots * roots;
  });
  return quadraticScores.map((score) => total * percentOfSum(score, quadraticScores));
}

describe('tallyResult', () => {
  describe('basic', () => {
    const votes: TallyVote[] = [
      { choice: 1, vp: 5n * ETH },
      { choice: 2, vp: 3n * ETH },
      { choice: 3, vp: 2n * ETH },
      { choice: 1, vp: 1n },
    ];

    it('sums For, Against and Abstain in base units; quorum counts all three', () => {
      expect(result('basic', 3, votes, 10n * ETH + 1n)).toEqual({
        scores: ['5000000000000000001', '3000000000000000000', '2000000000000000000'],
        scoresTotal: '10000000000000000001',
        quorumReached: true,
        winningChoice: 1,
      });
      expect(result('basic', 3, votes, 10n * ETH + 2n).quorumReached).toBe(false);
    });

    it('reaches quorum on Abstain alone, which neither passes nor wins For', () => {
      const abstain = computeTally('basic', 3, [
        { choice: 3, vp: 4n * ETH },
        { choice: 3, vp: 6n * ETH },
      ]);
      expect(tallyResult(abstain, 10n * ETH)).toEqual({
        scores: ['0', '0', '10000000000000000000'],
        scoresTotal: '10000000000000000000',
        quorumReached: true,
        winningChoice: 3,
      });
      expect(abstain.type === 'basic' && basicOutcome(abstain.sums)).toBe(false);
    });

    it('passes when For beats Against and reaches the supermajority', () => {
      expect(basicOutcome([60n, 40n, 500n])).toBe(true);
      expect(basicOutcome([60n, 40n, 0n], 6000)).toBe(true);
      expect(basicOutcome([60n, 40n, 0n], 6001)).toBe(false);
      expect(basicOutcome([2n, 1n, 0n], 6666)).toBe(true);
      expect(basicOutcome([2n, 1n, 0n], 6667)).toBe(false);
      expect(basicOutcome([50n, 50n, 0n])).toBe(false);
      expect(basicOutcome([0n, 0n, 0n])).toBe(false);
      expect(basicOutcome([1n, 0n, 0n], 10_000)).toBe(true);
    });

    it('rejects scores that are not For/Against/Abstain and supermajorities outside 0..10000', () => {
      expect(tallyErrorOf(() => basicOutcome([1n, 0n])).code).toBe('CHOICE_COUNT_INVALID');
      for (const bps of [-1, 10_001, 0.5]) {
        expect(tallyErrorOf(() => basicOutcome([1n, 0n, 0n], bps)).code).toBe('SUPERMAJORITY_OUT_OF_RANGE');
      }
    });
  });

  it('single-choice: sums per choice, and a tie at the top has no winner', () => {
    const votes: TallyVote[] = [
      { choice: 2, vp: 7n * ETH },
      { choice: 4, vp: 3n * ETH },
      { choice: 4, vp: 4n * ETH },
    ];
    expect(result('single-choice', 4, votes)).toEqual({
      scores: ['0', '7000000000000000000', '0', '7000000000000000000'],
      scoresTotal: '14000000000000000000',
      quorumReached: true,
      winningChoice: null,
    });
  });

  it('approval: every approved choice gets the full power, counted once in the total', () => {
    const votes: TallyVote[] = [
      { choice: [1, 3], vp: 1_500_000_000_000_000_000n },
      { choice: [3], vp: ETH },
    ];
    expect(result('approval', 3, votes, 2n * ETH)).toEqual({
      scores: ['1500000000000000000', '0', '2500000000000000000'],
      scoresTotal: '2500000000000000000',
      quorumReached: true,
      winningChoice: 3,
    });
  });

  it('weighted: splits each vote by its weights, with a fraction where the split makes one', () => {
    const votes: TallyVote[] = [
      { choice: { '1': 1, '2': 2 }, vp: 6n },
      { choice: { '2': 3, '3': 1 }, vp: 10n },
    ];
    expect(result('weighted', 3, votes)).toEqual({
      scores: ['2', '11.5', '2.5'],
      scoresTotal: '16',
      quorumReached: true,
      winningChoice: 2,
    });
    expect(result('weighted', 3, [{ choice: { '1': 1, '2': 1, '3': 1 }, vp: ETH }])).toEqual({
      scores: Array(3).fill('333333333333333333.333333333333333333'),
      scoresTotal: '1000000000000000000',
      quorumReached: true,
      winningChoice: null,
    });
  });

  it('quadratic: squares the per-choice sums of roots and scales them to Σ vp', () => {
    // roots: choice 1 = √4 + √(8/2) = 4, choice 2 = √9 + √(8/2) = 5; scores = 21 · (16, 25) / 41.
    const votes: TallyVote[] = [
      { choice: { '1': 1 }, vp: 4n },
      { choice: { '2': 1 }, vp: 9n },
      { choice: { '1': 1, '2': 1 }, vp: 8n },
    ];
    expect(result('quadratic', 2, votes)).toEqual({
      scores: ['8.195121951219512195', '12.804878048780487804'],
      scoresTotal: '21',
      quorumReached: true,
      winningChoice: 2,
    });
  });

  it.each([1, 2, 3])('weighted and quadratic match snapshot.js to 1e-9 (seed %i)', (seed) => {
    for (const choiceCount of [1, 3, 7]) {
      const weighted = someVotes('weighted').withChoices(choiceCount).withCount(300).withSeed(seed).build();
      expectClose(result('weighted', choiceCount, weighted).scores, snapshotWeighted(choiceCount, weighted));
      const quadratic = someVotes('quadratic').withChoices(choiceCount).withCount(300).withSeed(seed).build();
      expectClose(
        result('quadratic', choiceCount, quadratic).scores,
        snapshotQuadratic(choiceCount, quadratic),
      );
    }
  });

  it('keeps weighted and quadratic scores within 10^-18 per vote and choice of Σ vp', () => {
    for (const type of ['weighted', 'quadratic'] as const) {
      const votes = someVotes(type).withChoices(6).withCount(500).withSeed(4).build();
      const { scores, scoresTotal } = result(type, 6, votes);
      const shortfall = BigInt(scoresTotal) * ETH - scores.map(fixedPoint).reduce((a, b) => a + b, 0n);
      expect(shortfall).toBeGreaterThanOrEqual(0n);
      expect(shortfall).toBeLessThanOrEqual(BigInt(votes.length * 6));
    }
  });

  it.each(VOTE_TYPES)('%s with no votes: zero scores, no winner, quorum only if it is 0', (type) => {
    const choiceCount = type === 'basic' ? 3 : 4;
    expect(result(type, choiceCount, [])).toEqual({
      scores: ['0', '0', '0', '0'].slice(0, choiceCount),
      scoresTotal: '0',
      quorumReached: true,
      winningChoice: null,
    });
    expect(result(type, choiceCount, [], 1n).quorumReached).toBe(false);
  });
});

/** A decimal score string as an integer number of 10^-18 units. */
function fixedPoint(score: string): bigint {
  const [whole, fraction = ''] = score.split('.');
  return BigInt(whole + fraction.padEnd(18, '0'));
}
