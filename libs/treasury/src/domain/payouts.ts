import { formatTokenAmount } from '@guildhall/core';
import type { Address } from 'viem';

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
  /** Why it is paid, as its source says: "round Round 3, attestation 42". */
  readonly reason: string;
}

/** "transfer 1,250.5 USDC to 0xAbC…123 (handle) — round Round 3, attestation 42". */
export function describeTransfer(transfer: TransferDescription): string {
  const who = `${shortAddress(transfer.recipient)}${transfer.handle === null ? '' : ` (${transfer.handle})`}`;
  return `transfer ${formatTokenAmount(transfer.amount, transfer.decimals)} ${transfer.symbol} to ${who} — ${transfer.reason}`;
}
