import type { VoteType } from '@guildhall/core';

export type QuorumKind = 'ABSOLUTE' | 'SUPPLY_BPS';

/** A DAO's voting rules; a proposal copies what it needs at creation and keeps it. */
export interface VotingConfig {
  /** Seconds from creation to the start of the vote. */
  readonly votingDelay: number;
  /** Seconds the vote stays open. */
  readonly votingPeriod: number;
  /** Voting power (base units) an author needs. */
  readonly proposalThreshold: bigint;
  readonly quorumKind: QuorumKind;
  /** ABSOLUTE: voting power in base units; SUPPLY_BPS: basis points of the past total supply at the snapshot. */
  readonly quorum: bigint;
  /** For `basic`: For / (For + Against) must reach this (0 = For > Against). */
  readonly supermajorityBps: number;
  readonly voteTypes: readonly VoteType[];
  readonly allowVoteChange: boolean;
}
