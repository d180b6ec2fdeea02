import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { guildhallTypedData } from '@guildhall/core';
import { PgNotifier, SignedWrites } from '@guildhall/database';
import { GovernanceChainReader } from '../datasources/governance-chain.reader.js';
import { ProposalRepository } from '../datasources/proposal.repository.js';
import { DaoService, type SignedInput } from './dao.service.js';
import { GovernanceError, GovernanceErrorCode } from './governance.error.js';
import { CLOSED_STATES, VOTE_CAST_TOPIC, type Proposal, type VoteCastEvent } from './proposal.js';
import { applyVote, parseChoice, removeVote, TallyError, TallyErrorCode } from './tally/index.js';

const MAX_REASON = 5_000;

@Injectable()
export class VoteService {
  constructor(
    private readonly proposals: ProposalRepository,
    private readonly daos: DaoService,
    private readonly chain: GovernanceChainReader,
    private readonly signedWrites: SignedWrites,
    private readonly notifier: PgNotifier,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  /**
   * `castVote`: weighed by `getPastVotes(voter, snapshot)`; the tally is updated in the same
   * transaction as the vote, with the proposal row locked, so concurrent votes never lose an update.
   * A later-signed vote replaces an earlier one when the proposal allows changes.
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
    const dao = await this.daos.bySlug(input.dao);
    const proposal = await this.proposals.findById(input.proposal);
    if (proposal === null || proposal.daoId !== dao.id) {
      throw new GovernanceError(
        GovernanceErrorCode.PROPOSAL_NOT_FOUND,
        `No proposal ${input.proposal} in DAO "${dao.slug}"`,
        { proposal: input.proposal },
      );
    }
    let raw: unknown;
    try {
      raw = JSON.parse(input.choice);
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
      dao: dao.slug,
      proposal: proposal.id,
      choice: input.choice,
      reason: input.reason,
      timestamp: input.timestamp,
    });
    await this.signedWrites.execute(
      { typedData, signature: input.signature },
      async ({ signer, timestamp, manager }) => {
        // Read before taking the row lock: the RPC call must not serialize every voter.
        const vp = await this.chain.votingPower(dao.governanceToken, proposal.snapshotBlock, signer);
        if (vp === 0n) {
          throw new GovernanceError(
            GovernanceErrorCode.NO_VOTING_POWER,
            `${signer} had no voting power at block ${proposal.snapshotBlock}`,
            {
              block: proposal.snapshotBlock.toString(),
            },
          );
        }
        const current = await this.proposals.findById(proposal.id, manager, true);
        if (current === null)
          throw new GovernanceError(GovernanceErrorCode.PROPOSAL_NOT_FOUND, `No proposal ${proposal.id}`, {});
        const now = Date.now();
        if (now < current.startAt.getTime()) {
          throw new GovernanceError(
            GovernanceErrorCode.VOTING_NOT_STARTED,
            `Voting on ${current.id} starts at ${current.startAt.toISOString()}`,
            {
              startAt: current.startAt.toISOString(),
            },
          );
        }
        if (CLOSED_STATES.has(current.state) || now >= current.endAt.getTime()) {
          throw new GovernanceError(
            GovernanceErrorCode.VOTING_CLOSED,
            `Voting on ${current.id} is closed (${current.state})`,
            { state: current.state },
          );
        }
        const previous = await this.proposals.findVote(manager, current.id, signer);
        let tally = current.tally;
        if (previous !== null) {
          if (!current.allowVoteChange) {
            throw new GovernanceError(
              GovernanceErrorCode.VOTE_ALREADY_CAST,
              `${signer} has voted on ${current.id} and this proposal does not allow changes`,
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
          tally = removeVote(tally, {
            choice: parseChoice(current.voteType, previous.choice, current.choices.length),
            vp: previous.vp,
          });
        }
        tally = applyVote(tally, { choice, vp });
        await this.proposals.saveVote(manager, {
          proposalId: current.id,
          voter: signer,
          choice: raw as never,
          vp,
          reason: input.reason,
          signedAt: timestamp,
        });
        await this.proposals.update(manager, current.id, {
          tally,
          voteCount: current.voteCount + (previous === null ? 1 : 0),
        });
        return { daoId: dao.id, result: { proposalId: current.id } };
      },
    );
    await this.notifier.publish(VOTE_CAST_TOPIC, {
      proposalId: proposal.id,
      voter: input.from,
    } satisfies VoteCastEvent);
    return (await this.proposals.findById(proposal.id))!;
  }

  votesCast(): AsyncIterableIterator<VoteCastEvent> {
    return this.notifier.subscribe<VoteCastEvent>(VOTE_CAST_TOPIC);
  }
}
