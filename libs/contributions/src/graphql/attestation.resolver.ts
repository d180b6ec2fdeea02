import {
  Args,
  Context,
  ID,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import { AddressScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { PageArgs, Public, SignedWrite, type Connection } from '@guildhall/core/nest';
import { metricValue } from '../domain/attestation-rules.js';
import { AttestationService } from '../domain/attestation.service.js';
import {
  reviewsVisible,
  type Attestation,
  type AttestationSubmittedEvent,
  type Review,
} from '../domain/contribution.js';
import { AttestationLoaders } from './attestation.loaders.js';
import { AttestationKindEnum, AttestationStatusEnum } from './contribution.enums.js';
import { AttestationActionInput, SubmitAttestationInput } from './contribution.input.js';
import {
  AttestationConnection,
  AttestationObject,
  DisputeObject,
  ReviewObject,
} from './contribution.object.js';

export const toAttestationObject = (attestation: Attestation) => ({
  ...attestation,
  dao: attestation.daoSlug,
  metrics: attestation.metrics.map((metric, index) => ({
    name: metric.name,
    value: metricValue(metric, index),
    text: metric.value,
  })),
  coContributors: attestation.credits,
  reviewsVisible: reviewsVisible(attestation),
});

/** A review as the API shows it: score, comment and stake stay hidden while the phase is blind. */
export const toReviewObject = (review: Review, visible: boolean) =>
  visible ? review : { ...review, score: null, comment: null, stake: null };

/** `name` or `name@version`. */
export const modelFilter = (model: string | null | undefined) => {
  if (!model) return {};
  const at = model.lastIndexOf('@');
  return at <= 0
    ? { modelName: model }
    : { modelName: model.slice(0, at), modelVersion: model.slice(at + 1) };
};

@Resolver(() => AttestationObject)
export class AttestationResolver {
  constructor(
    private readonly attestationService: AttestationService,
    private readonly loaders: AttestationLoaders,
  ) {}

  @Public()
  @Query(() => AttestationObject, { description: 'ATTESTATION_NOT_FOUND when there is none.' })
  async attestation(@Args('id', { type: () => ID }) id: string) {
    return toAttestationObject(await this.attestationService.byId(id));
  }

  @Public()
  @Query(() => AttestationConnection, { description: 'A DAO’s attestations, newest first.' })
  async attestations(
    @Args('dao') dao: string,
    @Args() page: PageArgs,
    @Args('round', { type: () => ID, nullable: true }) round?: string | null,
    @Args('contributor', {
      type: () => AddressScalar,
      nullable: true,
      description: 'Submitter or co-contributor.',
    })
    contributor?: Address | null,
    @Args('kind', { type: () => AttestationKindEnum, nullable: true }) kind?: AttestationKindEnum | null,
    @Args('status', { type: () => AttestationStatusEnum, nullable: true })
    status?: AttestationStatusEnum | null,
    @Args('model', { type: () => String, nullable: true, description: '`name` or `name@version`.' })
    model?: string | null,
  ): Promise<Connection<ReturnType<typeof toAttestationObject>>> {
    const { nodes, endCursor, hasNextPage } = await this.attestationService.list(
      dao,
      {
        roundId: round,
        contributor,
        kind: kind,
        status: status,
        ...modelFilter(model),
      },
      page,
    );
    return { nodes: nodes.map(toAttestationObject), pageInfo: { endCursor, hasNextPage } };
  }

  @ResolveField(() => [ReviewObject], {
    description: 'Every review; scores, comments and stakes only once the review phase has closed.',
  })
  async reviews(@Parent() attestation: Attestation, @Context() context: object) {
    const visible = reviewsVisible(attestation);
    return (await this.loaders.of(context).reviews.load(attestation.id)).map((review) =>
      toReviewObject(review, visible),
    );
  }

  @ResolveField(() => [DisputeObject])
  disputes(@Parent() attestation: Attestation, @Context() context: object) {
    return this.loaders.of(context).disputes.load(attestation.id);
  }

  @SignedWrite()
  @Mutation(() => AttestationObject, {
    description: 'SubmitAttestation, by the contributor; PENDING_COSIGN until every co-contributor co-signs.',
  })
  async submitAttestation(
    @Args('input') input: SubmitAttestationInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toAttestationObject(
      await this.attestationService.submit({
        ...input,
        evidence: input.evidence.map((entry) => ({ uri: entry.uri, sha256: entry.sha256 as Hex })),
        signature,
      }),
    );
  }

  @SignedWrite()
  @Mutation(() => AttestationObject, {
    description: 'CosignAttestation, by a co-contributor, within the window.',
  })
  async cosignAttestation(
    @Args('input') input: AttestationActionInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toAttestationObject(await this.attestationService.cosign({ ...input, signature }));
  }

  @SignedWrite()
  @Mutation(() => AttestationObject, {
    description: 'WithdrawAttestation, by its submitter, before the review closes.',
  })
  async withdrawAttestation(
    @Args('input') input: AttestationActionInput,
    @Args('signature', { type: () => HexScalar }) signature: Hex,
  ) {
    return toAttestationObject(await this.attestationService.withdraw({ ...input, signature }));
  }

  @Public()
  @Subscription(() => AttestationObject, {
    description: 'Fires when an attestation of the DAO is submitted (and every co-contributor has signed).',
    filter: (event: AttestationSubmittedEvent, args: { dao: string }) =>
      event.daoSlug === args.dao.toLowerCase(),
    async resolve(this: AttestationResolver, event: AttestationSubmittedEvent) {
      return toAttestationObject(await this.attestationService.byId(event.attestationId));
    },
  })
  attestationSubmitted(@Args('dao') _dao: string): AsyncIterableIterator<AttestationSubmittedEvent> {
    return this.attestationService.submissions();
  }
}
