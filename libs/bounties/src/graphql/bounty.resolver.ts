import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ChainReader, TokenObject } from '@guildhall/chain';
import { HexScalar, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite } from '@guildhall/core/nest';
import { scoresVisible, type Bounty, type BountyClaim } from '../domain/bounty.js';
import { BountyService } from '../domain/bounty.service.js';
import {
  AcceptBountyWorkInput,
  BountyClaimObject,
  BountyConnection,
  BountyObject,
  BountyPayoutObject,
  BountyReviewObject,
  BountyStateEnum,
  CancelBountyInput,
  ClaimBountyInput,
  CreateBountyInput,
  RejectBountyWorkInput,
  ReviewBountyWorkInput,
  SubmitBountyWorkInput,
} from './bounty.graphql-types.js';

const toObject = (bounty: Bounty) => ({ ...bounty, dao: bounty.daoSlug });

@Resolver(() => BountyObject)
export class BountyResolver {
  constructor(
    private readonly service: BountyService,
    private readonly reader: ChainReader,
  ) {}

  @Public()
  @Query(() => BountyConnection, { description: 'A DAO’s bounties (of one state), newest first.' })
  async bounties(
    @Args('dao') dao: string,
    @Args('state', { type: () => BountyStateEnum, nullable: true }) state: BountyStateEnum | null,
    @Args() page: PageArgs,
  ) {
    const { nodes, endCursor, hasNextPage } = await this.service.list(dao, state ?? null, page);
    return { nodes: nodes.map(toObject), pageInfo: { endCursor, hasNextPage } };
  }

  @Public()
  @Query(() => BountyObject, { description: 'BOUNTY_NOT_FOUND when there is none.' })
  async bounty(@Args('id', { type: () => ID }) id: string) {
    return toObject(await this.service.byId(id));
  }

  @ResolveField(() => TokenObject, { description: 'The reward token, its symbol and decimals.' })
  tokenInfo(@Parent() bounty: Bounty) {
    return this.reader.token(bounty.token);
  }

  @ResolveField(() => [BountyClaimObject], { description: 'Oldest first, each in its state now.' })
  claims(@Parent() bounty: Bounty) {
    return this.service.claims(bounty.id);
  }

  @ResolveField(() => [BountyPayoutObject], { description: 'Fixed at acceptance; empty before.' })
  payouts(@Parent() bounty: Bounty) {
    return this.service.payouts(bounty.id);
  }

  @SignedWrite()
  @Mutation(() => BountyObject, {
    description:
      'CreateBounty, by a DAO admin: INSUFFICIENT_TREASURY_FUNDS unless the Safe covers the reward besides what the DAO already owes.',
  })
  async createBounty(
    @Args('input') input: CreateBountyInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.service.create({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => BountyObject, { description: 'ClaimBounty, by a contributor: one open claim per bounty.' })
  async claimBounty(
    @Args('input') input: ClaimBountyInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.service.claim({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => BountyObject, {
    description: 'SubmitBountyWork, by the claimant: delivers an attestation.',
  })
  async submitBountyWork(
    @Args('input') input: SubmitBountyWorkInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.service.submit({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => BountyObject, { description: 'ReviewBountyWork, by a reviewer of the bounty: blind.' })
  async reviewBountyWork(
    @Args('input') input: ReviewBountyWorkInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.service.review({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => BountyObject, {
    description: 'AcceptBountyWork, by a DAO admin: the payout is due to the treasury at once.',
  })
  async acceptBountyWork(
    @Args('input') input: AcceptBountyWorkInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.service.accept({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => BountyObject, { description: 'RejectBountyWork, by a DAO admin: the claim is freed.' })
  async rejectBountyWork(
    @Args('input') input: RejectBountyWorkInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.service.reject({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => BountyObject, { description: 'CancelBounty, by a DAO admin, until its work is accepted.' })
  async cancelBounty(
    @Args('input') input: CancelBountyInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toObject(await this.service.cancel({ ...input, signature }));
  }
}

@Resolver(() => BountyClaimObject)
export class BountyClaimResolver {
  constructor(private readonly service: BountyService) {}

  @ResolveField(() => Int, { description: 'How many reviews it has (shown while the scores are blind).' })
  async reviewCount(@Parent() claim: BountyClaim) {
    return (await this.service.reviews(claim.id)).length;
  }

  @ResolveField(() => [BountyReviewObject], {
    description: 'Oldest first; score and comment null until the submission is accepted or rejected.',
  })
  async reviews(@Parent() claim: BountyClaim) {
    const visible = scoresVisible(claim);
    return (await this.service.reviews(claim.id)).map((review) => ({
      reviewer: review.reviewer,
      score: visible ? review.score : null,
      comment: visible ? review.comment : null,
      createdAt: review.createdAt,
    }));
  }
}
