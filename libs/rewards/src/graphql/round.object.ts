import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, JSONScalar, type Address } from '@guildhall/core';
import { ConnectionOf } from '@guildhall/core/nest';
import { AttestationKindEnum } from '@guildhall/contributions';

export enum RoundStateEnum {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  REVIEWING = 'REVIEWING',
  FINALIZED = 'FINALIZED',
  PAYING = 'PAYING',
  PAID = 'PAID',
  CANCELED = 'CANCELED',
}
registerEnumType(RoundStateEnum, { name: 'RoundState' });

export enum ScoringEngineEnum {
  YUMA = 'YUMA',
  MEAN = 'MEAN',
  MEDIAN = 'MEDIAN',
}
registerEnumType(ScoringEngineEnum, { name: 'ScoringEngine' });

@ObjectType('KindPool')
export class KindPoolObject {
  @Field(() => AttestationKindEnum)
  kind!: string;

  @Field(() => Int)
  shareBps!: number;

  @Field(() => Int)
  floorBps!: number;
}

@ObjectType('Vesting')
export class VestingObject {
  @Field(() => Int, { description: 'Seconds.' })
  cliff!: number;

  @Field(() => Int)
  duration!: number;

  @Field(() => Int)
  interval!: number;
}

@ObjectType('Allocation')
export class AllocationObject {
  @Field(() => ID)
  roundId!: string;

  @Field(() => String, { description: 'A kind, or REVIEWERS.' })
  pool!: string;

  @Field(() => AddressScalar)
  recipient!: Address;

  @Field(() => BigIntScalar, { description: 'Base units of the round’s token.' })
  amount!: bigint;

  @Field(() => JSONScalar, {
    description: 'Its attestations, each reviewer’s score, consensus, incentive, pool, and the step applied.',
  })
  explanation!: unknown;
}

@ObjectType('VestingTranche')
export class VestingTrancheObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  pool!: string;

  @Field(() => AddressScalar)
  recipient!: Address;

  @Field(() => Int)
  seq!: number;

  @Field(() => BigIntScalar)
  amount!: bigint;

  @Field(() => GraphQLISODateTime)
  unlockAt!: Date;

  @Field(() => String, { description: 'PENDING until the treasury pays it, then PAID.' })
  status!: string;

  @Field(() => String, { nullable: true })
  txHash!: string | null;
}

@ObjectType('Round')
export class RoundObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  dao!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RoundStateEnum)
  state!: string;

  @Field(() => AddressScalar)
  token!: Address;

  @Field(() => BigIntScalar)
  budget!: bigint;

  @Field(() => GraphQLISODateTime)
  submissionsOpenAt!: Date;

  @Field(() => GraphQLISODateTime)
  submissionsCloseAt!: Date;

  @Field(() => GraphQLISODateTime)
  reviewDeadline!: Date;

  @Field(() => BigIntScalar)
  snapshotBlock!: bigint;

  @Field(() => ScoringEngineEnum)
  engine!: string;

  @Field(() => JSONScalar, { description: 'Resolved Yuma parameters (fractions).' })
  yuma!: unknown;

  @Field(() => Int)
  reviewerShareBps!: number;

  @Field(() => [KindPoolObject])
  pools!: KindPoolObject[];

  @Field(() => Int, { nullable: true })
  contributorCapBps!: number | null;

  @Field(() => BigIntScalar)
  minPayout!: bigint;

  @Field(() => VestingObject)
  vesting!: VestingObject;

  @Field(() => Int)
  minReviews!: number;

  @Field(() => Int)
  acceptanceScore!: number;

  @Field(() => AddressScalar)
  createdBy!: Address;

  @Field(() => GraphQLISODateTime, { nullable: true })
  finalizedAt!: Date | null;

  @Field(() => BigIntScalar, { nullable: true })
  allocated!: bigint | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'What no pool could pay (never lost).' })
  unallocated!: bigint | null;

  @Field(() => Boolean, { description: 'The Safe held less than the budget at finalization.' })
  underfunded!: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const RoundConnection = ConnectionOf(RoundObject, 'RoundConnection');
export const AllocationConnection = ConnectionOf(AllocationObject, 'AllocationConnection');
