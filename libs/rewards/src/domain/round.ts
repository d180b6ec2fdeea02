import type { Address } from '@guildhall/core';
import type { AttestationKind } from './allocation/index.js';
import type { VestingSchedule } from './vesting.js';
import type { YumaParams } from './yuma/index.js';

export const ROUND_STATES = [
  'DRAFT',
  'OPEN',
  'REVIEWING',
  'FINALIZED',
  'PAYING',
  'PAID',
  'CANCELED',
] as const;
export type RoundState = (typeof ROUND_STATES)[number];

export const SCORING_ENGINES = ['YUMA', 'MEAN', 'MEDIAN'] as const;
export type ScoringEngine = (typeof SCORING_ENGINES)[number];

export interface KindPool {
  readonly kind: AttestationKind;
  readonly shareBps: number;
  readonly floorBps: number;
}

export interface Round {
  readonly id: string;
  readonly daoId: string;
  readonly daoSlug: string;
  readonly name: string;
  readonly state: RoundState;
  readonly token: Address;
  /** Base units of `token`. */
  readonly budget: bigint;
  readonly submissionsOpenAt: Date;
  readonly submissionsCloseAt: Date;
  readonly reviewDeadline: Date;
  readonly snapshotBlock: bigint;
  readonly engine: ScoringEngine;
  readonly yuma: YumaParams;
  readonly reviewerShareBps: number;
  readonly pools: readonly KindPool[];
  /** bps of the contributor pool; null: no cap. */
  readonly contributorCapBps: number | null;
  readonly minPayout: bigint;
  readonly vesting: VestingSchedule;
  readonly minReviews: number;
  readonly acceptanceScore: number;
  readonly createdBy: Address;
  readonly finalizedAt: Date | null;
  /** Set at finalization. */
  readonly allocated: bigint | null;
  readonly unallocated: bigint | null;
  /** The Safe held less of the token than the budget when the round was finalized. */
  readonly underfunded: boolean;
  readonly createdAt: Date;
}

export interface RoundAllocation {
  readonly roundId: string;
  readonly pool: string;
  readonly recipient: Address;
  readonly amount: bigint;
  readonly explanation: unknown;
}

export interface VestingTranche {
  readonly id: string;
  readonly roundId: string;
  readonly pool: string;
  readonly recipient: Address;
  readonly seq: number;
  readonly amount: bigint;
  readonly unlockAt: Date;
  readonly status: 'PENDING' | 'PAID';
  readonly txHash: string | null;
}

export const ROUND_STATE_TOPIC = 'rewards.round-state';

export interface RoundStateEvent {
  readonly roundId: string;
  readonly daoSlug: string;
  readonly state: RoundState;
}
