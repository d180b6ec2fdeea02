import type { EntityManager } from 'typeorm';

/** What contributions needs to know of a reward round (rounds belong to the rewards feature). */
export interface RoundPhases {
  readonly id: string;
  readonly daoId: string;
  readonly state: 'DRAFT' | 'OPEN' | 'REVIEWING' | 'FINALIZED' | 'PAYING' | 'PAID' | 'CANCELED';
  readonly submissionsOpenAt: Date;
  readonly submissionsCloseAt: Date;
  readonly reviewDeadline: Date;
  /** Reviewer stake is voting power at this block. */
  readonly snapshotBlock: bigint;
  readonly minReviews: number;
  readonly acceptanceScore: number;
}

/** Reads a round's phases inside the caller's transaction; provided by the rewards feature. */
export interface RoundPhasesReader {
  phases(manager: EntityManager, roundId: string): Promise<RoundPhases | null>;
}

export const ROUND_PHASES_READER = Symbol('RoundPhasesReader');
