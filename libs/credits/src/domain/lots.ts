/** A grant's lot as spending sees it: what is left, and when it expires and became effective. */
export interface Lot {
  readonly grantId: string;
  readonly remaining: bigint;
  readonly expiresAt: Date | null;
  readonly effectiveAt: Date;
}

/**
 * The order grants are spent in: earliest expiry first (no expiry last), then the oldest (earliest
 * effective), then by id so that two equal grants are always taken in the same order.
 */
export const byPriority = (a: Lot, b: Lot): number => {
  const expiry = (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity);
  if (expiry !== 0 && !Number.isNaN(expiry)) return expiry;
  const effective = a.effectiveAt.getTime() - b.effectiveAt.getTime();
  if (effective !== 0) return effective;
  return a.grantId < b.grantId ? -1 : a.grantId > b.grantId ? 1 : 0;
};

/**
 * How much of each lot `amount` takes, in priority order; undefined when the lots hold less.
 */
export function takeFromLots(
  lots: readonly Lot[],
  amount: bigint,
): Array<{ grantId: string; amount: bigint }> | undefined {
  const taken: Array<{ grantId: string; amount: bigint }> = [];
  let left = amount;
  for (const lot of [...lots].sort(byPriority)) {
    if (left === 0n) break;
    const take = lot.remaining < left ? lot.remaining : left;
    if (take > 0n) taken.push({ grantId: lot.grantId, amount: take });
    left -= take;
  }
  return left === 0n ? taken : undefined;
}
