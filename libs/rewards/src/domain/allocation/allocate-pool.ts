import { kthLargest } from './kth-largest.js';
import { largestRemainder } from './largest-remainder.js';

/** What happened to one recipient in its pool; `share` is the exact amount rounded down. */
export type AllocationOutcome =
  /** Paid its weight's share of what the capped and the dropped left; `roundedUp`: one more unit. */
  | { readonly rule: 'PRO_RATA'; readonly share: bigint; readonly roundedUp: boolean }
  /** Its share exceeded the cap: paid the cap, the excess went to the uncapped recipients. */
  | { readonly rule: 'CAPPED'; readonly cap: bigint }
  /** Its share was below the minimum payout: paid nothing, the share went to the others. */
  | { readonly rule: 'BELOW_MINIMUM'; readonly share: bigint; readonly minPayout: bigint }
  /** No weight: nothing to pay. */
  | { readonly rule: 'ZERO_WEIGHT' };

/** Why part of a pool was not paid out. */
export type UnallocatedReason =
  /** Nobody in the pool has weight. */
  | 'NO_WORK'
  /** Every recipient with weight is capped. */
  | 'ALL_CAPPED'
  /** The recipients left after the caps were all below the minimum payout. */
  | 'ALL_BELOW_MINIMUM';

export interface PoolRules {
  /** Base units to share out. */
  readonly amount: bigint;
  /** The most one recipient may receive; null: no cap. */
  readonly cap: bigint | null;
  /** Shares below this are paid nothing and go to the others; 0n: no minimum. */
  readonly minPayout: bigint;
}

export interface PoolAllocation {
  /** Per recipient, in the order given. */
  readonly amounts: bigint[];
  readonly outcomes: AllocationOutcome[];
  /** Per recipient: amount · weight / Σ weights rounded down, before caps and minimum payout. */
  readonly plainShares: bigint[];
  readonly allocated: bigint;
  readonly unallocated: bigint;
  /** Set exactly when `unallocated` > 0. */
  readonly unallocatedReason: UnallocatedReason | null;
}

/**
 * Shares one pool out by weight, in exact integer arithmetic:
 * 1. the cap: while the heaviest remaining recipient's share of what is left exceeds the cap, it
 *    gets the cap and leaves; the others' shares grow (iterative redistribution; the same as
 *    capping every share above the cap at once, and repeating until none is);
 * 2. the minimum payout: every recipient whose share is then below it gets nothing and leaves, all
 *    at once (equal weights are treated alike); their shares go to the others;
 * 3. the cap again, as the shares grew (a share that passed the minimum only grows, so step 2 never
 *    needs repeating);
 * 4. largest-remainder rounding of what is left over the remaining recipients, equal remainders in
 *    the order given (callers sort by address).
 * Rounding keeps every amount within [minimum, cap]: a share of at least an integer floors to it,
 * one of at most an integer ceils to it. If nobody is left, what is left is unallocated.
 *
 * Linear in the number of recipients but for the ordering of the few that can be capped.
 *
 * @param weights non-negative integers (see `scaleWeights`), one per recipient.
 */
export function allocatePool(
  weights: readonly bigint[],
  { amount, cap, minPayout }: PoolRules,
): PoolAllocation {
  const count = weights.length;
  const amounts = new Array<bigint>(count).fill(0n);
  const outcomes = new Array<AllocationOutcome>(count).fill(ZERO_WEIGHT);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n);
  const plainShares = weights.map((weight) => (totalWeight === 0n ? 0n : (amount * weight) / totalWeight));

  // 1 while a recipient with weight is still to be paid pro rata.
  const active = new Uint8Array(count);
  let remaining = 0;
  weights.forEach((weight, index) => {
    if (weight > 0n) {
      active[index] = 1;
      remaining++;
    }
  });
  if (remaining === 0) return unpaid(amounts, outcomes, plainShares, 0n, amount, 'NO_WORK');

  let rest = amount;
  let restWeight = totalWeight;
  const leave = (reason: UnallocatedReason): PoolAllocation =>
    unpaid(amounts, outcomes, plainShares, amount - rest, rest, reason);

  // Each capped recipient takes the cap, so at most amount / cap of them are: only that many of the
  // heaviest need ordering, and the cap walks them heaviest first.
  const capCandidates =
    cap === null
      ? []
      : heaviestFirst(weights, cap === 0n ? remaining : Number(min(amount / cap, BigInt(remaining))));
  let nextCandidate = 0;
  const applyCap = (): void => {
    if (cap === null) return;
    for (; nextCandidate < capCandidates.length; nextCandidate++) {
      const index = capCandidates[nextCandidate];
      if (active[index] === 0) continue;
      if (rest * weights[index] <= cap * restWeight) return;
      active[index] = 0;
      remaining--;
      amounts[index] = cap;
      outcomes[index] = { rule: 'CAPPED', cap };
      rest -= cap;
      restWeight -= weights[index];
    }
  };

  applyCap();
  if (remaining === 0) return leave('ALL_CAPPED');
  if (minPayout > 0n) {
    const minimumWeight = minPayout * restWeight;
    let droppedWeight = 0n;
    weights.forEach((weight, index) => {
      if (active[index] === 1 && rest * weight < minimumWeight) {
        active[index] = 0;
        remaining--;
        outcomes[index] = { rule: 'BELOW_MINIMUM', share: (rest * weight) / restWeight, minPayout };
        droppedWeight += weight;
      }
    });
    restWeight -= droppedWeight;
    if (remaining === 0) return leave('ALL_BELOW_MINIMUM');
    applyCap();
    if (remaining === 0) return leave('ALL_CAPPED');
  }

  const paid: number[] = [];
  active.forEach((isActive, index) => {
    if (isActive === 1) paid.push(index);
  });
  const rounded = largestRemainder(
    paid.map((index) => rest * weights[index]),
    restWeight,
    rest,
  );
  paid.forEach((index, position) => {
    const roundedUp = rounded.roundedUp[position];
    amounts[index] = rounded.amounts[position];
    outcomes[index] = {
      rule: 'PRO_RATA',
      share: roundedUp ? amounts[index] - 1n : amounts[index],
      roundedUp,
    };
  });
  return { amounts, outcomes, plainShares, allocated: amount, unallocated: 0n, unallocatedReason: null };
}

const ZERO_WEIGHT: AllocationOutcome = { rule: 'ZERO_WEIGHT' };

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * The recipients with weight among the `count` heaviest (with everyone tied with the last of
 * them), heaviest first, equal weights in index order.
 */
function heaviestFirst(weights: readonly bigint[], count: number): number[] {
  if (count === 0) return [];
  const withWeight = weights.flatMap((weight, index) => (weight > 0n ? [index] : []));
  const lightestKept =
    count >= withWeight.length
      ? 0n
      : kthLargest(
          withWeight.map((index) => weights[index]),
          count,
        );
  return withWeight
    .filter((index) => weights[index] >= lightestKept)
    .sort((a, b) => (weights[a] === weights[b] ? a - b : weights[a] > weights[b] ? -1 : 1));
}

function unpaid(
  amounts: bigint[],
  outcomes: AllocationOutcome[],
  plainShares: bigint[],
  allocated: bigint,
  unallocated: bigint,
  reason: UnallocatedReason,
): PoolAllocation {
  const unallocatedReason = unallocated > 0n ? reason : null;
  return { amounts, outcomes, plainShares, allocated, unallocated, unallocatedReason };
}
