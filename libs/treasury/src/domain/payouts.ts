import { formatTokenAmount } from '@guildhall/core';
import type { Address } from 'viem';

/** A due vesting tranche, ready to become one ERC20 transfer. */
export interface DueTransfer {
  readonly trancheId: string;
  readonly roundId: string;
  readonly token: Address;
  readonly recipient: Address;
  readonly amount: bigint;
}

/**
 * Due transfers in batches of at most `maxPerBatch`, one token and one round per batch, in a stable
 * order (round, token, then the order given), so re-planning the same tranches gives the same batches.
 */
export function batchTransfers<T extends DueTransfer>(transfers: readonly T[], maxPerBatch: number): T[][] {
  if (!Number.isInteger(maxPerBatch) || maxPerBatch < 1)
    throw new RangeError(`maxPerBatch must be a positive integer, got ${maxPerBatch}`);
  const groups = new Map<string, T[]>();
  for (const transfer of transfers) {
    const key = `${transfer.roundId}/${transfer.token}`;
    const group = groups.get(key) ?? [];
    group.push(transfer);
    groups.set(key, group);
  }
  return [...groups.keys()].sort().flatMap((key) => {
    const group = groups.get(key) ?? [];
    const batches: T[][] = [];
    for (let start = 0; start < group.length; start += maxPerBatch)
      batches.push(group.slice(start, start + maxPerBatch));
    return batches;
  });
}

/**
 * Splits a batch in halves until each part's estimated gas is within `gasCap`; returns each part
 * with its estimate. A single transfer above the cap cannot be split and is returned as is, with
 * its estimate, for the caller to refuse.
 */
export async function splitToGasCap<T>(
  batch: readonly T[],
  estimate: (part: readonly T[]) => Promise<bigint>,
  gasCap: bigint,
): Promise<Array<{ part: T[]; gas: bigint }>> {
  const gas = await estimate(batch);
  if (gas <= gasCap || batch.length <= 1) return [{ part: [...batch], gas }];
  const middle = Math.ceil(batch.length / 2);
  return [
    ...(await splitToGasCap(batch.slice(0, middle), estimate, gasCap)),
    ...(await splitToGasCap(batch.slice(middle), estimate, gasCap)),
  ];
}

/** "0xAbC…123": the first four and last three characters of an address. */
export function shortAddress(address: Address): string {
  return `${address.slice(0, 5)}…${address.slice(-3)}`;
}

export interface TransferDescription {
  readonly amount: bigint;
  readonly decimals: number;
  readonly symbol: string;
  readonly recipient: Address;
  readonly handle: string | null;
  readonly roundName: string;
  /** The attestations the allocation pays for; none for reviewer dividends. */
  readonly attestations: readonly string[];
  readonly pool: string;
}

/** "transfer 1,250.5 USDC to 0xAbC…123 (handle) — round Round 3, attestation 42". */
export function describeTransfer(transfer: TransferDescription): string {
  const who = `${shortAddress(transfer.recipient)}${transfer.handle === null ? '' : ` (${transfer.handle})`}`;
  const why =
    transfer.attestations.length === 0
      ? `reviewer dividends (${transfer.pool})`
      : `${transfer.attestations.length === 1 ? 'attestation' : 'attestations'} ${transfer.attestations.join(', ')}`;
  return `transfer ${formatTokenAmount(transfer.amount, transfer.decimals)} ${transfer.symbol} to ${who} — round ${transfer.roundName}, ${why}`;
}
