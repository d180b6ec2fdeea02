import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import {
  assertName,
  assertNoUserinfo,
  pageRequest,
  type Address,
  type Hex,
  type Page,
  type PageRequest,
  type SignedInput,
} from '@guildhall/core';
import { JobQueue, PgNotifier } from '@guildhall/database';
import { SignedWrites } from '@guildhall/signed-writes';
import { DataSource, type EntityManager } from 'typeorm';
import type { z } from 'zod';
import { isAddress, isHex } from 'viem';
import { GovernanceChainReader } from '../datasources/governance-chain.reader.js';
import { ProposalRepository, checkVotePage } from '../datasources/proposal.repository.js';
import { ChainReader, describeAction } from '@guildhall/chain';
import { DaoService } from '@guildhall/dao';
import { GovernanceError, GovernanceErrorCode } from './governance.error.js';
import { ProposalDeadline } from './proposal-lifecycle.jobs.js';
import {
  CLOSED_STATES,
  PROPOSAL_STATE_TOPIC,
  type Proposal,
  type ProposalSnapshot,
  type ProposalStateEvent,
  type Vote,
  type VotesPageArgs,
} from './proposal.js';
import {
  BASIC_CHOICES,
  ProposalExport,
  assertChoiceCount,
  basicOutcome,
  computeTally,
  emptyTally,
  tallyResult,
  tallyStateToJson,
  type TallyResult,
  type TallyState,
} from './tally/index.js';
import type { VoteType } from '@guildhall/core';
import type { ProposalAction, ProposalState } from './voting.js';
import { VotingPowerReadAhead } from './voting-power-read-ahead.js';

export interface ActionInput {
  readonly to: Address;
  readonly value: bigint;
  readonly data: Hex;
  readonly operation: number;
}

const invalid = (message: string, field: string) =>
  new GovernanceError(GovernanceErrorCode.INVALID_PROPOSAL, message, { field });

function validateProposal(input: {
  title: string;
  body: string;
  discussion: string;
  voteType: VoteType;
  choices: readonly string[];
  actions: readonly ActionInput[];
}): void {
  if (input.title.trim().length === 0 || input.title.length > 256)
    throw invalid('title: 1 to 256 characters', 'title');
  if (input.body.length > 20_000) throw invalid('body: at most 20,000 characters', 'body');
  if (
    input.discussion !== '' &&
    (!/^https:\/\/\S+$/.test(input.discussion) || input.discussion.length > 512)
  ) {
    throw invalid('discussion: empty or an https URL of at most 512 characters', 'discussion');
  }
  assertNoUserinfo(input.discussion, 'discussion');
  if (input.choices.length < 2 || input.choices.length > 20) throw invalid('choices: 2 to 20', 'choices');
  if (input.choices.some((choice) => choice.trim().length === 0 || choice.length > 256))
    throw invalid('choices: each 1 to 256 characters', 'choices');
  input.choices.forEach((choice, index) => assertName(choice, `choices[${index}]`));
  if (input.voteType === 'basic' && input.choices.join('|') !== BASIC_CHOICES.join('|')) {
    throw invalid(`choices: basic proposals have exactly ${BASIC_CHOICES.join(', ')}`, 'choices');
  }
  assertChoiceCount(input.voteType, input.choices.length);
  if (input.actions.length > 50) throw invalid('actions: at most 50', 'actions');
  if (input.actions.length > 0 && input.voteType !== 'basic')
    throw invalid(
      'actions: only basic (For/Against/Abstain) proposals can carry on-chain actions',
      'actions',
    );
  for (const [index, action] of input.actions.entries()) {
    if (
      !isAddress(action.to) ||
      !isHex(action.data) ||
      (action.operation !== 0 && action.operation !== 1) ||
      action.value < 0n
    ) {
      throw invalid(
        `actions[${index}]: to is an address, data hex, operation 0 (CALL) or 1 (DELEGATECALL)`,
        `actions[${index}]`,
      );
    }
  }
}

/** The state a closed vote ends in, from the tally and the rules frozen on the proposal. */
export function outcomeOf(
  proposal: Pick<Proposal, 'voteType' | 'quorum' | 'supermajorityBps' | 'actions'>,
  tally: TallyState,
): { state: ProposalState; result: TallyResult } {
  const result = tallyResult(tally, proposal.quorum);
  const passes =
    result.quorumReached &&
    (proposal.voteType === 'basic' && 'sums' in tally
      ? basicOutcome(tally.sums, proposal.supermajorityBps)
      : tally.totalVp > 0n);
  // A passed proposal with actions becomes QUEUED when the treasury proposes its Safe transaction.
  const state: ProposalState = passes ? 'SUCCEEDED' : 'DEFEATED';
  return { state, result };
}

@Injectable()
export class ProposalService {
  private readonly logger = new Logger(ProposalService.name);

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly daos: DaoService,
    private readonly chain: GovernanceChainReader,
    private readonly reader: ChainReader,
    private readonly signedWrites: SignedWrites,
    private readonly notifier: PgNotifier,
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    private readonly readAhead: VotingPowerReadAhead,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async byId(id: string): Promise<Proposal> {
    const proposal = await this.proposals.findById(id);
    if (proposal === null)
      throw new GovernanceError(GovernanceErrorCode.PROPOSAL_NOT_FOUND, `No proposal ${id}`, {
        proposal: id,
      });
    return proposal;
  }

  async list(
    daoSlug: string,
    filters: { state?: ProposalState | null; author?: Address | null; voteType?: VoteType | null },
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<Proposal>> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.proposals.list(dao, filters, pageRequest(page, this.config.graphql.maxPageSize));
  }

  /**
   * `proposal`'s vote count and tally with the pages of its votes asked for beside them (by
   * response key), read together from one snapshot (`ProposalRepository.snapshot`) so that a
   * response never lists votes its count and tally do not hold. Without pages there is nothing to
   * agree with: the proposal as it was read. A page whose arguments are refused (too large, a bad
   * cursor) holds its error, and is not read.
   */
  async snapshot(proposal: Proposal, pages: ReadonlyMap<string, VotesPageArgs>): Promise<ProposalSnapshot> {
    const votes = new Map<string, { page: Page<Vote> } | { error: unknown }>();
    const requests: Array<{ key: string; orderBy: VotesPageArgs['orderBy']; page: PageRequest }> = [];
    for (const [key, { orderBy, ...args }] of pages) {
      try {
        const page = pageRequest(args, this.config.graphql.maxPageSize);
        checkVotePage(orderBy, page);
        requests.push({ key, orderBy, page });
      } catch (error) {
        votes.set(key, { error });
      }
    }
    if (requests.length === 0) return { proposal, votes };
    const read = await this.proposals.snapshot(proposal.id, requests);
    if (read === null)
      throw new GovernanceError(GovernanceErrorCode.PROPOSAL_NOT_FOUND, `No proposal ${proposal.id}`, {
        proposal: proposal.id,
      });
    requests.forEach(({ key }, index) => votes.set(key, { page: read.pages[index] }));
    return { proposal: { ...proposal, tally: read.tally, voteCount: read.voteCount }, votes };
  }

  /** The proposal export (docs/cli.md; what `guildhall recount --input` reads). */
  async export(id: string): Promise<z.input<typeof ProposalExport>> {
    const proposal = await this.byId(id);
    const votes = await this.proposals.allVotes(proposal.id);
    return {
      type: proposal.voteType,
      choices: [...proposal.choices],
      quorum: proposal.quorum.toString(),
      votes: votes.map((vote) => ({ voter: vote.voter, choice: vote.choice, vp: vote.vp.toString() })),
    };
  }

  result(proposal: Proposal): TallyResult {
    return tallyResult(proposal.tally, proposal.quorum);
  }

  /**
   * `createProposal`: the snapshot is the latest block; the author needs voting power ≥ the DAO's
   * threshold there; quorum, supermajority and the vote-change policy are copied and frozen. The
   * electorate's voting power is then read ahead, in the background.
   */
  async create(
    input: SignedInput & {
      dao: string;
      title: string;
      body: string;
      discussion: string;
      voteType: VoteType;
      choices: readonly string[];
      actions: readonly ActionInput[];
    },
  ): Promise<Proposal> {
    validateProposal(input);
    const dao = await this.daos.bySlug(input.dao);
    if (!dao.voteTypes.includes(input.voteType)) {
      throw new GovernanceError(
        GovernanceErrorCode.VOTE_TYPE_NOT_ALLOWED,
        `DAO "${dao.slug}" does not allow ${input.voteType} votes`,
        { voteType: input.voteType },
      );
    }
    const actions: ProposalAction[] = input.actions.map((action) => {
      const operation = action.operation === 1 ? 1 : 0;
      return { ...action, operation, description: describeAction({ ...action, operation }) };
    });
    const { proposalId } = await this.signedWrites.run(
      'CreateProposal',
      {
        from: input.from,
        dao: dao.slug,
        title: input.title,
        body: input.body,
        discussion: input.discussion,
        voteType: input.voteType,
        choices: [...input.choices],
        actions: input.actions.map(({ to, value, data, operation }) => ({ to, value, data, operation })),
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const snapshotBlock = await this.reader.latestBlock();
        const power = await this.chain.votingPower(dao.governanceToken, snapshotBlock, signer);
        if (power < dao.proposalThreshold) {
          throw new GovernanceError(
            GovernanceErrorCode.BELOW_PROPOSAL_THRESHOLD,
            `${signer} has ${power} votes at block ${snapshotBlock}; proposing in "${dao.slug}" takes ${dao.proposalThreshold}`,
            { votingPower: power.toString(), threshold: dao.proposalThreshold.toString() },
          );
        }
        const quorum =
          dao.quorumKind === 'ABSOLUTE'
            ? dao.quorum
            : ((await this.chain.pastTotalSupply(dao.governanceToken, snapshotBlock)) * dao.quorum) / 10_000n;
        const now = Date.now();
        const startAt = new Date(now + dao.votingDelay * 1000);
        const proposal = await this.proposals.insert(
          manager,
          {
            daoId: dao.id,
            author: signer,
            title: input.title,
            body: input.body,
            discussion: input.discussion,
            voteType: input.voteType,
            choices: input.choices,
            actions,
            snapshotBlock,
            startAt,
            endAt: new Date(startAt.getTime() + dao.votingPeriod * 1000),
            quorum,
            supermajorityBps: dao.supermajorityBps,
            allowVoteChange: dao.allowVoteChange,
            state: dao.votingDelay === 0 ? 'ACTIVE' : 'PENDING',
            tally: emptyTally(input.voteType, input.choices.length),
          },
          dao.slug,
        );
        await this.scheduleDeadlines(manager, proposal);
        return { daoId: dao.id, result: { proposalId: proposal.id } };
      },
    );
    const proposal = await this.byId(String(proposalId));
    void this.readAhead.start(dao.governanceToken, proposal.snapshotBlock);
    return proposal;
  }

  /** `cancelProposal`, by its author or a DAO admin, before its end. */
  async cancel(input: SignedInput & { dao: string; proposal: string }): Promise<Proposal> {
    const dao = await this.daos.bySlug(input.dao);
    await this.signedWrites.run(
      'CancelProposal',
      {
        from: input.from,
        dao: dao.slug,
        proposal: input.proposal,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const proposal = await this.proposals.findById(input.proposal, manager, true);
        if (proposal === null || proposal.daoId !== dao.id) {
          throw new GovernanceError(
            GovernanceErrorCode.PROPOSAL_NOT_FOUND,
            `No proposal ${input.proposal} in DAO "${dao.slug}"`,
            { proposal: input.proposal },
          );
        }
        if (proposal.author !== signer) await this.daos.assertAdmin(dao, signer, manager);
        if (CLOSED_STATES.has(proposal.state) || Date.now() >= proposal.endAt.getTime()) {
          throw new GovernanceError(
            GovernanceErrorCode.PROPOSAL_NOT_CANCELABLE,
            `Proposal ${proposal.id} is ${proposal.state} and can no longer be canceled`,
            {
              state: proposal.state,
            },
          );
        }
        await this.proposals.update(manager, proposal.id, { state: 'CANCELED' });
        return { daoId: dao.id, result: { proposalId: proposal.id } };
      },
    );
    await this.publishState(input.proposal, dao.slug, 'CANCELED');
    return this.byId(input.proposal);
  }

  /**
   * Moves a proposal to the state its deadlines call for. Idempotent and safe with several workers:
   * the row is locked, and a proposal already moved is left alone. At the end the tally is
   * recomputed from every vote; if it differs from the kept one the recomputed one wins (and the
   * difference is logged as an error).
   */
  async advance(proposalId: string): Promise<void> {
    const moved = await this.moveByDeadlines(proposalId);
    if (moved !== null) await this.publishState(proposalId, moved.daoSlug, moved.state);
  }

  private async moveByDeadlines(
    proposalId: string,
  ): Promise<{ daoSlug: string; state: ProposalState } | null> {
    return this.dataSource.transaction(async (manager) => {
      const proposal = await this.proposals.findById(proposalId, manager, true);
      if (proposal === null || CLOSED_STATES.has(proposal.state)) return null;
      const now = Date.now();
      if (now >= proposal.endAt.getTime()) {
        const votes = await this.proposals.allVotes(proposal.id, manager);
        const recomputed = computeTally(proposal.voteType, proposal.choices.length, votes);
        if (
          JSON.stringify(tallyStateToJson(recomputed)) !== JSON.stringify(tallyStateToJson(proposal.tally))
        ) {
          this.logger.error(
            { proposal: proposal.id },
            'the kept tally differs from the recomputed one; using the recomputed tally',
          );
        }
        const { state } = outcomeOf(proposal, recomputed);
        await this.proposals.update(manager, proposal.id, { state, tally: recomputed });
        return { daoSlug: proposal.daoSlug, state };
      }
      if (proposal.state === 'PENDING' && now >= proposal.startAt.getTime()) {
        await this.proposals.update(manager, proposal.id, { state: 'ACTIVE' });
        return { daoSlug: proposal.daoSlug, state: 'ACTIVE' };
      }
      return null;
    });
  }

  /**
   * Persisted jobs at the start and the end, enqueued in the proposal's own transaction: a restart
   * loses nothing, and any worker may run them.
   */
  private async scheduleDeadlines(manager: EntityManager, proposal: Proposal): Promise<void> {
    for (const at of proposal.state === 'PENDING' ? [proposal.startAt, proposal.endAt] : [proposal.endAt]) {
      await this.jobs.sendWithin(
        manager,
        ProposalDeadline,
        { proposalId: proposal.id, dueAt: at.toISOString() },
        { startAfter: at, singletonKey: `${proposal.id}:${at.getTime()}` },
      );
    }
  }

  /**
   * The treasury's part of a passed proposal's life, in the caller's transaction: QUEUED once a Safe
   * transaction carries its actions, EXECUTED or FAILED as the Safe reports, SUCCEEDED again when
   * that transaction was replaced. Moves only from one of `from`; returns what to announce after
   * the transaction commits.
   */
  async moveExecution(
    manager: EntityManager,
    proposalId: string,
    from: readonly ProposalState[],
    to: ProposalState,
  ): Promise<ProposalStateEvent | null> {
    const proposal = await this.proposals.findById(proposalId, manager, true);
    if (proposal === null || !from.includes(proposal.state)) return null;
    await this.proposals.update(manager, proposal.id, { state: to });
    return { proposalId, daoSlug: proposal.daoSlug, state: to };
  }

  announce(event: ProposalStateEvent): Promise<void> {
    return this.publishState(event.proposalId, event.daoSlug, event.state);
  }

  private publishState(proposalId: string, daoSlug: string, state: ProposalState): Promise<void> {
    return this.notifier.publish(PROPOSAL_STATE_TOPIC, {
      proposalId,
      daoSlug,
      state,
    } satisfies ProposalStateEvent);
  }

  stateChanges(): AsyncIterableIterator<ProposalStateEvent> {
    return this.notifier.subscribe<ProposalStateEvent>(PROPOSAL_STATE_TOPIC);
  }
}
