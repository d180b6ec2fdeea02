import type { Address, Hex } from 'viem';

/** One call a Safe makes: a proposal action, an ERC20 transfer of a payout. */
export interface SafeCall {
  readonly to: Address;
  readonly value: bigint;
  readonly data: Hex;
  readonly operation: 0 | 1;
}

/** The SafeTx fields owners sign (Safe 1.4.1's EIP-712 `SafeTx`). */
export interface SafeTxFields extends SafeCall {
  readonly safeTxGas: bigint;
  readonly baseGas: bigint;
  readonly gasPrice: bigint;
  readonly gasToken: Address;
  readonly refundReceiver: Address;
  readonly nonce: bigint;
}

export const SAFE_TX_STATUSES = [
  'AWAITING_CONFIRMATIONS',
  'READY',
  'EXECUTING',
  'EXECUTED',
  'FAILED',
  'REPLACED',
] as const;
export type SafeTxStatus = (typeof SAFE_TX_STATUSES)[number];

/** Where a Safe transaction came from. */
export const SAFE_TX_ORIGINS = [
  'PROPOSAL',
  'PAYOUT',
  'REVENUE_SHARE',
  'BOUNTY',
  'REJECTION',
  'EXTERNAL',
] as const;
export type SafeTxOrigin = (typeof SAFE_TX_ORIGINS)[number];

/** States in which a transaction may still execute (its nonce is not consumed). */
export const OPEN_STATUSES: ReadonlySet<SafeTxStatus> = new Set([
  'AWAITING_CONFIRMATIONS',
  'READY',
  'EXECUTING',
  'FAILED',
]);

export const SIGNATURE_TYPES = ['EOA', 'ETH_SIGN', 'CONTRACT', 'APPROVED_HASH'] as const;
export type SignatureType = (typeof SIGNATURE_TYPES)[number];

export interface SafeAction extends SafeCall {
  readonly humanReadable: string;
}

export interface SafeConfirmation {
  readonly owner: Address;
  readonly signature: Hex;
  readonly signatureType: SignatureType;
  readonly submittedAt: Date;
}

export interface SafeTransaction extends SafeTxFields {
  readonly safeTxHash: Hex;
  readonly daoId: string;
  readonly daoSlug: string;
  readonly chainId: number;
  readonly safe: Address;
  readonly origin: SafeTxOrigin;
  readonly proposalId: string | null;
  readonly roundId: string | null;
  readonly revenueShareId: string | null;
  readonly actions: readonly SafeAction[];
  readonly estimatedGas: bigint | null;
  readonly status: SafeTxStatus;
  readonly statusReason: string | null;
  readonly executionTxHash: Hex | null;
  readonly executionBlock: bigint | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export const SAFE_TX_UPDATED_TOPIC = 'treasury.safe-transaction-updated';

export interface SafeTxUpdatedEvent {
  readonly safeTxHash: Hex;
  readonly daoSlug: string;
  readonly status: SafeTxStatus;
}

/**
 * The next nonce to propose at: the Safe's own, or one past the highest still-open proposal
 * (Safe{Wallet}'s rule), so queued transactions execute in the order they were proposed.
 */
export function nextNonce(onChainNonce: bigint, openNonces: readonly bigint[]): bigint {
  return openNonces.reduce((next, nonce) => (nonce + 1n > next ? nonce + 1n : next), onChainNonce);
}
