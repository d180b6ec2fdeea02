import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { ConnectionOf } from '@guildhall/core/nest';
import {
  AttestationKindEnum,
  AttestationStatusEnum,
  DisputeStatusEnum,
  DisputeTargetKindEnum,
} from './contribution.enums.js';

@ObjectType('ContributorProfile')
export class ContributorProfileObject {
  @Field(() => AddressScalar)
  address!: Address;

  @Field(() => String)
  handle!: string;

  @Field(() => [AttestationKindEnum])
  kinds!: string[];

  @Field(() => [String])
  links!: string[];

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

@ObjectType('Model')
export class ModelObject {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  version!: string;

  @Field(() => String, { description: 'name@version of the base model, or "".' })
  base!: string;
}

@ObjectType('Evidence')
export class EvidenceObject {
  @Field(() => String)
  uri!: string;

  @Field(() => String)
  sha256!: string;
}

@ObjectType('Metric')
export class MetricObject {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;

  @Field(() => String, { description: 'The signed decimal text.' })
  text!: string;
}

@ObjectType('Credit')
export class CreditObject {
  @Field(() => AddressScalar)
  contributor!: Address;

  @Field(() => Int)
  bps!: number;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Null while their co-signature is awaited.',
  })
  cosignedAt!: Date | null;
}

@ObjectType('Review')
export class ReviewObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  attestationId!: string;

  @Field(() => AddressScalar)
  reviewer!: Address;

  @Field(() => Int, { nullable: true, description: 'Null while the review phase is open (blind review).' })
  score!: number | null;

  @Field(() => String, { nullable: true, description: 'Null while the review phase is open.' })
  comment!: string | null;

  @Field(() => BigIntScalar, {
    nullable: true,
    description: 'Voting power at the snapshot; null while blind.',
  })
  stake!: bigint | null;

  @Field(() => Boolean, { description: 'Voided by an upheld dispute: it counts for nothing.' })
  voided!: boolean;

  @Field(() => GraphQLISODateTime)
  signedAt!: Date;
}

@ObjectType('Dispute')
export class DisputeObject {
  @Field(() => ID)
  id!: string;

  @Field(() => AddressScalar)
  disputer!: Address;

  @Field(() => DisputeTargetKindEnum)
  targetKind!: string;

  @Field(() => ID)
  attestationId!: string;

  @Field(() => ID, { nullable: true })
  reviewId!: string | null;

  @Field(() => String)
  reason!: string;

  @Field(() => [String])
  evidence!: string[];

  @Field(() => DisputeStatusEnum)
  status!: string;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Field(() => AddressScalar, { nullable: true })
  resolvedBy!: Address | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('Attestation')
export class AttestationObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The DAO slug.' })
  dao!: string;

  @Field(() => AddressScalar, { description: 'The submitter.' })
  contributor!: Address;

  @Field(() => ID, { nullable: true })
  roundId!: string | null;

  @Field(() => AttestationKindEnum)
  kind!: string;

  @Field(() => ModelObject)
  model!: ModelObject;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => [EvidenceObject])
  evidence!: EvidenceObject[];

  @Field(() => [MetricObject])
  metrics!: MetricObject[];

  @Field(() => [CreditObject], { description: 'Every contributor’s share, the submitter included.' })
  coContributors!: CreditObject[];

  @Field(() => [ID])
  references!: string[];

  @Field(() => AttestationStatusEnum)
  status!: string;

  @Field(() => BigIntScalar, { description: 'Reviewer stake is voting power at this block.' })
  snapshotBlock!: bigint;

  @Field(() => GraphQLISODateTime)
  cosignDeadline!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  reviewOpensAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  reviewDeadline!: Date | null;

  @Field(() => Int)
  minReviews!: number;

  @Field(() => Int)
  acceptanceScore!: number;

  @Field(() => Int, { description: 'Live (non-voided) reviews; visible during the blind phase.' })
  reviewCount!: number;

  @Field(() => Boolean, { description: 'Whether scores are public (the review phase has closed).' })
  reviewsVisible!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Stake-weighted median score, set when the review closes.',
  })
  consensusScore!: number | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('ReviewPolicy')
export class ReviewPolicyObject {
  @Field(() => Int)
  cosignWindow!: number;

  @Field(() => Int)
  reviewPeriod!: number;

  @Field(() => Int)
  minReviews!: number;

  @Field(() => Int)
  acceptanceScore!: number;
}

@ObjectType('AttestationTotal')
export class AttestationTotalObject {
  @Field(() => AttestationStatusEnum)
  status!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType('Contributor')
export class ContributorObject {
  @Field(() => String)
  dao!: string;

  @Field(() => AddressScalar)
  address!: Address;
}

export const AttestationConnection = ConnectionOf(AttestationObject, 'AttestationConnection');
export const ReviewConnection = ConnectionOf(ReviewObject, 'ReviewConnection');
