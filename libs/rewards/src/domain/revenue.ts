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

export interface RevenueShare {
  readonly id: string;
  readonly daoId: string;
  readonly revenueId: string;
  readonly snapshotBlock: bigint;
  readonly excluded: readonly Address[];
  readonly state: 'FINALIZED' | 'PAYING' | 'PAID';
  readonly eligibleSupply: bigint;
  readonly allocated: bigint;
  readonly unallocated: bigint;
  readonly createdBy: Address;
  readonly createdAt: Date;
}

export interface RevenueShareAllocation {
  readonly shareId: string;
  readonly holder: Address;
  readonly balance: bigint;
  readonly amount: bigint;
  readonly status: 'PENDING' | 'PAID';
  readonly txHash: string | null;
}
