import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { ConnectionOf, SignedMessageInput } from '@guildhall/core/nest';

export enum BountyStateEnum {
  OPEN = 'OPEN',
  ACCEPTED = 'ACCEPTED',
  PAYING = 'PAYING',
  PAID = 'PAID',
  CANCELLED = 'CANCELLED',
}
registerEnumType(BountyStateEnum, {
  name: 'BountyState',
  description:
    'OPEN: takes claims and work, its reward reserved; ACCEPTED: a submission was accepted, its payout is due; PAYING: a Safe transaction carries the payout; PAID: the Safe executed it; CANCELLED: by an admin before any acceptance.',
});

export enum BountyClaimStateEnum {
  ACTIVE = 'ACTIVE',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
  CLOSED = 'CLOSED',
}
registerEnumType(BountyClaimStateEnum, {
  name: 'BountyClaimState',
  description:
    'ACTIVE until delivered (SUBMITTED) or its claim TTL runs out (EXPIRED); a submission is ACCEPTED or REJECTED; claims still open when the bounty is accepted or cancelled are CLOSED.',
});

export enum BountyPayoutStatusEnum {
  PENDING = 'PENDING',
  IN_FLIGHT = 'IN_FLIGHT',
  PAID = 'PAID',
}
registerEnumType(BountyPayoutStatusEnum, { name: 'BountyPayoutStatus' });

@InputType({ description: 'The CreateBounty message (docs/signing.md).' })
export class CreateBountyInput extends SignedMessageInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { defaultValue: '' })
  description!: string;

  @Field(() => AddressScalar, { description: 'The ERC20 token the reward is paid in.' })
  token!: Address;

  @Field(() => BigIntScalar, { description: 'Base units of the token, reserved on the Safe while open.' })
  amount!: bigint;

  @Field(() => String, {
    defaultValue: '',
    description: 'The attestation kind a submission must have (e.g. RED_TEAMING); empty for any.',
  })
  kind!: string;

  @Field(() => BigIntScalar, { description: 'Unix seconds: claims and submissions are taken until then.' })
  deadline!: bigint;

  @Field(() => Int, { defaultValue: 1, description: 'How many claims may be open at once (1 to 100).' })
  maxClaimants!: number;

  @Field(() => BigIntScalar, { description: 'Seconds a claim lives without a submission (at least 1).' })
  claimTtl!: bigint;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Whether a submission may credit co-contributors (the reward is split by their bps).',
  })
  teamAllowed!: boolean;

  @Field(() => Int, { defaultValue: 0 })
  minReviews!: number;

  @Field(() => Int, { defaultValue: 0, description: '0–100: the median score a submission needs.' })
  acceptanceScore!: number;

  @Field(() => [AddressScalar], { defaultValue: [], description: 'Its reviewers; empty: the DAO’s.' })
  reviewers!: Address[];
}

@InputType({ description: 'The ClaimBounty message (docs/signing.md).' })
export class ClaimBountyInput extends SignedMessageInput {
  @Field(() => ID)
  bounty!: string;
}

@InputType({ description: 'The SubmitBountyWork message (docs/signing.md).' })
export class SubmitBountyWorkInput extends SignedMessageInput {
  @Field(() => ID)
  bounty!: string;

  @Field(() => ID, { description: 'The claimant’s attestation of the work, outside any round.' })
  attestation!: string;
}

@InputType({ description: 'The ReviewBountyWork message (docs/signing.md).' })
export class ReviewBountyWorkInput extends SignedMessageInput {
  @Field(() => ID)
  claim!: string;

  @Field(() => Int, { description: '0 to 100.' })
  score!: number;

  @Field(() => String, { defaultValue: '' })
  comment!: string;
}

@InputType({ description: 'The AcceptBountyWork message (docs/signing.md).' })
export class AcceptBountyWorkInput extends SignedMessageInput {
  @Field(() => ID)
  claim!: string;
}

@InputType({ description: 'The RejectBountyWork message (docs/signing.md).' })
export class RejectBountyWorkInput extends SignedMessageInput {
  @Field(() => ID)
  claim!: string;

  @Field(() => String)
  reason!: string;
}

@InputType({ description: 'The CancelBounty message (docs/signing.md).' })
export class CancelBountyInput extends SignedMessageInput {
  @Field(() => ID)
  bounty!: string;

  @Field(() => String, { defaultValue: '' })
  reason!: string;
}

@ObjectType('BountyReview', {
  description: 'A reviewer’s score of a submission: score and comment are blind (null) until it is decided.',
})
export class BountyReviewObject {
  @Field(() => AddressScalar)
  reviewer!: Address;

  @Field(() => Int, { nullable: true })
  score!: number | null;

  @Field(() => String, { nullable: true })
  comment!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('BountyClaim')
export class BountyClaimObject {
  @Field(() => ID)
  id!: string;

  @Field(() => AddressScalar)
  claimant!: Address;

  @Field(() => BountyClaimStateEnum, { description: 'Now: an ACTIVE claim past its TTL shows EXPIRED.' })
  state!: BountyClaimStateEnum;

  @Field(() => GraphQLISODateTime, { description: 'When it expires without a submission.' })
  expiresAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The attestation delivered.' })
  attestationId!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  rejectReason!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('BountyPayout', { description: 'One payee’s part of an accepted bounty, fixed at acceptance.' })
export class BountyPayoutObject {
  @Field(() => AddressScalar)
  payee!: Address;

  @Field(() => BigIntScalar, { description: 'Base units of the bounty’s token.' })
  amount!: bigint;

  @Field(() => BountyPayoutStatusEnum)
  status!: BountyPayoutStatusEnum;

  @Field(() => HexScalar, { nullable: true, description: 'The Ethereum transaction that paid it.' })
  txHash!: Hex | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'The block it was paid in.' })
  paidBlock!: bigint | null;
}

@ObjectType('Bounty')
export class BountyObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The DAO slug.' })
  dao!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => AddressScalar)
  token!: Address;

  @Field(() => BigIntScalar, { description: 'Base units of the token.' })
  amount!: bigint;

  @Field(() => String, { nullable: true, description: 'The attestation kind a submission must have.' })
  kind!: string | null;

  @Field(() => GraphQLISODateTime)
  deadline!: Date;

  @Field(() => Int)
  maxClaimants!: number;

  @Field(() => Int, { description: 'Seconds a claim lives without a submission.' })
  claimTtl!: number;

  @Field(() => Boolean)
  teamAllowed!: boolean;

  @Field(() => Int)
  minReviews!: number;

  @Field(() => Int)
  acceptanceScore!: number;

  @Field(() => [AddressScalar], { description: 'Its own reviewers; empty: the DAO’s reviewers review it.' })
  reviewers!: Address[];

  @Field(() => BountyStateEnum)
  state!: BountyStateEnum;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field(() => AddressScalar)
  createdBy!: Address;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const BountyConnection = ConnectionOf(BountyObject, 'BountyConnection');
