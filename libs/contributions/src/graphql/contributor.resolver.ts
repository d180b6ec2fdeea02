import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AddressScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite } from '@guildhall/core/nest';
import { AttestationService } from '../domain/attestation.service.js';
import { ContributorService } from '../domain/contributor.service.js';
import { toAttestationObject } from './attestation.resolver.js';
import { AttestationStatusEnum } from './contribution.enums.js';
import {
  SetReviewPolicyInput,
  SetReviewersInput,
  UpsertContributorProfileInput,
} from './contribution.input.js';
import {
  AttestationConnection,
  AttestationTotalObject,
  ContributorObject,
  ContributorProfileObject,
  ReviewPolicyObject,
} from './contribution.object.js';

@Resolver(() => ContributorObject)
export class ContributorResolver {
  constructor(
    private readonly contributors: ContributorService,
    private readonly attestationService: AttestationService,
  ) {}

  @Public()
  @Query(() => ContributorObject, {
    description: 'An address in a DAO: its profile, attestations and totals.',
  })
  contributor(@Args('dao') dao: string, @Args('address', { type: () => AddressScalar }) address: Address) {
    return { dao: dao.toLowerCase(), address };
  }

  @ResolveField(() => ContributorProfileObject, { nullable: true })
  profile(@Parent() contributor: ContributorObject) {
    return this.contributors.profile(contributor.dao, contributor.address);
  }

  @ResolveField(() => AttestationConnection, { description: 'Attestations it submitted or is credited on.' })
  async attestations(
    @Parent() contributor: ContributorObject,
    @Args() page: PageArgs,
    @Args('status', { type: () => AttestationStatusEnum, nullable: true })
    status?: AttestationStatusEnum | null,
  ) {
    const { nodes, endCursor, hasNextPage } = await this.attestationService.list(
      contributor.dao,
      { contributor: contributor.address, status: status },
      page,
    );
    return { nodes: nodes.map(toAttestationObject), pageInfo: { endCursor, hasNextPage } };
  }

  @ResolveField(() => [AttestationTotalObject], { description: 'Attestation counts by status.' })
  totals(@Parent() contributor: ContributorObject) {
    return this.contributors.totals(contributor.dao, contributor.address);
  }

  @Public()
  @Query(() => [AddressScalar], { description: 'The DAO’s reviewers.' })
  reviewers(@Args('dao') dao: string): Promise<Address[]> {
    return this.contributors.reviewers(dao);
  }

  @Public()
  @Query(() => ReviewPolicyObject, {
    description: 'The review rules of attestations submitted outside a round.',
  })
  reviewPolicy(@Args('dao') dao: string) {
    return this.contributors.policy(dao);
  }

  @SignedWrite()
  @Mutation(() => ContributorProfileObject, { description: 'UpsertContributorProfile, by the contributor.' })
  upsertContributorProfile(
    @Args('input') input: UpsertContributorProfileInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return this.contributors.upsertProfile({ ...input, signature });
  }

  @SignedWrite()
  @Mutation(() => [AddressScalar], { description: 'SetReviewers, by an admin: replaces the reviewer list.' })
  setReviewers(
    @Args('input') input: SetReviewersInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ): Promise<Address[]> {
    return this.contributors.setReviewers({ ...input, signature });
  }

  @SignedWrite()
  @Mutation(() => ReviewPolicyObject, {
    description: 'SetReviewPolicy, by an admin: applies to new attestations.',
  })
  setReviewPolicy(
    @Args('input') input: SetReviewPolicyInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return this.contributors.setPolicy({ ...input, signature });
  }
}
