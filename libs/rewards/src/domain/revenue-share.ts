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
