import type { Address, Page } from '@guildhall/core';
import type { TallyResult, TallyState } from './tally/index.js';
import type { VoteType } from '@guildhall/core';
import type { ProposalAction, ProposalState } from './voting.js';

export interface Proposal {
  readonly id: string;
  readonly daoId: string;
  readonly daoSlug: string;
  readonly author: Address;
  readonly title: string;
  readonly body: string;
  readonly discussion: string;
  readonly voteType: VoteType;
  readonly choices: readonly string[];
  readonly actions: readonly ProposalAction[];
  readonly snapshotBlock: bigint;
  readonly startAt: Date;
  readonly endAt: Date;
  /** Frozen at creation (voting power, base units). */
  readonly quorum: bigint;
  readonly supermajorityBps: number;
  readonly allowVoteChange: boolean;
  readonly state: ProposalState;
  readonly tally: TallyState;
  readonly voteCount: number;
  readonly createdAt: Date;
}

/** What never changes once a proposal exists: everything but its state and its kept tally. */
export type FrozenProposal = Omit<Proposal, 'state' | 'tally' | 'voteCount'>;

/** What votes depend on, read without a lock; `version` tells whether it is still current. */
export interface ProposalVoteState {
  /** The proposal row's version (PostgreSQL's `xmin`): any write to the row changes it. */
  readonly version: string;
  readonly state: ProposalState;
  readonly tally: TallyState;
  readonly voteCount: number;
  /**
   * The current vote of each voter asked about who has one; null when the votes were not read (the
   * state as this process last read or wrote it): a write on it must find no vote of its voters.
   */
  readonly votes: ReadonlyMap<string, Pick<Vote, 'choice' | 'vp' | 'signedAt'>> | null;
}

export interface Vote {
  readonly proposalId: string;
  readonly voter: Address;
  /** Snapshot's format for the proposal's type. */
  readonly choice: number | number[] | Record<string, number>;
  readonly vp: bigint;
  readonly reason: string;
  readonly signedAt: Date;
  readonly createdAt: Date;
}

export type ProposalWithResult = Proposal & { readonly result: TallyResult };

/** The arguments of one `votes` page: its order, size and cursor, as the client sent them. */
export interface VotesPageArgs {
  readonly orderBy: 'VP' | 'CREATED';
  readonly first?: number | null;
  readonly after?: string | null;
}

/**
 * What concurrent votes change, as one response shows it: the proposal (its vote count and tally)
 * and the pages of its votes asked for, by response key, all read from one snapshot. A page whose
 * arguments were refused holds its error.
 */
export interface ProposalSnapshot {
  readonly proposal: Proposal;
  readonly votes: ReadonlyMap<string, { readonly page: Page<Vote> } | { readonly error: unknown }>;
}

export const VOTE_CAST_TOPIC = 'governance.vote-cast';
export const PROPOSAL_STATE_TOPIC = 'governance.proposal-state';

export interface VoteCastEvent {
  readonly proposalId: string;
  readonly voter: Address;
}

export interface ProposalStateEvent {
  readonly proposalId: string;
  readonly daoSlug: string;
  readonly state: ProposalState;
}

/** States after which nothing about the vote changes. */
export const CLOSED_STATES: ReadonlySet<ProposalState> = new Set([
  'SUCCEEDED',
  'DEFEATED',
  'QUEUED',
  'EXECUTED',
  'FAILED',
  'EXPIRED',
  'CANCELED',
]);
