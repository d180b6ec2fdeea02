import type { Address } from '@guildhall/core';

/** Snapshot's vote types, under their Snapshot names (what messages carry and exports hold). */
export const VOTE_TYPES = [
  'basic',
  'single-choice',
  'approval',
  'weighted',
  'quadratic',
  'ranked-choice',
] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

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

export const PROPOSAL_STATES = [
  'PENDING',
  'ACTIVE',
  'SUCCEEDED',
  'DEFEATED',
  'QUEUED',
  'EXECUTED',
  'FAILED',
  'EXPIRED',
  'CANCELED',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export interface ProposalAction {
  readonly to: Address;
  readonly value: bigint;
  readonly data: `0x${string}`;
  /** 0 = CALL, 1 = DELEGATECALL (Safe semantics). */
  readonly operation: 0 | 1;
  /** Human-readable: a decoded ERC20 transfer, a decoded call to a known ABI, or "unknown calldata". */
  readonly description: string;
}
