import { AllocationError, AllocationErrorCode } from './allocation.error.js';
import {
  BPS,
  resolveAllocationInput,
  type AllocationEntry,
  type AllocationInput,
} from './allocation-input.js';
import {
  allocatePool,
  type AllocationOutcome,
  type PoolRules,
  type UnallocatedReason,
} from './allocate-pool.js';
import { ATTESTATION_KINDS, type AttestationKind } from './attestation-kind.js';
import { splitContributorPool } from './split-contributor-pool.js';
import { scaleWeights, type Weight } from './weight.js';

export const REVIEWER_POOL = 'REVIEWERS';
export type PoolId = AttestationKind | typeof REVIEWER_POOL;

/** Why a recipient gets what it gets. */
export interface AllocationExplanation<Details> {
  /** The entry's `details`, unchanged (attestations, scores, consensus, clipped weight, incentive). */
  readonly details: Details;
  /** The weight as given. */
  readonly weight: Weight;
  readonly pool: PoolId;
  /** What the pool had to share out (its floor and any release are in the pool's report). */
  readonly poolAmount: bigint;
  /** poolAmount · weight / Σ weights, rounded down: the share before caps and minimum payout. */
  readonly plainShare: bigint;
  /** The step that settled the amount: pro rata, cap, minimum payout or no weight. */
  readonly outcome: AllocationOutcome;
}

export interface Allocation<Details> {
  readonly recipient: string;
  readonly pool: PoolId;
  /** Base units; 0n for a recipient left unpaid (its outcome says why). */
  readonly amount: bigint;
  readonly explanation: AllocationExplanation<Details>;
}

export interface PoolReport {
  readonly pool: PoolId;
  /** Of the budget for the reviewers, of the contributor pool for a kind. */
  readonly shareBps: number;
  /** The part of a kind's share it never gives to other kinds (0 for the reviewers). */
  readonly floorBps: number;
  /** bps of the contributor pool a kind without work gave to the kinds with work. */
  readonly releasedBps: number;
  /** What the pool shared out: allocated + unallocated. */
  readonly amount: bigint;
  readonly allocated: bigint;
  readonly unallocated: bigint;
  /** Set exactly when `unallocated` > 0. */
  readonly unallocatedReason: UnallocatedReason | null;
  /** How many recipients were held at the cap, and how many fell below the minimum payout. */
  readonly capped: number;
  readonly belowMinimum: number;
}

export interface AllocationResult<Details> {
  readonly budget: bigint;
  readonly reviewerPool: bigint;
  readonly contributorPool: bigint;
  /** The per-contributor cap in base units, or null. */
  readonly cap: bigint | null;
  readonly minPayout: bigint;
  /** The kind pools in ATTESTATION_KINDS order, then the reviewers' pool. */
  readonly pools: PoolReport[];
  /** Every entry of the input, pool by pool in the order of `pools`, by recipient within a pool. */
  readonly allocations: Allocation<Details>[];
  /** Σ allocations; allocated + unallocated = budget, exactly. */
  readonly allocated: bigint;
  readonly unallocated: bigint;
}

/**
 * The allocation of a reward round, in exact bigint base units:
 * 1. the reviewers' pool is `reviewerShareBps` of the budget rounded down, the contributors' pool
 *    the rest;
 * 2. the contributor pool is split into kind pools by their shares; a kind without work releases
 *    its share above its floor to the kinds with work and keeps its floor unallocated
 *    (`splitContributorPool`);
 * 3. each kind pool is shared by incentive, with the per-contributor cap and the minimum payout;
 *    the reviewers' pool by dividends, with the minimum payout (`allocatePool`);
 * 4. every amount is rounded by largest remainder, ties broken by kind order and by address, so
 *    each pool sums to its amount and the round to its budget exactly; what nobody can take is
 *    reported as unallocated.
 * The result depends only on the input's content, never on the order of its entries or keys.
 *
 * @throws AllocationError when the input is invalid (see AllocationErrorCode).
 */
export function allocateRound<Details>(input: AllocationInput<Details>): AllocationResult<Details> {
  const round = resolveAllocationInput(input);
  const { budget, minPayout } = round;
  const reviewerPool = (budget * BigInt(round.reviewerShareBps)) / BigInt(BPS);
  const contributorPool = budget - reviewerPool;
  const cap =
    round.contributorCapBps === null
      ? null
      : (contributorPool * BigInt(round.contributorCapBps)) / BigInt(BPS);
  if (cap !== null && cap < minPayout) {
    throw new AllocationError(
      AllocationErrorCode.CAP_BELOW_MIN_PAYOUT,
      `params.contributorCapBps: the cap of ${cap} base units is below the minimum payout of ${minPayout}`,
      { path: ['params', 'contributorCapBps'], value: String(cap) },
    );
  }

  const scaled = ATTESTATION_KINDS.map((kind) =>
    scaleWeights(round.contributors[kind].map(({ weight }) => weight)),
  );
  const split = splitContributorPool(
    contributorPool,
    ATTESTATION_KINDS.map((kind, index) => ({
      ...round.kindPools[kind],
      hasWork: scaled[index].some((weight) => weight > 0n),
    })),
  );

  const pools: PoolReport[] = [];
  const allocations: Allocation<Details>[] = [];
  const share = (
    pool: PoolId,
    entries: readonly AllocationEntry<Details>[],
    weights: bigint[],
    rules: PoolRules,
    report: Pick<PoolReport, 'shareBps' | 'floorBps' | 'releasedBps'>,
  ): void => {
    const result = allocatePool(weights, rules);
    entries.forEach(({ recipient, weight, details }, index) => {
      const plainShare = result.plainShares[index];
      const outcome = result.outcomes[index];
      const explanation = { details, weight, pool, poolAmount: rules.amount, plainShare, outcome };
      allocations.push({ recipient, pool, amount: result.amounts[index], explanation });
    });
    pools.push({
      pool,
      ...report,
      amount: rules.amount,
      allocated: result.allocated,
      unallocated: result.unallocated,
      unallocatedReason: result.unallocatedReason,
      capped: countOutcomes(result.outcomes, 'CAPPED'),
      belowMinimum: countOutcomes(result.outcomes, 'BELOW_MINIMUM'),
    });
  };

  ATTESTATION_KINDS.forEach((kind, index) =>
    share(
      kind,
      round.contributors[kind],
      scaled[index],
      { amount: split[index].amount, cap, minPayout },
      { ...round.kindPools[kind], releasedBps: split[index].releasedBps },
    ),
  );
  share(
    REVIEWER_POOL,
    round.reviewers,
    scaleWeights(round.reviewers.map(({ weight }) => weight)),
    { amount: reviewerPool, cap: null, minPayout },
    { shareBps: round.reviewerShareBps, floorBps: 0, releasedBps: 0 },
  );

  const allocated = pools.reduce((sum, pool) => sum + pool.allocated, 0n);
  return {
    budget,
    reviewerPool,
    contributorPool,
    cap,
    minPayout,
    pools,
    allocations,
    allocated,
    unallocated: budget - allocated,
  };
}

const countOutcomes = (outcomes: readonly AllocationOutcome[], rule: AllocationOutcome['rule']): number =>
  outcomes.reduce((count, outcome) => (outcome.rule === rule ? count + 1 : count), 0);
