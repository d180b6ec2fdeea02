import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { BoundedMap, guildhallTypedData, type Address, type SignedInput } from '@guildhall/core';
import { PgNotifier } from '@guildhall/database';
import { SignedWrites, type PreparedEnvelope } from '@guildhall/signed-writes';
import { GovernanceChainReader } from '../datasources/governance-chain.reader.js';
import { ProposalRepository } from '../datasources/proposal.repository.js';
import { DaoService } from '@guildhall/dao';
import { GovernanceError, GovernanceErrorCode } from './governance.error.js';
import {
  CLOSED_STATES,
  VOTE_CAST_TOPIC,
  type FrozenProposal,
  type Proposal,
  type ProposalVoteState,
  type Vote,
  type VoteCastEvent,
} from './proposal.js';
import {
  applyVote,
  parseChoice,
  removeVote,
  TallyError,
  TallyErrorCode,
  type Choice,
  type TallyState,
} from './tally/index.js';
import type { ProposalState } from './voting.js';
import { VotingPowerReadAhead } from './voting-power-read-ahead.js';

const MAX_REASON = 5_000;
/** Proposals whose frozen part and vote state a process keeps, at most. */
const REMEMBERED_PROPOSALS = 10_000;
/** Votes on one proposal written in one transaction, at most. */
const MAX_BATCH = 256;

/** What a vote needs that never changes: the proposal's frozen part and its DAO's token. */
interface VotingTarget {
  readonly proposal: FrozenProposal;
  readonly governanceToken: Address;
}

interface QueuedVote {
  readonly envelope: PreparedEnvelope<'Vote'>;
  /** The voter's power at the snapshot, read once the signature is known to be valid. */
  readonly power: Promise<bigint>;
  readonly choice: Choice;
  readonly raw: Vote['choice'];
  readonly reason: string;
  readonly settle: (outcome: { proposal: Proposal } | { error: unknown }) => void;
}

interface VoteQueue {
  readonly target: VotingTarget;
  readonly waiting: QueuedVote[];
}

@Injectable()
export class VoteService {
  /** By proposal id. Nothing in it ever changes (nor is deleted), so every replica may keep it. */
  private readonly targets = new BoundedMap<string, VotingTarget>(REMEMBERED_PROPOSALS);
  /** Votes waiting while a batch on the same proposal is being written, by proposal id. */
  private readonly queues = new Map<string, VoteQueue>();
  /**
   * By proposal id: its state as this process last read or wrote it (`votes` unread), which the
   * next batch writes on without reading while no one else has written the proposal since.
   */
  private readonly known = new BoundedMap<string, ProposalVoteState>(REMEMBERED_PROPOSALS);

  constructor(
    private readonly proposals: ProposalRepository,
    private readonly daos: DaoService,
    private readonly chain: GovernanceChainReader,
    private readonly signedWrites: SignedWrites,
    private readonly notifier: PgNotifier,
    private readonly readAhead: VotingPowerReadAhead,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  /**
   * `castVote`: weighed by `getPastVotes(voter, snapshot)`; the tally is updated in the same
   * statement as the vote, only if the proposal row is still as it was read (its version), so
   * concurrent votes — from other processes too — never lose an update: a changed row makes the
   * batch read and write again. A later-signed vote replaces an earlier one when the proposal
   * allows changes. The same statement sends `voteCast`, so subscribers hear of a vote when it
   * commits (and of a replayed one never). Answers with the proposal as this vote's write left it.
   *
   * Group commit: while one batch of votes on a proposal is being written, the votes that arrive
   * for it wait and are then written together (each checked alone, in the order they joined) in
   * one statement, on the state this process last read or wrote. The batch is read first (with
   * the replay lookup) and written again if anyone else has written the proposal since, if one of
   * its voters has voted before, or if one of its votes is refused or was written before. A lone
   * vote never waits. What needs no database — the signature and the voter's power — is checked
   * before the vote joins the queue, while the votes before it are written: a batch never waits for
   * the chain.
   */
  async cast(
    input: SignedInput & { dao: string; proposal: string; choice: string; reason: string },
  ): Promise<Proposal> {
    if (input.reason.length > MAX_REASON) {
      throw new GovernanceError(
        GovernanceErrorCode.REASON_TOO_LONG,
        `reason: at most ${MAX_REASON} characters`,
        { field: 'reason' },
      );
    }
    const target = await this.target(input.dao, input.proposal);
    const { proposal } = target;
    let raw: Vote['choice'];
    try {
      raw = JSON.parse(input.choice) as Vote['choice'];
    } catch {
      throw new TallyError(
        TallyErrorCode.CHOICE_WRONG_SHAPE,
        'choice: not JSON (e.g. 2, [1,3] or {"1":2,"3":1})',
        { field: 'choice' },
      );
    }
    const choice = parseChoice(proposal.voteType, raw, proposal.choices.length);
    const typedData = guildhallTypedData(this.config.chain.chainId, 'Vote', {
      from: input.from,
      dao: proposal.daoSlug,
      proposal: proposal.id,
      choice: input.choice,
      reason: input.reason,
      timestamp: input.timestamp,
    });
    const envelope = this.signedWrites.prepare({ typedData, signature: input.signature });
    const power = envelope.verified.then(() =>
      this.chain.votingPower(target.governanceToken, proposal.snapshotBlock, input.from),
    );
    // The vote joins its proposal's queue once its signature check and power read have settled,
    // passed or failed (a failure is answered by the batch, like every refusal): the batch being
    // written never waits for the chain.
    await power.then(
      () => undefined,
      () => undefined,
    );
    const outcome = await new Promise<{ proposal: Proposal } | { error: unknown }>((settle) => {
      const vote = {
        envelope,
        power,
        choice,
        raw,
        reason: input.reason,
        settle,
      };
      const queue = this.queues.get(proposal.id);
      if (queue !== undefined) {
        queue.waiting.push(vote);
      } else {
        const started = { target, waiting: [vote] };
        this.queues.set(proposal.id, started);
        void this.drain(started);
      }
    });
    if ('error' in outcome) throw outcome.error;
    return outcome.proposal;
  }

  votesCast(): AsyncIterableIterator<VoteCastEvent> {
    return this.notifier.subscribe<VoteCastEvent>(VOTE_CAST_TOPIC);
  }

  /** Writes the queue's votes, a batch at a time, until none is left. */
  private async drain(queue: VoteQueue): Promise<void> {
    while (queue.waiting.length > 0) {
      const batch = queue.waiting.splice(0, MAX_BATCH);
      try {
        await this.castBatch(queue.target, batch);
      } catch (error) {
        for (const vote of batch) vote.settle({ error });
      }
    }
    this.queues.delete(queue.target.proposal.id);
  }

  private async castBatch({ proposal }: VotingTarget, batch: readonly QueuedVote[]): Promise<void> {
    const after: Proposal[] = [];
    const outcomes = await this.signedWrites.executeBatch(
      batch.map((vote) => vote.envelope),
      {
        read: async (signers) => {
          const current = await this.proposals.readForVotes(proposal.id, signers);
          this.remember(proposal.id, current ?? undefined);
          return current;
        },
        known: () => this.known.get(proposal.id),
        write: async (contexts, current, audit) => {
          if (current === null) {
            const notFound = new GovernanceError(
              GovernanceErrorCode.PROPOSAL_NOT_FOUND,
              `No proposal ${proposal.id}`,
              {},
            );
            return { outcomes: contexts.map(() => ({ error: notFound })), applied: true };
          }
          const powers = await Promise.all(
            contexts.map(({ index }) =>
              batch[index].power.then(
                (vp) => ({ vp }),
                (error: unknown) => ({ error }),
              ),
            ),
          );
          const votes = new Map(current.votes);
          const written = new Map<string, Omit<Vote, 'proposalId' | 'createdAt'>>();
          let { tally, voteCount } = current;
          const outcomes = contexts.map(({ signer, timestamp, index }, k) => {
            try {
              const power = powers[k];
              if ('error' in power) throw power.error;
              const { vp } = power;
              const vote = batch[index];
              const next = this.apply(proposal, current.state, { tally, voteCount }, votes.get(signer), {
                signer,
                timestamp,
                choice: vote.choice,
                vp,
              });
              ({ tally, voteCount } = next);
              const stored = {
                voter: signer,
                choice: vote.raw,
                vp,
                reason: vote.reason,
                signedAt: timestamp,
              };
              votes.set(signer, stored);
              written.set(signer, stored);
              after[index] = { ...proposal, state: current.state, tally, voteCount };
              return { daoId: proposal.daoId, result: { proposalId: proposal.id } };
            } catch (error) {
              return { error };
            }
          });
          // On a state not read, a refusal may be a replay: the batch is read first.
          if (current.votes === null && outcomes.some((outcome) => 'error' in outcome))
            return { outcomes, applied: false };
          if (written.size === 0) return { outcomes, applied: true };
          const accepted = contexts.flatMap(({ index }, k) => {
            const outcome = outcomes[k];
            return 'error' in outcome ? [] : [{ index, ...outcome }];
          });
          const writtenVotes = [...written.values()];
          const version = await this.proposals.recordVotes(
            proposal.id,
            current,
            writtenVotes,
            { tally, voteCount },
            audit(accepted),
            this.notifier.inStatement(
              VOTE_CAST_TOPIC,
              writtenVotes.map(({ voter }) => ({ proposalId: proposal.id, voter }) satisfies VoteCastEvent),
            ),
          );
          this.remember(
            proposal.id,
            version === null ? undefined : { ...current, version, tally, voteCount },
          );
          return { outcomes, applied: version !== null };
        },
      },
    );
    const replayed = outcomes.some((outcome) => 'replayed' in outcome && outcome.replayed)
      ? await this.proposals.findById(proposal.id)
      : null;
    outcomes.forEach((outcome, index) => {
      if ('error' in outcome) batch[index].settle({ error: outcome.error });
      else batch[index].settle({ proposal: outcome.replayed ? replayed! : after[index] });
    });
  }

  /** The proposal's state as a batch just read or wrote it; undefined when it may have changed. */
  private remember(id: string, state: ProposalVoteState | undefined): void {
    this.known.delete(id);
    if (state === undefined) return;
    this.known.set(id, { ...state, votes: null });
  }

  /** One vote on the tally as it stands: the rules of `castVote`, in their order; throws a refusal. */
  private apply(
    proposal: FrozenProposal,
    state: ProposalState,
    { tally, voteCount }: { tally: TallyState; voteCount: number },
    previous: Pick<Vote, 'choice' | 'vp' | 'signedAt'> | undefined,
    { signer, timestamp, choice, vp }: { signer: Address; timestamp: Date; choice: Choice; vp: bigint },
  ): { tally: TallyState; voteCount: number } {
    if (vp === 0n) {
      throw new GovernanceError(
        GovernanceErrorCode.NO_VOTING_POWER,
        `${signer} had no voting power at block ${proposal.snapshotBlock}`,
        {
          block: proposal.snapshotBlock.toString(),
        },
      );
    }
    const now = Date.now();
    if (now < proposal.startAt.getTime()) {
      throw new GovernanceError(
        GovernanceErrorCode.VOTING_NOT_STARTED,
        `Voting on ${proposal.id} starts at ${proposal.startAt.toISOString()}`,
        {
          startAt: proposal.startAt.toISOString(),
        },
      );
    }
    if (CLOSED_STATES.has(state) || now >= proposal.endAt.getTime()) {
      throw new GovernanceError(
        GovernanceErrorCode.VOTING_CLOSED,
        `Voting on ${proposal.id} is closed (${state})`,
        { state },
      );
    }
    if (previous === undefined) return { tally: applyVote(tally, { choice, vp }), voteCount: voteCount + 1 };
    if (!proposal.allowVoteChange) {
      throw new GovernanceError(
        GovernanceErrorCode.VOTE_ALREADY_CAST,
        `${signer} has voted on ${proposal.id} and this proposal does not allow changes`,
        {},
      );
    }
    if (previous.signedAt.getTime() >= timestamp.getTime()) {
      throw new GovernanceError(
        GovernanceErrorCode.VOTE_ALREADY_CAST_LATER,
        `${signer} already has a vote signed at or after this one`,
        {
          signedAt: previous.signedAt.toISOString(),
        },
      );
    }
    const withoutPrevious = removeVote(tally, {
      choice: parseChoice(proposal.voteType, previous.choice, proposal.choices.length),
      vp: previous.vp,
    });
    return { tally: applyVote(withoutPrevious, { choice, vp }), voteCount };
  }

  /**
   * The proposal `id` of DAO `daoSlug`, from memory after the first vote on it. A miss reads the
   * database and tells an unknown DAO (DAO_NOT_FOUND) from a proposal elsewhere (PROPOSAL_NOT_FOUND),
   * and starts reading the electorate's voting power ahead (when the proposal is still open).
   */
  private async target(daoSlug: string, id: string): Promise<VotingTarget> {
    const known = this.targets.get(id);
    if (known !== undefined && known.proposal.daoSlug === daoSlug.toLowerCase()) return known;
    const dao = await this.daos.bySlug(daoSlug);
    const proposal = await this.proposals.findById(id);
    if (proposal === null || proposal.daoId !== dao.id) {
      throw new GovernanceError(
        GovernanceErrorCode.PROPOSAL_NOT_FOUND,
        `No proposal ${id} in DAO "${dao.slug}"`,
        { proposal: id },
      );
    }
    const { state: _state, tally: _tally, voteCount: _voteCount, ...frozen } = proposal;
    const target = { proposal: frozen, governanceToken: dao.governanceToken };
    this.targets.set(id, target);
    if (!CLOSED_STATES.has(proposal.state))
      void this.readAhead.start(dao.governanceToken, proposal.snapshotBlock);
    return target;
  }
}
