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
 *    gets the cap and leaves; the others' shares grow (iterative redistribution);
 * 2. the minimum payout: every recipient whose share is then below it gets nothing and leaves, all
 *    at once (equal weights are treated alike); their shares go to the others;
 * 3. the cap again, as the shares grew (a share that passed the minimum only grows, so step 2 never
 *    needs repeating);
 * 4. largest-remainder rounding of what is left over the remaining recipients, equal remainders in
 *    the order given (callers sort by address).
 * Rounding keeps every amount within [minimum, cap]: a share of at least an integer floors to it,
 * one of at most an integer ceils to it. If nobody is left, what is left is unallocated.
 *
 * @param weights non-negative integers (see `scaleWeights`), one per recipient.
 */
export function allocatePool(
  weights: readonly bigint[],
  { amount, cap, minPayout }: PoolRules,
): PoolAllocation {
  const count = weights.length;
  const amounts = new Array<bigint>(count).fill(0n);
  const outcomes = new Array<AllocationOutcome>(count).fill({ rule: 'ZERO_WEIGHT' });
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0n);
  const plainShares = weights.map((weight) => (totalWeight === 0n ? 0n : (amount * weight) / totalWeight));

  // Recipients with weight, lightest first (ties in the order given): the capped leave from the
  // top, the ones below the minimum from the bottom.
  const byWeight = weights
    .map((_, index) => index)
    .filter((index) => weights[index] > 0n)
    .sort((a, b) => (weights[a] === weights[b] ? a - b : weights[a] < weights[b] ? -1 : 1));
  if (byWeight.length === 0) return unpaid(amounts, outcomes, plainShares, 0n, amount, 'NO_WORK');

  let lightest = 0;
  let heaviest = byWeight.length - 1;
  let rest = amount;
  let restWeight = totalWeight;
  const applyCap = (): void => {
    if (cap === null) return;
    while (lightest <= heaviest && rest * weights[byWeight[heaviest]] > cap * restWeight) {
      const index = byWeight[heaviest--];
      amounts[index] = cap;
      outcomes[index] = { rule: 'CAPPED', cap };
      rest -= cap;
      restWeight -= weights[index];
    }
  };

  const leave = (reason: UnallocatedReason): PoolAllocation =>
    unpaid(amounts, outcomes, plainShares, amount - rest, rest, reason);

  applyCap();
  if (lightest > heaviest) return leave('ALL_CAPPED');
  let dropped = 0;
  while (
    lightest + dropped <= heaviest &&
    rest * weights[byWeight[lightest + dropped]] < minPayout * restWeight
  ) {
    const index = byWeight[lightest + dropped++];
    outcomes[index] = { rule: 'BELOW_MINIMUM', share: (rest * weights[index]) / restWeight, minPayout };
  }
  for (; dropped > 0; dropped--) restWeight -= weights[byWeight[lightest++]];
  if (lightest > heaviest) return leave('ALL_BELOW_MINIMUM');
  applyCap();
  if (lightest > heaviest) return leave('ALL_CAPPED');

  const paid = byWeight.slice(lightest, heaviest + 1).sort((a, b) => a - b);
  const numerators = paid.map((index) => rest * weights[index]);
  const rounded = largestRemainder(numerators, restWeight, rest);
  paid.forEach((index, position) => {
    const share = numerators[position] / restWeight;
    amounts[index] = rounded[position];
    outcomes[index] = { rule: 'PRO_RATA', share, roundedUp: rounded[position] > share };
  });
  return { amounts, outcomes, plainShares, allocated: amount, unallocated: 0n, unallocatedReason: null };
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
