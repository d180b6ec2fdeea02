import fc from 'fast-check';
import { allocatePool, type PoolRules } from './allocate-pool.js';

const rules = (amount: bigint, extra: Partial<PoolRules> = {}): PoolRules => ({
  amount,
  cap: null,
  minPayout: 0n,
  ...extra,
});

describe('allocatePool', () => {
  it('shares by weight, the missing unit going to the largest remainder, ties by position', () => {
    const result = allocatePool([1n, 1n, 1n], rules(10n));
    expect(result.amounts).toEqual([4n, 3n, 3n]);
    expect(result.outcomes).toEqual([
      { rule: 'PRO_RATA', share: 3n, roundedUp: true },
      { rule: 'PRO_RATA', share: 3n, roundedUp: false },
      { rule: 'PRO_RATA', share: 3n, roundedUp: false },
    ]);
    expect(result.unallocated).toBe(0n);
  });

  it('caps iteratively: each capped excess can push another recipient over the cap', () => {
    // 100 over 50/30/15/5 with a cap of 30: 50 → 30; the other 70 over 30/15/5 gives 42, 21, 7;
    // 42 → 30; the last 40 over 15/5 gives 30 and 10, and 30 is not above the cap.
    const result = allocatePool([50n, 30n, 15n, 5n], rules(100n, { cap: 30n }));
    expect(result.amounts).toEqual([30n, 30n, 30n, 10n]);
    expect(result.plainShares).toEqual([50n, 30n, 15n, 5n]);
    expect(result.outcomes.map(({ rule }) => rule)).toEqual(['CAPPED', 'CAPPED', 'PRO_RATA', 'PRO_RATA']);
    expect(result.unallocated).toBe(0n);
  });

  it('leaves the remainder unallocated when everyone is capped', () => {
    const result = allocatePool([1n, 2n, 3n], rules(100n, { cap: 30n }));
    expect(result.amounts).toEqual([30n, 30n, 30n]);
    expect(result).toMatchObject({ allocated: 90n, unallocated: 10n, unallocatedReason: 'ALL_CAPPED' });
  });

  it('redistributes the shares below the minimum payout instead of dropping them', () => {
    // 4 and 1 are below 10: the 100 goes to 60 and 35 alone: 63.16 and 36.84 → 63 and 37.
    const result = allocatePool([60n, 35n, 4n, 1n], rules(100n, { minPayout: 10n }));
    expect(result.amounts).toEqual([63n, 37n, 0n, 0n]);
    expect(result.outcomes[2]).toEqual({ rule: 'BELOW_MINIMUM', share: 4n, minPayout: 10n });
    expect(result.allocated).toBe(100n);
  });

  it('drops equal weights together, even if dropping one would lift the other', () => {
    const result = allocatePool([1n, 1n], rules(10n, { minPayout: 6n }));
    expect(result.amounts).toEqual([0n, 0n]);
    expect(result).toMatchObject({ unallocated: 10n, unallocatedReason: 'ALL_BELOW_MINIMUM' });
  });

  it('caps before the minimum, so a capped excess can lift small shares above it', () => {
    // 100 over 80/10/10, cap 50, minimum 20: 80 → 50, and the other 50 makes 25 each.
    const result = allocatePool([80n, 10n, 10n], rules(100n, { cap: 50n, minPayout: 20n }));
    expect(result.amounts).toEqual([50n, 25n, 25n]);
  });

  it('caps again after the minimum has shrunk the pool', () => {
    // 38/38/14/10: nobody is above 40; 14 and 10 are below 15 and leave; 50 each is above 40.
    const result = allocatePool([38n, 38n, 14n, 10n], rules(100n, { cap: 40n, minPayout: 15n }));
    expect(result.amounts).toEqual([40n, 40n, 0n, 0n]);
    expect(result).toMatchObject({ unallocated: 20n, unallocatedReason: 'ALL_CAPPED' });
  });

  it('reports a pool without weight as unallocated, not lost', () => {
    const result = allocatePool([0n, 0n], rules(500n));
    expect(result.amounts).toEqual([0n, 0n]);
    expect(result.outcomes).toEqual([{ rule: 'ZERO_WEIGHT' }, { rule: 'ZERO_WEIGHT' }]);
    expect(result).toMatchObject({ allocated: 0n, unallocated: 500n, unallocatedReason: 'NO_WORK' });
    expect(allocatePool([], rules(0n))).toMatchObject({ unallocated: 0n, unallocatedReason: null });
  });

  it('never pays a zero-weight recipient', () => {
    expect(allocatePool([0n, 3n, 1n], rules(8n)).amounts).toEqual([0n, 6n, 2n]);
  });
});

/**
 * The definition, step by step and slowly: cap every share above the cap at once until none is,
 * drop every share below the minimum at once, cap again, then round by largest remainder with a
 * full sort.
 */
function allocatePoolByDefinition(
  weights: readonly bigint[],
  { amount, cap, minPayout }: PoolRules,
): bigint[] {
  const amounts = weights.map(() => 0n);
  let members = weights.flatMap((weight, index) => (weight > 0n ? [index] : []));
  let rest = amount;
  const weightOf = (indices: number[]): bigint => indices.reduce((sum, index) => sum + weights[index], 0n);
  const capAll = (): void => {
    for (;;) {
      const total = weightOf(members);
      const over = members.filter((index) => cap !== null && rest * weights[index] > cap * total);
      if (over.length === 0) return;
      over.forEach((index) => (amounts[index] = cap!));
      rest -= cap! * BigInt(over.length);
      members = members.filter((index) => !over.includes(index));
    }
  };
  capAll();
  const total = weightOf(members);
  members = members.filter((index) => rest * weights[index] >= minPayout * total);
  capAll();
  if (members.length === 0) return amounts;
  const remaining = weightOf(members);
  const exact = members.map((index) => ({ index, numerator: rest * weights[index] }));
  exact.forEach(({ index, numerator }) => (amounts[index] = numerator / remaining));
  const missing = Number(rest - members.reduce((sum, index) => sum + amounts[index], 0n));
  exact
    .sort((a, b) => {
      const [ra, rb] = [a.numerator % remaining, b.numerator % remaining];
      return ra === rb ? a.index - b.index : ra > rb ? -1 : 1;
    })
    .slice(0, missing)
    .forEach(({ index }) => (amounts[index] += 1n));
  return amounts;
}

describe('allocatePool, against its step-by-step definition', () => {
  const weight = fc.oneof(
    fc.constant(0n),
    fc.bigInt({ min: 1n, max: 20n }),
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
  );
  it('gives the same amounts for random pools, caps and minimums', () => {
    fc.assert(
      fc.property(
        fc.array(weight, { maxLength: 40 }),
        fc.bigInt({ min: 0n, max: 10n ** 6n }),
        fc.option(fc.bigInt({ min: 0n, max: 10n ** 5n }), { nil: null }),
        fc.bigInt({ min: 0n, max: 10n ** 4n }),
        (weights, amount, cap, minimum) => {
          const rules = { amount, cap, minPayout: cap !== null && cap < minimum ? cap : minimum };
          expect(allocatePool(weights, rules).amounts).toEqual(allocatePoolByDefinition(weights, rules));
        },
      ),
      { numRuns: 500 },
    );
  });
});
