import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AddressScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite } from '@guildhall/core/nest';
import { reviewsVisible } from '../domain/contribution.js';
import { DisputeService } from '../domain/dispute.service.js';
import { ReviewService } from '../domain/review.service.js';
import { toAttestationObject, toReviewObject } from './attestation.resolver.js';
import { OpenDisputeInput, ResolveDisputeInput, SubmitReviewInput } from './contribution.input.js';
import { AttestationObject, DisputeObject, ReviewConnection, ReviewObject } from './contribution.object.js';

@Resolver(() => ReviewObject)
export class ReviewResolver {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly disputes: DisputeService,
  ) {}

  @Public()
  @Query(() => ReviewConnection, {
    description:
      'A DAO’s reviews, newest first; scores only once each attestation’s review phase has closed.',
  })
  async reviews(
    @Args('dao') dao: string,
    @Args() page: PageArgs,
    @Args('reviewer', { type: () => AddressScalar, nullable: true }) reviewer?: Address | null,
    @Args('round', { type: () => ID, nullable: true }) round?: string | null,
  ) {
    const { nodes, endCursor, hasNextPage } = await this.reviewService.list(
      dao,
      { reviewer, roundId: round },
      page,
    );
    return {
      nodes: nodes.map(({ review, attestation }) => toReviewObject(review, reviewsVisible(attestation))),
      pageInfo: { endCursor, hasNextPage },
    };
  }

  @SignedWrite()
  @Mutation(() => AttestationObject, {
    description:
      'SubmitReview, by a DAO reviewer while the review phase is open; a later review replaces it.',
  })
  async submitReview(
    @Args('input') input: SubmitReviewInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toAttestationObject(await this.reviewService.submit({ ...input, signature }));
  }

  @Public()
  @Query(() => DisputeObject, { description: 'DISPUTE_NOT_FOUND when there is none.' })
  dispute(@Args('id', { type: () => ID }) id: string) {
    return this.disputes.byId(id);
  }

  @SignedWrite()
  @Mutation(() => DisputeObject, { description: 'OpenDispute, by a token holder or contributor of the DAO.' })
  openDispute(
    @Args('input') input: OpenDisputeInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return this.disputes.open({ ...input, signature });
  }

  @SignedWrite()
  @Mutation(() => DisputeObject, { description: 'ResolveDispute, by an admin: UPHELD or DISMISSED.' })
  resolveDispute(
    @Args('input') input: ResolveDisputeInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return this.disputes.resolve({ ...input, signature });
  }
}
