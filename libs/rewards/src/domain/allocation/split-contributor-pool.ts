import { BPS } from './allocation-input.js';
import { largestRemainder } from './largest-remainder.js';

export interface KindSplitEntry {
  readonly shareBps: number;
  readonly floorBps: number;
  /** Whether anyone in the kind's pool has weight. */
  readonly hasWork: boolean;
}

export interface KindSplit {
  /** Base units of the contributor pool for the kind; the amounts sum to the contributor pool. */
  readonly amount: bigint;
  /** bps of the contributor pool the kind gave to the kinds with work (its share above its floor). */
  readonly releasedBps: number;
}

/**
 * Splits the contributor pool into kind pools. A kind with work gets its share plus, pro rata to
 * shares, what the kinds without work release: their shares above their floors. A kind without work
 * keeps only its floor (which then stays unallocated). If no kind with a share has work, nothing is
 * released and every kind keeps its whole share. The exact amounts are rounded by largest
 * remainder, ties in the order given, so they sum to the contributor pool exactly.
 *
 * @param kinds shares summing to 10,000 bps, floors at most their shares.
 */
export function splitContributorPool(contributorPool: bigint, kinds: readonly KindSplitEntry[]): KindSplit[] {
  const receiving = kinds.reduce((sum, { shareBps, hasWork }) => (hasWork ? sum + shareBps : sum), 0);
  const releasedBps = kinds.map(({ shareBps, floorBps, hasWork }) =>
    receiving > 0 && !hasWork ? shareBps - floorBps : 0,
  );
  const released = releasedBps.reduce((sum, bps) => sum + bps, 0);
  // Each kind's bps, scaled by `receiving` so that the released bps divide exactly:
  // Σ = receiving · Σ shares = receiving · 10,000 (or 10,000 when nobody receives).
  const scale = Math.max(receiving, 1);
  const scaledBps = kinds.map(({ shareBps }, index) =>
    kinds[index].hasWork ? shareBps * (receiving + released) : (shareBps - releasedBps[index]) * scale,
  );
  const { amounts } = largestRemainder(
    scaledBps.map((bps) => contributorPool * BigInt(bps)),
    BigInt(BPS * scale),
    contributorPool,
  );
  return amounts.map((amount, index) => ({ amount, releasedBps: releasedBps[index] }));
}
