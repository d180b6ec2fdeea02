import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { ConnectionOf, SignedMessageInput } from '@guildhall/core/nest';

@InputType({ description: 'The RecordRevenue message (docs/signing.md).' })
export class RecordRevenueInput extends SignedMessageInput {
  @Field(() => AddressScalar, { description: 'The token the revenue is held in (ERC20).' })
  token!: Address;

  @Field(() => BigIntScalar, { description: 'Base units of the token.' })
  amount!: bigint;

  @Field(() => BigIntScalar, { description: 'Unix seconds.' })
  periodStart!: bigint;

  @Field(() => BigIntScalar, { description: 'Unix seconds.' })
  periodEnd!: bigint;

  @Field(() => String, { description: 'An invoice number, an API-usage report hash, a URL.' })
  reference!: string;
}

@InputType({ description: 'The CreateRevenueShare message (docs/signing.md).' })
export class CreateRevenueShareInput extends SignedMessageInput {
  @Field(() => ID, { description: 'The revenue record to share.' })
  revenue!: string;

  @Field(() => BigIntScalar, { description: 'Holders’ balances at this block; 0 = latest.' })
  snapshotBlock!: bigint;

  @Field(() => [AddressScalar], { description: 'Left out besides the Safe and the zero address.' })
  exclude!: Address[];
}

@ObjectType('RevenueShareAllocation')
export class RevenueShareAllocationObject {
  @Field(() => AddressScalar)
  holder!: Address;

  @Field(() => BigIntScalar, { description: 'Governance-token balance at the snapshot.' })
  balance!: bigint;

  @Field(() => BigIntScalar, { description: 'Base units of the revenue token.' })
  amount!: bigint;

  @Field(() => String, { description: 'PENDING until the treasury pays it, then PAID.' })
  status!: string;

  @Field(() => String, { nullable: true })
  txHash!: string | null;
}

@ObjectType('RevenueShare')
export class RevenueShareObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  revenueId!: string;

  @Field(() => BigIntScalar)
  snapshotBlock!: bigint;

  @Field(() => [AddressScalar])
  excluded!: Address[];

  @Field(() => String)
  state!: string;

  @Field(() => BigIntScalar, { description: 'Σ balances of the holders it was shared between.' })
  eligibleSupply!: bigint;

  @Field(() => BigIntScalar)
  allocated!: bigint;

  @Field(() => BigIntScalar)
  unallocated!: bigint;

  @Field(() => AddressScalar)
  createdBy!: Address;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('RevenueRecord')
export class RevenueRecordObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  dao!: string;

  @Field(() => AddressScalar)
  token!: Address;

  @Field(() => BigIntScalar)
  amount!: bigint;

  @Field(() => GraphQLISODateTime)
  periodStart!: Date;

  @Field(() => GraphQLISODateTime)
  periodEnd!: Date;

  @Field(() => String)
  reference!: string;

  @Field(() => AddressScalar)
  recordedBy!: Address;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const RevenueRecordConnection = ConnectionOf(RevenueRecordObject, 'RevenueRecordConnection');
