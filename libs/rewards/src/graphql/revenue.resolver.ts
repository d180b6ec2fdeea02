import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ChainReader, TokenObject } from '@guildhall/chain';
import { HexScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite } from '@guildhall/core/nest';
import type { RevenueRecord, RevenueShare } from '../domain/revenue.js';
import { RevenueService } from '../domain/revenue.service.js';
import {
  CreateRevenueShareInput,
  RecordRevenueInput,
  RevenueRecordConnection,
  RevenueRecordObject,
  RevenueShareAllocationObject,
  RevenueShareObject,
} from './revenue.graphql-types.js';

const toRecord = (record: RevenueRecord) => ({ ...record, dao: record.daoSlug });

@Resolver(() => RevenueRecordObject)
export class RevenueRecordResolver {
  constructor(
    private readonly revenueService: RevenueService,
    private readonly chain: ChainReader,
  ) {}

  @ResolveField(() => TokenObject, { description: 'The revenue token, its symbol and decimals.' })
  tokenInfo(@Parent() record: { token: Address }) {
    return this.chain.token(record.token);
  }

  @Public()
  @Query(() => RevenueRecordConnection, { description: 'A DAO’s recorded revenue, newest first.' })
  async revenueRecords(@Args('dao') dao: string, @Args() page: PageArgs) {
    const { nodes, endCursor, hasNextPage } = await this.revenueService.records(dao, page);
    return { nodes: nodes.map(toRecord), pageInfo: { endCursor, hasNextPage } };
  }

  @ResolveField(() => RevenueShareObject, { nullable: true, description: 'Its share, once created.' })
  share(@Parent() record: RevenueRecord) {
    return this.revenueService.shareOf(record.id);
  }

  @SignedWrite()
  @Mutation(() => RevenueRecordObject, { description: 'RecordRevenue, by a DAO admin.' })
  async recordRevenue(
    @Args('input') input: RecordRevenueInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toRecord(await this.revenueService.record({ ...input, signature }));
  }
}

@Resolver(() => RevenueShareObject)
export class RevenueShareResolver {
  constructor(
    private readonly revenueService: RevenueService,
    private readonly chain: ChainReader,
  ) {}

  @ResolveField(() => TokenObject, {
    description:
      'The token it pays (its revenue record’s), its symbol and decimals: allocated amounts are its base units.',
  })
  async tokenInfo(@Parent() share: RevenueShare) {
    return this.chain.token(await this.revenueService.shareToken(share));
  }

  @Public()
  @Query(() => RevenueShareObject, { description: 'REVENUE_NOT_FOUND when there is none.' })
  revenueShare(@Args('id', { type: () => ID }) id: string) {
    return this.revenueService.share(id);
  }

  @ResolveField(() => [RevenueShareAllocationObject], { description: 'Largest first.' })
  allocations(@Parent() share: RevenueShare) {
    return this.revenueService.allocations(share.id);
  }

  @SignedWrite()
  @Mutation(() => RevenueShareObject, {
    description:
      'CreateRevenueShare, by a DAO admin, once per revenue record: pro rata to holders at the snapshot.',
  })
  createRevenueShare(
    @Args('input') input: CreateRevenueShareInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return this.revenueService.createShare({ ...input, signature });
  }
}
