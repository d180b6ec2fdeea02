import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { AddressScalar, type Address } from '@guildhall/core';
import { SignedMessageInput } from '@guildhall/core/nest';
import { AttestationKindEnum, DisputeResolutionEnum, DisputeTargetKindEnum } from './contribution.enums.js';

@InputType({ description: 'The UpsertContributorProfile message (docs/signing.md).' })
export class UpsertContributorProfileInput extends SignedMessageInput {
  @Field(() => String, { description: '3–32 letters, digits, _ or -; unique in the DAO (case-insensitive).' })
  handle!: string;

  @Field(() => [AttestationKindEnum])
  kinds!: AttestationKindEnum[];

  @Field(() => [String], { description: 'At most 10 https URLs.' })
  links!: string[];
}

@InputType('ModelInput')
export class ModelInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  version!: string;

  @Field(() => String, { description: 'name@version of the base model (required for FINE_TUNING), or "".' })
  base!: string;
}

@InputType('EvidenceInput')
export class EvidenceInput {
  @Field(() => String, { description: 'https://, ipfs:// or ar:// URI of the artifact.' })
  uri!: string;

  @Field(() => String, { description: 'SHA-256 of the artifact: 0x and 64 hex digits.' })
  sha256!: string;
}

@InputType('MetricInput')
export class MetricInput {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: 'A finite decimal number as text, e.g. "0.031" (signed as text).' })
  value!: string;
}

@InputType('SplitInput')
export class SplitInput {
  @Field(() => AddressScalar)
  contributor!: Address;

  @Field(() => Int, { description: 'Share of the credit in basis points; all shares sum to 10,000.' })
  bps!: number;
}

@InputType({ description: 'The SubmitAttestation message (docs/signing.md).' })
export class SubmitAttestationInput extends SignedMessageInput {
  @Field(() => String, { description: 'The reward round id, or "" to follow the DAO’s review policy.' })
  round!: string;

  @Field(() => AttestationKindEnum)
  kind!: AttestationKindEnum;

  @Field(() => ModelInput)
  model!: ModelInput;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Markdown, at most 10,000 characters.' })
  summary!: string;

  @Field(() => [EvidenceInput])
  evidence!: EvidenceInput[];

  @Field(() => [MetricInput])
  metrics!: MetricInput[];

  @Field(() => [SplitInput], {
    description: 'Empty: the submitter alone. Otherwise every contributor, the submitter included.',
  })
  splits!: SplitInput[];

  @Field(() => [ID], { description: 'Earlier attestations of the DAO this one builds on.' })
  references!: string[];
}

@InputType({ description: 'The CosignAttestation or WithdrawAttestation message (docs/signing.md).' })
export class AttestationActionInput extends SignedMessageInput {
  @Field(() => ID)
  attestation!: string;
}

@InputType({ description: 'The SetReviewers message (docs/signing.md).' })
export class SetReviewersInput extends SignedMessageInput {
  @Field(() => [AddressScalar])
  reviewers!: Address[];
}

@InputType({ description: 'The SetReviewPolicy message (docs/signing.md).' })
export class SetReviewPolicyInput extends SignedMessageInput {
  @Field(() => Int, { description: 'Seconds co-contributors have to co-sign.' })
  cosignWindow!: number;

  @Field(() => Int, { description: 'Seconds the review phase lasts.' })
  reviewPeriod!: number;

  @Field(() => Int)
  minReviews!: number;

  @Field(() => Int, { description: '0–100: the stake-weighted median score needed to be ACCEPTED.' })
  acceptanceScore!: number;
}

@InputType({ description: 'The SubmitReview message (docs/signing.md).' })
export class SubmitReviewInput extends SignedMessageInput {
  @Field(() => ID)
  attestation!: string;

  @Field(() => Int, { description: '0–100.' })
  score!: number;

  @Field(() => String, { description: 'At most 5,000 characters.' })
  comment!: string;
}

@InputType({ description: 'The OpenDispute message (docs/signing.md).' })
export class OpenDisputeInput extends SignedMessageInput {
  @Field(() => DisputeTargetKindEnum)
  targetKind!: DisputeTargetKindEnum;

  @Field(() => ID, { description: 'The attestation or review id.' })
  target!: string;

  @Field(() => String, { description: '1 to 5,000 characters.' })
  reason!: string;

  @Field(() => [String], { description: 'At most 20 https://, ipfs:// or ar:// URIs.' })
  evidence!: string[];
}

@InputType({ description: 'The ResolveDispute message (docs/signing.md).' })
export class ResolveDisputeInput extends SignedMessageInput {
  @Field(() => ID)
  dispute!: string;

  @Field(() => DisputeResolutionEnum)
  resolution!: DisputeResolutionEnum;

  @Field(() => String, { description: '1 to 5,000 characters.' })
  reason!: string;
}
