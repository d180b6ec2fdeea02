import type { Address } from '@guildhall/core';

export interface RevenueRecord {
  readonly id: string;
  readonly daoId: string;
  readonly daoSlug: string;
  readonly token: Address;
  readonly amount: bigint;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly reference: string;
  readonly recordedBy: Address;
  readonly createdAt: Date;
}

/** Who a revenue share is for. */
export const REVENUE_SHARE_TARGETS = ['HOLDERS', 'CONTRIBUTORS_OF_MODEL'] as const;
export type RevenueShareTarget = (typeof REVENUE_SHARE_TARGETS)[number];

/** COMPUTED when created, PAYING once a Safe transaction carries an allocation, PAID once all are. */
export type RevenueShareState = 'COMPUTED' | 'PAYING' | 'PAID';

export interface RevenueShare {
  readonly id: string;
  readonly daoId: string;
  readonly revenueId: string;
  readonly target: RevenueShareTarget;
  /** CONTRIBUTORS_OF_MODEL: the model name its contributors' attestations name. */
  readonly model: string | null;
  /** CONTRIBUTORS_OF_MODEL: how many of the DAO's last finalized rounds count. */
  readonly lookbackRounds: number | null;
  readonly snapshotBlock: bigint;
  readonly excluded: readonly Address[];
  readonly state: RevenueShareState;
  /** Σ weights of those it was shared between (balances, or allocated amounts for the model). */
  readonly eligibleSupply: bigint;
  /** Base units of the revenue token: allocations below it are carried over, not paid. */
  readonly minPayout: bigint;
  /** Carried over from earlier shares of the DAO and token, shared with the amount. */
  readonly carriedIn: bigint;
  /** Σ allocations to be paid. */
  readonly allocated: bigint;
  /** Σ allocations below `minPayout`, added to the next share of the DAO and token. */
  readonly carriedOver: bigint;
  /** What nobody was eligible for (the whole amount with carry-in, or 0). */
  readonly unallocated: bigint;
  readonly createdBy: Address;
  readonly createdAt: Date;
}

/** PENDING → IN_FLIGHT (a Safe transaction carries it) → PAID; CARRIED: below the minimum payout. */
export type RevenueShareAllocationStatus = 'PENDING' | 'IN_FLIGHT' | 'PAID' | 'CARRIED';

export interface RevenueShareAllocation {
  readonly shareId: string;
  /** The payee: a holder, or a contributor of the model. */
  readonly holder: Address;
  /** Its weight: the balance at the snapshot, or its allocated amounts for the model. */
  readonly balance: bigint;
  readonly amount: bigint;
  readonly status: RevenueShareAllocationStatus;
  readonly txHash: string | null;
  readonly paidBlock: bigint | null;
}
