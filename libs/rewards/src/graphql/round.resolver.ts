import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { AddressScalar, HexScalar, JSONScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite } from '@guildhall/core/nest';
import { ChainReader, TokenObject } from '@guildhall/chain';
import type { Round, RoundStateEvent } from '../domain/round.js';
import { RoundService } from '../domain/round.service.js';
import { CancelRoundInput, CreateRoundInput, FinalizeRoundInput } from './round.input.js';
import {
  AllocationConnection,
  AllocationObject,
  RoundConnection,
  RoundObject,
  RoundStateEnum,
  VestingTrancheObject,
} from './round.object.js';

const toObject = (round: Round) => ({ ...round, dao: round.daoSlug });

@Resolver(() => RoundObject)
export class RoundResolver {
  constructor(
    private readonly roundService: RoundService,
    private readonly chain: ChainReader,
  ) {}

  @ResolveField(() => TokenObject, {
    description:
      'The round’s token, its symbol and decimals: budget, pools and allocations are its base units.',
  })
  tokenInfo(@Parent() round: { token: Address }) {
    return this.chain.token(round.token);
  }

  @Public()
  @Query(() => RoundObject, { description: 'ROUND_NOT_FOUND when there is none.' })
  async round(@Args('id', { type: () => ID }) id: string) {
    return toObject(await this.roundService.byId(id));
  }

  @Public()
  @Query(() => RoundConnection, { description: 'A DAO’s reward rounds, newest first.' })
  async rounds(
    @Args('dao') dao: string,
    @Args() page: PageArgs,
    @Args('state', { type: () => RoundStateEnum, nullable: true }) state?: RoundStateEnum | null,
  ) {
    const { nodes, endCursor, hasNextPage } = await this.roundService.list(dao, state, page);
    return { nodes: nodes.map(toObject), pageInfo: { endCursor, hasNextPage } };
  }

  @Public()
  @Query(() => [AllocationObject], { description: 'An address’s allocations across the DAO’s rounds.' })
  allocations(
    @Args('dao') dao: string,
    @Args('contributor', { type: () => AddressScalar }) contributor: Address,
  ) {
    return this.roundService.allocationsOf(dao, contributor);
  }

  @Public()
  @Query(() => JSONScalar, {
    description:
      'Everything needed to recompute the round offline: rules, per-pool Yuma inputs, allocations.',
  })
  roundExport(@Args('id', { type: () => ID }) id: string): Promise<unknown> {
    return this.roundService.export(id);
  }

  @ResolveField('allocations', () => AllocationConnection, {
    description: 'Largest first; empty until finalized.',
  })
  async roundAllocations(@Parent() round: Round, @Args() page: PageArgs) {
    const { nodes, endCursor, hasNextPage } = await this.roundService.allocations(round.id, page);
    return { nodes, pageInfo: { endCursor, hasNextPage } };
  }

  @ResolveField(() => JSONScalar, {
    nullable: true,
    description: 'The finalization: pool reports (amounts, floors, releases, caps) and per-pool Yuma inputs.',
  })
  explanation(@Parent() round: Round): Promise<unknown> {
    return this.roundService.result(round.id);
  }

  @ResolveField(() => [VestingTrancheObject])
  tranches(@Parent() round: Round) {
    return this.roundService.tranches(round.id);
  }

  @SignedWrite()
  @Mutation(() => RoundObject, { description: 'CreateRound, by a DAO admin.' })
  async createRound(
    @Args('input') input: CreateRoundInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.roundService.create({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => RoundObject, {
    description: 'FinalizeRound, by a DAO admin after the review deadline; again returns the same round.',
  })
  async finalizeRound(
    @Args('input') input: FinalizeRoundInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.roundService.finalizeBySignature({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => RoundObject, {
    description: 'CancelRound, by a DAO admin before finalization: its undecided attestations are withdrawn.',
  })
  async cancelRound(
    @Args('input') input: CancelRoundInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.roundService.cancel({ ...input, signature }));
  }

  @Public()
  @Subscription(() => RoundObject, {
    description: 'Fires when a round of the DAO changes state.',
    filter: (event: RoundStateEvent, args: { dao: string }) => event.daoSlug === args.dao.toLowerCase(),
    async resolve(this: RoundResolver, event: RoundStateEvent) {
      // The state the event announces: a later move must not hide this one from subscribers.
      return toObject({ ...(await this.roundService.byId(event.roundId)), state: event.state });
    },
  })
  roundStateChanged(@Args('dao') _dao: string): AsyncIterableIterator<RoundStateEvent> {
    return this.roundService.stateChanges();
  }
}
