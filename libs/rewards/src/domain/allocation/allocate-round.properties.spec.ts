import fc from 'fast-check';
import { allocateRound, REVIEWER_POOL } from './allocate-round.js';
import type { AllocationEntry, AllocationInput, KindPoolParams } from './allocation-input.js';
import { ATTESTATION_KINDS, type AttestationKind } from './attestation-kind.js';
import type { Weight } from './weight.js';

const address = (id: number): string => `0x${id.toString(16).padStart(40, '0')}`;

const weight: fc.Arbitrary<Weight> = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }),
  fc.bigInt({ min: 0n, max: 10n ** 24n }),
);

const pool: fc.Arbitrary<AllocationEntry<number>[]> = fc
  .uniqueArray(fc.record({ id: fc.integer({ min: 0, max: 60 }), weight }), {
    selector: ({ id }) => id,
    maxLength: 12,
  })
  .map((entries) => entries.map(({ id, weight }) => ({ recipient: address(id), weight, details: id })));

/** Six cut points in [0, 10,000] make seven shares summing to 10,000; each floor a part of its share. */
const kindPools: fc.Arbitrary<Record<AttestationKind, Required<KindPoolParams>>> = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 6, maxLength: 6 }),
    fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 7, maxLength: 7 }),
  )
  .map(([cuts, floorQuarters]) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 10_000];
    return Object.fromEntries(
      ATTESTATION_KINDS.map((kind, index) => {
        const shareBps = points[index + 1] - points[index];
        return [kind, { shareBps, floorBps: Math.floor((shareBps * floorQuarters[index]) / 4) }];
      }),
    ) as Record<AttestationKind, Required<KindPoolParams>>;
  });

const round: fc.Arbitrary<AllocationInput<number>> = fc
  .record({
    budget: fc.oneof(fc.bigInt({ min: 1n, max: 1_000n }), fc.bigInt({ min: 1n, max: 10n ** 30n })),
    reviewerShareBps: fc.integer({ min: 0, max: 10_000 }),
    kindPools,
    contributorCapBps: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
    minPayoutPpm: fc.integer({ min: 0, max: 50_000 }),
    contributors: fc.record(
      Object.fromEntries(ATTESTATION_KINDS.map((kind) => [kind, pool])) as Record<
        AttestationKind,
        typeof pool
      >,
      { requiredKeys: [] },
    ),
    reviewers: pool,
  })
  .map(({ minPayoutPpm, contributors, reviewers, ...params }) => {
    const contributorPool = params.budget - (params.budget * BigInt(params.reviewerShareBps)) / 10_000n;
    const cap =
      params.contributorCapBps === undefined
        ? null
        : (contributorPool * BigInt(params.contributorCapBps)) / 10_000n;
    const minPayout = (params.budget * BigInt(minPayoutPpm)) / 1_000_000n;
    return {
      params: { ...params, minPayout: cap !== null && cap < minPayout ? cap : minPayout },
      contributors,
      reviewers,
    };
  });

/** A seeded shuffle (mulberry32), so a failing case replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const result = [...items];
  for (let index = result.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [result[index], result[other]] = [result[other], result[index]];
  }
  return result;
}

const reversedKeys = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).reverse()) as T;

describe('allocateRound, for any valid round', () => {
  it('allocates the budget exactly: every pool sums to its amount, the pools to the budget', () => {
    fc.assert(
      fc.property(round, (input) => {
        const result = allocateRound(input);
        const sum = (values: bigint[]): bigint => values.reduce((total, value) => total + value, 0n);
        expect(sum(result.allocations.map(({ amount }) => amount)) + result.unallocated).toBe(
          input.params.budget,
        );
        expect(result.allocated + result.unallocated).toBe(input.params.budget);
        expect(result.reviewerPool + result.contributorPool).toBe(input.params.budget);
        expect(sum(result.pools.map(({ amount }) => amount))).toBe(input.params.budget);
        for (const report of result.pools) {
          const paid = result.allocations.filter((allocation) => allocation.pool === report.pool);
          expect(sum(paid.map(({ amount }) => amount))).toBe(report.allocated);
          expect(report.allocated + report.unallocated).toBe(report.amount);
          expect(report.unallocatedReason !== null).toBe(report.unallocated > 0n);
        }
        expect(result.allocations.every(({ amount }) => amount >= 0n)).toBe(true);
      }),
    );
  });

  it('holds the cap, the minimum payout and the floors', () => {
    fc.assert(
      fc.property(round, (input) => {
        const result = allocateRound(input);
        const { contributorPool, cap, minPayout } = result;
        for (const { pool, amount } of result.allocations) {
          if (cap !== null && pool !== REVIEWER_POOL) expect(amount).toBeLessThanOrEqual(cap);
          if (amount > 0n) expect(amount).toBeGreaterThanOrEqual(minPayout);
        }
        const someKindTakesReleases = result.pools.some(
          ({ pool, shareBps }) => pool !== REVIEWER_POOL && shareBps > 0 && hasWork(input, pool),
        );
        for (const report of result.pools.filter(({ pool }) => pool !== REVIEWER_POOL)) {
          const bps = (value: number): bigint => (contributorPool * BigInt(value)) / 10_000n;
          expect(report.amount).toBeGreaterThanOrEqual(bps(report.floorBps));
          if (hasWork(input, report.pool)) expect(report.amount).toBeGreaterThanOrEqual(bps(report.shareBps));
          else if (someKindTakesReleases)
            expect(report.amount).toBeLessThanOrEqual(bps(report.floorBps) + 1n);
          else expect(report.amount).toBeLessThanOrEqual(bps(report.shareBps) + 1n);
        }
      }),
    );
  });

  it('pays each recipient its exact share to within one unit, heavier recipients no less than lighter ones', () => {
    fc.assert(
      fc.property(round, (input) => {
        const result = allocateRound(input);
        for (const { amount, explanation } of result.allocations) {
          if (explanation.outcome.rule === 'PRO_RATA') {
            expect(amount - explanation.outcome.share).toBe(explanation.outcome.roundedUp ? 1n : 0n);
          }
        }
        for (const report of result.pools) {
          const rank = { BELOW_MINIMUM: 0, PRO_RATA: 1, CAPPED: 2 } as const;
          const ranked = result.allocations
            .filter(
              ({ pool, explanation }) => pool === report.pool && explanation.outcome.rule !== 'ZERO_WEIGHT',
            )
            .map(({ explanation }) => ({
              weight: explanation.weight,
              rank: rank[explanation.outcome.rule as keyof typeof rank],
            }));
          for (const a of ranked) {
            for (const b of ranked) {
              if (a.weight < b.weight) expect(a.rank).toBeLessThanOrEqual(b.rank);
            }
          }
        }
      }),
    );
  });

  it('gives the same result whatever the order of entries and keys', () => {
    fc.assert(
      fc.property(round, fc.nat(), (input, seed) => {
        const permuted: AllocationInput<number> = {
          params: { ...input.params, kindPools: reversedKeys(input.params.kindPools) },
          contributors: reversedKeys(
            Object.fromEntries(
              Object.entries(input.contributors).map(([kind, entries]) => [kind, shuffled(entries, seed)]),
            ),
          ),
          reviewers: shuffled(input.reviewers, seed + 1),
        };
        expect(allocateRound(permuted)).toEqual(allocateRound(input));
      }),
    );
  });

  it('depends only on the ratios of weights within a pool, exactly', () => {
    fc.assert(
      fc.property(round, (input) => {
        const doubled = (entries: readonly AllocationEntry<number>[]): AllocationEntry<number>[] =>
          entries.map((entry) => ({
            ...entry,
            weight: typeof entry.weight === 'bigint' ? entry.weight * 2n : entry.weight * 2,
          }));
        const scaled: AllocationInput<number> = {
          params: input.params,
          contributors: Object.fromEntries(
            Object.entries(input.contributors).map(([kind, entries]) => [kind, doubled(entries)]),
          ),
          reviewers: doubled(input.reviewers),
        };
        const amounts = (round: AllocationInput<number>): bigint[] =>
          allocateRound(round).allocations.map(({ amount }) => amount);
        expect(amounts(scaled)).toEqual(amounts(input));
      }),
    );
  });
});

function hasWork(input: AllocationInput<number>, kind: AttestationKind | typeof REVIEWER_POOL): boolean {
  const entries = kind === REVIEWER_POOL ? input.reviewers : (input.contributors[kind] ?? []);
  return entries.some(({ weight }) => weight > 0);
}
