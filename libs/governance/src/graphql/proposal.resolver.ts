import {
  Args,
  ID,
  Info,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { AddressScalar, BigIntScalar, HexScalar, JSONScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite, siblingFieldArgs, type Connection } from '@guildhall/core/nest';
import { ChainReader } from '@guildhall/chain';
import { GovernanceChainReader } from '../datasources/governance-chain.reader.js';
import { DaoService } from '@guildhall/dao';
import type {
  Proposal,
  ProposalSnapshot,
  ProposalStateEvent,
  Vote,
  VoteCastEvent,
  VotesPageArgs,
} from '../domain/proposal.js';
import { ProposalService } from '../domain/proposal.service.js';
import type { TallyResult } from '../domain/tally/index.js';
import { VoteService } from '../domain/vote.service.js';
import { VoteTypeEnum } from '@guildhall/dao';
import { CancelProposalInput, CastVoteInput, CreateProposalInput } from './proposal.input.js';
import {
  ProposalConnection,
  ProposalObject,
  ProposalStateEnum,
  TallyObject,
  VoteConnection,
  VoteOrderEnum,
} from './proposal.object.js';

const toObject = (proposal: Proposal) => ({ ...proposal, dao: proposal.daoSlug });
const toVoteObject = (vote: Vote) => ({ ...vote, choice: JSON.stringify(vote.choice) });

@Resolver(() => ProposalObject)
export class ProposalResolver {
  /** Each proposal object of a response, and its snapshot (see `snapshotOf`). */
  private readonly snapshots = new WeakMap<Proposal, Promise<ProposalSnapshot>>();

  constructor(
    private readonly proposalService: ProposalService,
    private readonly voteService: VoteService,
    private readonly daoService: DaoService,
    private readonly chain: GovernanceChainReader,
    private readonly reader: ChainReader,
  ) {}

  @Public()
  @Query(() => ProposalObject, { description: 'PROPOSAL_NOT_FOUND when there is none.' })
  async proposal(@Args('id', { type: () => ID }) id: string) {
    return toObject(await this.proposalService.byId(id));
  }

  @Public()
  @Query(() => ProposalConnection, { description: 'A DAO’s proposals, newest first.' })
  async proposals(
    @Args('dao') dao: string,
    @Args() page: PageArgs,
    @Args('state', { type: () => ProposalStateEnum, nullable: true }) state?: ProposalStateEnum | null,
    @Args('author', { type: () => AddressScalar, nullable: true }) author?: Address | null,
    @Args('type', { type: () => VoteTypeEnum, nullable: true }) type?: VoteTypeEnum | null,
  ): Promise<Connection<ReturnType<typeof toObject>>> {
    const { nodes, endCursor, hasNextPage } = await this.proposalService.list(
      dao,
      { state, author, voteType: type },
      page,
    );
    return { nodes: nodes.map(toObject), pageInfo: { endCursor, hasNextPage } };
  }

  @Public()
  @Query(() => BigIntScalar, {
    description: 'getPastVotes of the DAO’s token at a block (default: the latest block).',
  })
  async votingPower(
    @Args('dao') dao: string,
    @Args('address', { type: () => AddressScalar }) address: Address,
    @Args('blockNumber', { type: () => BigIntScalar, nullable: true }) blockNumber?: bigint | null,
  ): Promise<bigint> {
    const { governanceToken } = await this.daoService.bySlug(dao);
    return this.chain.votingPower(governanceToken, blockNumber ?? (await this.reader.latestBlock()), address);
  }

  @Public()
  @Query(() => JSONScalar, {
    description: 'The proposal export (docs/cli.md, "Export formats"), for `guildhall recount --input`.',
  })
  proposalExport(@Args('id', { type: () => ID }) id: string): Promise<unknown> {
    return this.proposalService.export(id);
  }

  // voteCount, tally and votes change with every vote: a response shows them from one snapshot,
  // read once per proposal by whichever of them resolves first (see `snapshotOf`).

  @ResolveField(() => Int)
  async voteCount(@Parent() proposal: Proposal, @Info() info: GraphQLResolveInfo): Promise<number> {
    return (await this.snapshotOf(proposal, info)).proposal.voteCount;
  }

  @ResolveField(() => TallyObject, {
    description: 'Kept with every vote; recomputed from all votes at the close.',
  })
  async tally(@Parent() proposal: Proposal, @Info() info: GraphQLResolveInfo): Promise<TallyResult> {
    return this.proposalService.result((await this.snapshotOf(proposal, info)).proposal);
  }

  @ResolveField(() => VoteConnection)
  async votes(
    @Parent() proposal: Proposal,
    @Info() info: GraphQLResolveInfo,
    // Declared for the schema: the snapshot has read this page, as its selection asks, already.
    @Args() _page: PageArgs,
    @Args('orderBy', { type: () => VoteOrderEnum, defaultValue: VoteOrderEnum.VP }) _orderBy: VoteOrderEnum,
  ) {
    const read = (await this.snapshotOf(proposal, info)).votes.get(String(info.path.key));
    if (read === undefined) throw new Error(`votes "${String(info.path.key)}" missing from the snapshot`);
    if ('error' in read) throw read.error;
    const { nodes, endCursor, hasNextPage } = read.page;
    return { nodes: nodes.map(toVoteObject), pageInfo: { endCursor, hasNextPage } };
  }

  /**
   * One read per proposal object of a response: the first of its voteCount, tally and votes to
   * resolve reads them all — with every `votes` page the response asks of this proposal — and
   * the others wait for it. Without a `votes` page nothing is read again.
   */
  private snapshotOf(proposal: Proposal, info: GraphQLResolveInfo): Promise<ProposalSnapshot> {
    let snapshot = this.snapshots.get(proposal);
    if (snapshot === undefined) {
      snapshot = this.proposalService.snapshot(proposal, siblingFieldArgs<VotesPageArgs>(info, 'votes'));
      this.snapshots.set(proposal, snapshot);
    }
    return snapshot;
  }

  @SignedWrite()
  @Mutation(() => ProposalObject, {
    description: 'CreateProposal: the author needs voting power ≥ the DAO’s threshold.',
  })
  async createProposal(
    @Args('input') input: CreateProposalInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.proposalService.create({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => ProposalObject, {
    description: 'CancelProposal, by the author or an admin, before the end.',
  })
  async cancelProposal(
    @Args('input') input: CancelProposalInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.proposalService.cancel({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => ProposalObject, {
    description:
      'Vote: weighed by getPastVotes at the snapshot; returns the proposal with its updated tally.',
  })
  async castVote(
    @Args('input') input: CastVoteInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.voteService.cast({ ...input, signature }));
  }

  @Public()
  @Subscription(() => ProposalObject, {
    description: 'Fires after every vote on the proposal, with the updated tally.',
    filter: (event: VoteCastEvent, args: { proposalId: string }) => event.proposalId === args.proposalId,
    async resolve(this: ProposalResolver, event: VoteCastEvent) {
      return toObject(await this.proposalService.byId(event.proposalId));
    },
  })
  voteCast(
    @Args('proposalId', { type: () => ID }) _proposalId: string,
  ): AsyncIterableIterator<VoteCastEvent> {
    return this.voteService.votesCast();
  }

  @Public()
  @Subscription(() => ProposalObject, {
    description: 'Fires when a proposal of the DAO changes state.',
    filter: (event: ProposalStateEvent, args: { dao: string }) => event.daoSlug === args.dao.toLowerCase(),
    async resolve(this: ProposalResolver, event: ProposalStateEvent) {
      // The state the event announces: a later move must not hide this one from subscribers.
      return toObject({ ...(await this.proposalService.byId(event.proposalId)), state: event.state });
    },
  })
  proposalStateChanged(@Args('dao') _dao: string): AsyncIterableIterator<ProposalStateEvent> {
    return this.proposalService.stateChanges();
  }
}
