import { largestRemainder } from './allocation/index.js';

export interface HolderBalance {
  readonly holder: string;
  /** Balance at the snapshot block, in the governance token's base units. */
  readonly balance: bigint;
}

export interface RevenueShareResult {
  /**
   * The eligible holders whose share is at least one base unit, by address; amounts sum to
   * `amount` exactly (a share that rounds to nothing gets no allocation).
   */
  readonly allocations: ReadonlyArray<{ holder: string; balance: bigint; amount: bigint }>;
  /** Σ balances of the eligible holders. */
  readonly eligibleSupply: bigint;
  /** The whole amount when nobody is eligible, else 0. */
  readonly unallocated: bigint;
}

/**
 * Revenue shared pro rata to balances at a snapshot, exactly: amount · balance / Σ balances by
 * largest remainder (ties to the lower address), so the shares sum to `amount`. Excluded addresses
 * (the Safe, a burn address) and empty balances get nothing.
 */
export function shareRevenue(
  amount: bigint,
  balances: readonly HolderBalance[],
  exclude: readonly string[],
): RevenueShareResult {
  const excluded = new Set(exclude.map((address) => address.toLowerCase()));
  const eligible = balances
    .filter((entry) => entry.balance > 0n && !excluded.has(entry.holder.toLowerCase()))
    .sort((a, b) => (a.holder.toLowerCase() < b.holder.toLowerCase() ? -1 : 1));
  const eligibleSupply = eligible.reduce((sum, entry) => sum + entry.balance, 0n);
  if (eligibleSupply === 0n) return { allocations: [], eligibleSupply, unallocated: amount };
  const { amounts } = largestRemainder(
    eligible.map((entry) => amount * entry.balance),
    eligibleSupply,
    amount,
  );
  return {
    allocations: eligible
      .map((entry, index) => ({ ...entry, amount: amounts[index] }))
      .filter((entry) => entry.amount > 0n),
    eligibleSupply,
    unallocated: 0n,
  };
}

export interface MinPayoutSplit<T extends { amount: bigint }> {
  /** At least `minPayout`: paid through the Safe. */
  readonly paid: T[];
  /** Below `minPayout`: not paid; their sum is carried over to the next share. */
  readonly carried: T[];
  /** Σ paid amounts. */
  readonly allocated: bigint;
  /** Σ carried amounts. */
  readonly carriedOver: bigint;
}

/**
 * Splits allocations at the minimum payout (base units): those below it are not paid and their sum
 * is carried over, so allocated + carriedOver is exactly what was shared.
 */
export function applyMinPayout<T extends { amount: bigint }>(
  allocations: readonly T[],
  minPayout: bigint,
): MinPayoutSplit<T> {
  if (minPayout < 0n) throw new RangeError(`minPayout must be at least 0, got ${minPayout}`);
  const paid = allocations.filter((allocation) => allocation.amount >= minPayout);
  const carried = allocations.filter((allocation) => allocation.amount < minPayout);
  const sum = (entries: readonly T[]) => entries.reduce((total, entry) => total + entry.amount, 0n);
  return { paid, carried, allocated: sum(paid), carriedOver: sum(carried) };
}

/** A finalized round allocation of a contributor, with the attestations it pays for and their splits. */
export interface ContributorAllocation {
  readonly recipient: string;
  /** Base units of the round's token. */
  readonly amount: bigint;
  /** Its attestations and the contributor's credited bps of each (co-contributor splits). */
  readonly attestations: ReadonlyArray<{ readonly id: string; readonly bps: number }>;
}

/**
 * Each contributor's weight for a model: Σ over its allocations of the part that pays for the
 * model's attestations, amount · (credited bps of its attestations of the model) / (credited bps of
 * all its attestations), rounded down to a base unit. Allocations with no attestation of the model
 * (and reviewers' dividends, which have none) weigh nothing; contributors of weight 0 are left out.
 */
export function modelWeights(
  allocations: readonly ContributorAllocation[],
  modelOf: ReadonlyMap<string, string>,
  model: string,
): HolderBalance[] {
  const weights = new Map<string, HolderBalance>();
  for (const allocation of allocations) {
    const all = allocation.attestations.reduce((sum, attestation) => sum + BigInt(attestation.bps), 0n);
    const ofModel = allocation.attestations
      .filter((attestation) => modelOf.get(attestation.id) === model)
      .reduce((sum, attestation) => sum + BigInt(attestation.bps), 0n);
    if (all === 0n || ofModel === 0n) continue;
    const key = allocation.recipient.toLowerCase();
    const balance = (weights.get(key)?.balance ?? 0n) + (allocation.amount * ofModel) / all;
    weights.set(key, { holder: allocation.recipient, balance });
  }
  return [...weights.values()].filter((entry) => entry.balance > 0n);
}
