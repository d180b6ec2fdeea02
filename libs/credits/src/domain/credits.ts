import type { Address } from '@guildhall/core';

export const CreditAccountKind = {
  CONTRIBUTOR: 'CONTRIBUTOR',
  ISSUANCE: 'ISSUANCE',
  SPEND: 'SPEND',
  EXPIRY: 'EXPIRY',
} as const;
export type CreditAccountKind = (typeof CreditAccountKind)[keyof typeof CreditAccountKind];

export const CreditTransferKind = {
  GRANT: 'GRANT',
  SPEND: 'SPEND',
  CAPTURE: 'CAPTURE',
  EXPIRY: 'EXPIRY',
} as const;
export type CreditTransferKind = (typeof CreditTransferKind)[keyof typeof CreditTransferKind];

export const CreditHoldStatus = {
  ACTIVE: 'ACTIVE',
  CAPTURED: 'CAPTURED',
  VOIDED: 'VOIDED',
  EXPIRED: 'EXPIRED',
} as const;
export type CreditHoldStatus = (typeof CreditHoldStatus)[keyof typeof CreditHoldStatus];

export interface CreditType {
  readonly id: string;
  readonly daoId: string;
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly scale: number;
  readonly createdAt: Date;
}

export interface CreditAccount {
  readonly id: string;
  readonly daoId: string;
  readonly kind: CreditAccountKind;
  /** A contributor's checksummed address, a service's name, or "" (issuance, expiry). */
  readonly owner: string;
}

export interface CreditPosting {
  readonly accountId: string;
  readonly creditTypeId: string;
  /** Signed base units: into (+) or out of (−) the account. */
  readonly amount: bigint;
}

/** A posting as a transfer shows it: with its account's kind and owner and its credit type's code. */
export interface CreditTransferPosting extends CreditPosting {
  readonly accountKind: CreditAccountKind;
  readonly owner: string;
  readonly creditType: string;
}

export interface CreditTransfer {
  readonly id: string;
  readonly daoId: string;
  readonly kind: CreditTransferKind;
  readonly clientKey: string;
  readonly reference: string | null;
  readonly createdAt: Date;
  readonly postings: readonly CreditTransferPosting[];
}

export interface CreditBalance {
  readonly accountId: string;
  readonly creditTypeId: string;
  readonly balance: bigint;
  /** What active holds reserve. */
  readonly held: bigint;
  /** balance − held. */
  readonly available: bigint;
}

export interface CreditGrant {
  readonly id: string;
  readonly accountId: string;
  readonly creditTypeId: string;
  readonly amount: bigint;
  /** What no spend, capture, expiry or active hold has taken yet. */
  readonly remaining: bigint;
  readonly effectiveAt: Date;
  readonly expiresAt: Date | null;
}

export interface CreditHold {
  readonly id: string;
  readonly daoId: string;
  readonly clientKey: string;
  readonly accountId: string;
  readonly spendAccountId: string;
  /** The spend account's service. */
  readonly service: string;
  readonly creditTypeId: string;
  readonly amount: bigint;
  readonly status: CreditHoldStatus;
  readonly captured: bigint | null;
  readonly captureTransferId: string | null;
  readonly reference: string | null;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly closedAt: Date | null;
}

export interface NewCreditType {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly scale: number;
}

export interface GrantRequest {
  readonly clientKey: string;
  readonly contributor: Address;
  readonly creditType: string;
  readonly amount: bigint;
  /** Default: now. */
  readonly effectiveAt?: Date;
  readonly expiresAt?: Date | null;
  readonly reference?: string | null;
}

export interface SpendRequest {
  readonly clientKey: string;
  readonly contributor: Address;
  /** The spend account's service name, e.g. "inference-gateway". */
  readonly service: string;
  readonly creditType: string;
  readonly amount: bigint;
  readonly reference?: string | null;
}

export interface HoldRequest extends SpendRequest {
  /** Seconds until the worker voids the hold unless it is captured or voided first. */
  readonly timeoutSeconds: number;
}

export interface CaptureRequest {
  readonly clientKey: string;
  readonly holdId: string;
  readonly amount: bigint;
}

/** What the consistency query found wrong: every list empty when the ledger holds together. */
export interface CreditsConsistency {
  /** Balance rows that differ from the sum of their account's postings. */
  readonly balances: ReadonlyArray<{
    accountId: string;
    creditTypeId: string;
    stored: bigint;
    postings: bigint;
  }>;
  /** Held amounts that differ from the sum of the account's active holds. */
  readonly held: ReadonlyArray<{ accountId: string; creditTypeId: string; stored: bigint; holds: bigint }>;
  /** Contributor balances that differ from their grants' remainders plus what active holds reserve. */
  readonly lots: ReadonlyArray<{ accountId: string; creditTypeId: string; balance: bigint; lots: bigint }>;
  /** Transfers with fewer than two postings or whose postings do not sum to zero per credit type. */
  readonly unbalancedTransfers: ReadonlyArray<{
    transferId: string;
    creditTypeId: string | null;
    sum: bigint;
  }>;
}

export const isConsistent = (report: CreditsConsistency): boolean =>
  report.balances.length === 0 &&
  report.held.length === 0 &&
  report.lots.length === 0 &&
  report.unbalancedTransfers.length === 0;

/** A spending key as listed: never its secret, which only its creation returns, once. */
export interface CreditSpendingKey {
  readonly id: string;
  readonly daoId: string;
  /** The service whose spend account the key spends into. */
  readonly service: string;
  readonly spendAccountId: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}
