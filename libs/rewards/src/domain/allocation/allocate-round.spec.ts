import { allocateRound, type AllocationResult, type PoolId } from './allocate-round.js';
import type { AllocationEntry, AllocationInput, AllocationParams } from './allocation-input.js';
import { AllocationError, AllocationErrorCode } from './allocation.error.js';

const entry = (recipient: string, weight: number | bigint): AllocationEntry<string> => ({
  recipient,
  weight,
  details: `evidence of ${recipient}`,
});

const onlyFineTuning: AllocationParams['kindPools'] = { FINE_TUNING: { shareBps: 10_000 } };

const round = (
  params: Partial<AllocationParams>,
  contributors: AllocationInput<string>['contributors'] = {},
  reviewers: AllocationEntry<string>[] = [],
): AllocationInput<string> => ({
  params: { budget: 1_000n, kindPools: onlyFineTuning, ...params },
  contributors,
  reviewers,
});

const amountsOf = (result: AllocationResult<string>, pool: PoolId): Record<string, bigint> =>
  Object.fromEntries(
    result.allocations
      .filter((allocation) => allocation.pool === pool)
      .map(({ recipient, amount }) => [recipient, amount]),
  );

const poolOf = (result: AllocationResult<string>, pool: PoolId) =>
  result.pools.find((report) => report.pool === pool)!;

describe('allocateRound', () => {
  it('gives the reviewers their share of the budget by dividends and the contributors the rest by incentive', () => {
    const result = allocateRound(
      round({ budget: 1_000n }, { FINE_TUNING: [entry('0xaa', 0.75), entry('0xbb', 0.25)] }, [
        entry('0x01', 0.6),
        entry('0x02', 0.4),
      ]),
    );
    expect(result).toMatchObject({
      reviewerPool: 100n,
      contributorPool: 900n,
      allocated: 1_000n,
      unallocated: 0n,
    });
    expect(amountsOf(result, 'FINE_TUNING')).toEqual({ '0xaa': 675n, '0xbb': 225n });
    expect(amountsOf(result, 'REVIEWERS')).toEqual({ '0x01': 60n, '0x02': 40n });
  });

  it('explains each allocation: the details given, the weight, the pool and the step applied', () => {
    const result = allocateRound(
      round(
        { contributorCapBps: 5_000, minPayout: 50n },
        { FINE_TUNING: [entry('0xaa', 90), entry('0xbb', 7), entry('0xcc', 3)] },
      ),
    );
    // MEAN scores 90 / 7 / 3. Cap 450 of the 900: 810 is capped, then 7 and 3 share 450: 315 and 135.
    expect(result.allocations.slice(0, 3)).toEqual([
      {
        recipient: '0xaa',
        pool: 'FINE_TUNING',
        amount: 450n,
        explanation: {
          details: 'evidence of 0xaa',
          weight: 90,
          pool: 'FINE_TUNING',
          poolAmount: 900n,
          plainShare: 810n,
          outcome: { rule: 'CAPPED', cap: 450n },
        },
      },
      expect.objectContaining({ recipient: '0xbb', amount: 315n }),
      expect.objectContaining({ recipient: '0xcc', amount: 135n }),
    ]);
    expect(result.allocations[1].explanation).toMatchObject({
      plainShare: 63n,
      outcome: { rule: 'PRO_RATA', share: 315n, roundedUp: false },
    });
    expect(poolOf(result, 'FINE_TUNING')).toMatchObject({ capped: 1, belowMinimum: 0, allocated: 900n });
  });

  describe('kind pools and floors', () => {
    const kindPools: AllocationParams['kindPools'] = {
      FINE_TUNING: { shareBps: 5_000 },
      SAFETY_EVALUATION: { shareBps: 2_500, floorBps: 2_500 },
      RED_TEAMING: { shareBps: 2_500, floorBps: 1_000 },
    };

    it('pays each kind its pool when every kind has work', () => {
      const result = allocateRound(
        round(
          { budget: 10_000n, reviewerShareBps: 0, kindPools },
          {
            FINE_TUNING: [entry('0xaa', 1)],
            SAFETY_EVALUATION: [entry('0xbb', 1)],
            RED_TEAMING: [entry('0xcc', 1)],
          },
        ),
      );
      expect(result.pools.slice(0, 3).map(({ amount }) => amount)).toEqual([5_000n, 2_500n, 2_500n]);
      expect(result.unallocated).toBe(0n);
    });

    it('releases a kind without work down to its floor; the floor stays unallocated', () => {
      // Only fine-tuning has work. Red teaming releases 1,500 bps, safety nothing (floor = pool):
      // fine-tuning gets 6,500 bps of 900 = 585; 225 and 90 stay unallocated for their kinds.
      const result = allocateRound(
        round({ kindPools }, { FINE_TUNING: [entry('0xaa', 1)] }, [entry('0x01', 1)]),
      );
      expect(result.pools.slice(0, 3)).toEqual([
        expect.objectContaining({ pool: 'FINE_TUNING', amount: 585n, allocated: 585n, releasedBps: 0 }),
        expect.objectContaining({
          pool: 'SAFETY_EVALUATION',
          amount: 225n,
          unallocated: 225n,
          unallocatedReason: 'NO_WORK',
          releasedBps: 0,
        }),
        expect.objectContaining({ pool: 'RED_TEAMING', amount: 90n, unallocated: 90n, releasedBps: 1_500 }),
      ]);
      expect(result).toMatchObject({ allocated: 685n, unallocated: 315n });
    });

    it('shares a release among the kinds with work pro rata to their pools', () => {
      const result = allocateRound(
        round(
          {
            budget: 10_000n,
            reviewerShareBps: 0,
            kindPools: {
              FINE_TUNING: { shareBps: 6_000 },
              SAFETY_EVALUATION: { shareBps: 3_000, floorBps: 1_000 },
              DATA_CURATION: { shareBps: 1_000 },
            },
          },
          { FINE_TUNING: [entry('0xaa', 1)], DATA_CURATION: [entry('0xbb', 1)] },
        ),
      );
      // Safety releases 2,000 bps: 6/7 to fine-tuning, 1/7 to data curation. 7,714.28… and 1,285.71…
      // round to 7,714 and 1,286; 1,000 stays with safety.
      expect(result.pools.slice(0, 4).map(({ amount }) => amount)).toEqual([7_714n, 1_000n, 0n, 1_286n]);
      expect(result.unallocated).toBe(1_000n);
    });

    it('keeps every pool unallocated when no contributor has work', () => {
      const result = allocateRound(
        round({ kindPools }, { FINE_TUNING: [entry('0xaa', 0)] }, [entry('0x01', 1)]),
      );
      expect(result.pools.slice(0, 3).map(({ amount, unallocated }) => [amount, unallocated])).toEqual([
        [450n, 450n],
        [225n, 225n],
        [225n, 225n],
      ]);
      expect(result).toMatchObject({ allocated: 100n, unallocated: 900n });
    });

    it('reports the reviewer pool as unallocated when no reviewer earned dividends', () => {
      const result = allocateRound(round({}, { FINE_TUNING: [entry('0xaa', 1)] }, [entry('0x01', 0)]));
      expect(poolOf(result, 'REVIEWERS')).toMatchObject({
        amount: 100n,
        unallocated: 100n,
        unallocatedReason: 'NO_WORK',
      });
      expect(result.allocated + result.unallocated).toBe(1_000n);
    });
  });

  it('breaks rounding ties by address, whatever the input order and letter case', () => {
    const reviewers = [entry('0xC3', 1), entry('0xa1', 1), entry('0xB2', 1)];
    const result = allocateRound(round({ budget: 10n, reviewerShareBps: 10_000 }, {}, reviewers));
    expect(amountsOf(result, 'REVIEWERS')).toEqual({ '0xa1': 4n, '0xB2': 3n, '0xC3': 3n });
    expect(result.allocations.map(({ recipient }) => recipient)).toEqual(['0xa1', '0xB2', '0xC3']);
    expect(allocateRound(round({ budget: 10n, reviewerShareBps: 10_000 }, {}, reviewers.reverse()))).toEqual(
      result,
    );
  });

  it('applies the minimum payout to reviewers too', () => {
    const result = allocateRound(round({ minPayout: 20n }, {}, [entry('0x01', 0.9), entry('0x02', 0.1)]));
    expect(amountsOf(result, 'REVIEWERS')).toEqual({ '0x01': 100n, '0x02': 0n });
  });

  describe('rejects bad input with a typed error', () => {
    const rejects = (input: AllocationInput<string>, code: AllocationErrorCode, path: unknown[]): void => {
      let caught: unknown;
      try {
        allocateRound(input);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AllocationError);
      expect(caught).toMatchObject({ code, category: 'BAD_INPUT', details: { path } });
    };

    it.each<[string, Partial<AllocationParams>, AllocationErrorCode, unknown[]]>([
      ['a zero budget', { budget: 0n }, AllocationErrorCode.ZERO_BUDGET, ['params', 'budget']],
      ['a negative budget', { budget: -1n }, AllocationErrorCode.INVALID_BUDGET, ['params', 'budget']],
      [
        'a budget as a number',
        { budget: 1_000 as unknown as bigint },
        AllocationErrorCode.INVALID_BUDGET,
        ['params', 'budget'],
      ],
      [
        'a reviewer share above 100%',
        { reviewerShareBps: 10_001 },
        AllocationErrorCode.INVALID_BPS,
        ['params', 'reviewerShareBps'],
      ],
      [
        'a fractional bps',
        { reviewerShareBps: 12.5 },
        AllocationErrorCode.INVALID_BPS,
        ['params', 'reviewerShareBps'],
      ],
      [
        'a cap of 0 bps',
        { contributorCapBps: 0 },
        AllocationErrorCode.INVALID_BPS,
        ['params', 'contributorCapBps'],
      ],
      [
        'a negative minimum',
        { minPayout: -1n },
        AllocationErrorCode.INVALID_MIN_PAYOUT,
        ['params', 'minPayout'],
      ],
      [
        'a cap below the minimum payout',
        { contributorCapBps: 1, minPayout: 1n },
        AllocationErrorCode.CAP_BELOW_MIN_PAYOUT,
        ['params', 'contributorCapBps'],
      ],
      [
        'pools summing to 9,999 bps',
        { kindPools: { FINE_TUNING: { shareBps: 7_499 }, SAFETY_EVALUATION: { shareBps: 2_500 } } },
        AllocationErrorCode.POOLS_NOT_10000_BPS,
        ['params', 'kindPools'],
      ],
      [
        'a floor above its pool',
        {
          kindPools: {
            FINE_TUNING: { shareBps: 8_000 },
            SAFETY_EVALUATION: { shareBps: 2_000, floorBps: 2_500 },
          },
        },
        AllocationErrorCode.FLOOR_ABOVE_POOL,
        ['params', 'kindPools', 'SAFETY_EVALUATION', 'floorBps'],
      ],
      [
        'an unknown kind',
        { kindPools: { ...onlyFineTuning, ALIGNMENT: { shareBps: 0 } } as AllocationParams['kindPools'] },
        AllocationErrorCode.UNKNOWN_KIND,
        ['params', 'kindPools', 'ALIGNMENT'],
      ],
    ])('%s', (_, params, code, path) => rejects(round(params), code, path));

    it.each<[string, number | bigint]>([
      ['negative', -0.1],
      ['NaN', NaN],
      ['infinite', Infinity],
      ['a negative bigint', -1n],
    ])('a %s weight', (_, weight) =>
      rejects(
        round({}, { FINE_TUNING: [entry('0xaa', 1), entry('0xbb', weight)] }),
        AllocationErrorCode.INVALID_WEIGHT,
        ['contributors', 'FINE_TUNING', 1, 'weight'],
      ),
    );

    it('a reviewer with a NaN dividend', () =>
      rejects(round({}, {}, [entry('0x01', NaN)]), AllocationErrorCode.INVALID_WEIGHT, [
        'reviewers',
        0,
        'weight',
      ]));

    it('contributors under an unknown kind', () =>
      rejects(
        round({}, { ALIGNMENT: [entry('0xaa', 1)] } as AllocationInput<string>['contributors']),
        AllocationErrorCode.UNKNOWN_KIND,
        ['contributors', 'ALIGNMENT'],
      ));

    it('an empty recipient', () =>
      rejects(round({}, { FINE_TUNING: [entry('', 1)] }), AllocationErrorCode.INVALID_RECIPIENT, [
        'contributors',
        'FINE_TUNING',
        0,
        'recipient',
      ]));

    it('the same recipient twice in one pool, in any letter case', () =>
      rejects(
        round({}, { FINE_TUNING: [entry('0xAA', 1), entry('0xaa', 2)] }),
        AllocationErrorCode.DUPLICATE_RECIPIENT,
        ['contributors', 'FINE_TUNING'],
      ));
  });

  it('lets the same recipient appear in several pools, each allocation capped on its own', () => {
    const result = allocateRound(
      round(
        {
          contributorCapBps: 4_000,
          kindPools: { FINE_TUNING: { shareBps: 5_000 }, RESEARCH: { shareBps: 5_000 } },
        },
        { FINE_TUNING: [entry('0xaa', 1), entry('0xbb', 1)], RESEARCH: [entry('0xaa', 1)] },
      ),
    );
    // Cap 360 of the 900: 225 and 225 in fine-tuning, 450 → 360 in research.
    expect(
      result.allocations.filter(({ recipient }) => recipient === '0xaa').map(({ amount }) => amount),
    ).toEqual([225n, 360n]);
    expect(poolOf(result, 'RESEARCH')).toMatchObject({ unallocated: 90n, unallocatedReason: 'ALL_CAPPED' });
  });
});
