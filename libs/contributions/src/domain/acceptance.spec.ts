import { reviewOutcome, stakeWeightedMedian } from './acceptance.js';

describe('stakeWeightedMedian', () => {
  it('is the smallest score at which at least half the stake scores at or below it', () => {
    expect(
      stakeWeightedMedian([
        { score: 20, stake: 1n },
        { score: 30, stake: 1n },
        { score: 100, stake: 1n },
      ]),
    ).toBe(30);
    // A whale carries the median to its own score.
    expect(
      stakeWeightedMedian([
        { score: 20, stake: 1n },
        { score: 30, stake: 1n },
        { score: 90, stake: 5n },
      ]),
    ).toBe(90);
    // Exactly half at or below 40: the lower score (no interpolation, no favour to the top).
    expect(
      stakeWeightedMedian([
        { score: 40, stake: 2n },
        { score: 80, stake: 2n },
      ]),
    ).toBe(40);
  });

  it('ignores unstaked reviews, and is null without stake', () => {
    expect(
      stakeWeightedMedian([
        { score: 100, stake: 0n },
        { score: 10, stake: 3n },
      ]),
    ).toBe(10);
    expect(stakeWeightedMedian([{ score: 100, stake: 0n }])).toBeNull();
    expect(stakeWeightedMedian([])).toBeNull();
  });

  it('is exact for stakes beyond 2^53 (voting power in wei)', () => {
    const big = 10n ** 24n;
    expect(
      stakeWeightedMedian([
        { score: 10, stake: big + 1n },
        { score: 90, stake: big },
      ]),
    ).toBe(10);
    expect(
      stakeWeightedMedian([
        { score: 10, stake: big },
        { score: 90, stake: big + 1n },
      ]),
    ).toBe(90);
  });
});

describe('reviewOutcome', () => {
  const rule = { minReviews: 2, acceptanceScore: 60 };

  it('accepts with enough reviews and a median at the threshold', () => {
    expect(
      reviewOutcome(
        [
          { score: 60, stake: 1n },
          { score: 70, stake: 1n },
        ],
        rule,
      ),
    ).toEqual({
      status: 'ACCEPTED',
      consensusScore: 60,
    });
  });

  it('rejects below the threshold, with too few reviews, or with none', () => {
    expect(
      reviewOutcome(
        [
          { score: 59, stake: 1n },
          { score: 100, stake: 1n },
        ],
        rule,
      ).status,
    ).toBe('REJECTED');
    expect(reviewOutcome([{ score: 100, stake: 1n }], rule)).toEqual({
      status: 'REJECTED',
      consensusScore: 100,
    });
    expect(reviewOutcome([], rule)).toEqual({ status: 'REJECTED', consensusScore: null });
  });
});
