import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { ConnectionOf, SignedMessageInput } from '@guildhall/core/nest';

export enum RevenueShareTargetEnum {
  HOLDERS = 'HOLDERS',
  CONTRIBUTORS_OF_MODEL = 'CONTRIBUTORS_OF_MODEL',
}
registerEnumType(RevenueShareTargetEnum, {
  name: 'RevenueShareTarget',
  description:
    'HOLDERS: governance-token holders by their balances at a snapshot block; CONTRIBUTORS_OF_MODEL: the contributors of a model by what they were allocated in the DAO’s last finalized rounds.',
});

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

  @Field(() => RevenueShareTargetEnum, { defaultValue: RevenueShareTargetEnum.HOLDERS })
  target!: RevenueShareTargetEnum;

  @Field(() => String, {
    defaultValue: '',
    description: 'CONTRIBUTORS_OF_MODEL: the model name attestations give; empty for HOLDERS.',
  })
  model!: string;

  @Field(() => Int, {
    defaultValue: 0,
    description:
      'CONTRIBUTORS_OF_MODEL: how many of the DAO’s last finalized rounds count (1 to 100); 0 for HOLDERS.',
  })
  lookbackRounds!: number;

  @Field(() => BigIntScalar, {
    description: 'HOLDERS: balances at this block; 0 = latest. 0 for CONTRIBUTORS_OF_MODEL.',
  })
  snapshotBlock!: bigint;

  @Field(() => [AddressScalar], { description: 'Left out besides the Safe and the zero address.' })
  exclude!: Address[];

  @Field(() => BigIntScalar, {
    defaultValue: 0n,
    description:
      'Base units of the revenue token: allocations below it are not paid; their sum is carried over to the next share of the DAO and token.',
  })
  minPayout!: bigint;
}

@ObjectType('RevenueShareAllocation')
export class RevenueShareAllocationObject {
  @Field(() => AddressScalar, { description: 'The payee: a holder, or a contributor of the model.' })
  holder!: Address;

  @Field(() => BigIntScalar, {
    description:
      'Its weight: the governance-token balance at the snapshot (HOLDERS), or what it was allocated for the model, base units of the rounds’ tokens (CONTRIBUTORS_OF_MODEL).',
  })
  balance!: bigint;

  @Field(() => BigIntScalar, { description: 'Base units of the revenue token.' })
  amount!: bigint;

  @Field(() => String, {
    description:
      'PENDING until a Safe transaction carries it, IN_FLIGHT while one does, PAID once the Safe executed it; CARRIED (never paid): below the share’s minPayout, carried over.',
  })
  status!: string;

  @Field(() => String, { nullable: true, description: 'The Ethereum transaction that paid it.' })
  txHash!: string | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'The block it was paid in.' })
  paidBlock!: bigint | null;
}

@ObjectType('RevenueShare')
export class RevenueShareObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  revenueId!: string;

  @Field(() => RevenueShareTargetEnum)
  target!: RevenueShareTargetEnum;

  @Field(() => String, { nullable: true, description: 'CONTRIBUTORS_OF_MODEL: the model.' })
  model!: string | null;

  @Field(() => Int, { nullable: true, description: 'CONTRIBUTORS_OF_MODEL: the finalized rounds counted.' })
  lookbackRounds!: number | null;

  @Field(() => BigIntScalar, {
    description: 'The block of the balances (HOLDERS), or the latest when shared.',
  })
  snapshotBlock!: bigint;

  @Field(() => [AddressScalar])
  excluded!: Address[];

  @Field(() => String, {
    description:
      'COMPUTED when created, PAYING once a Safe transaction carries one of its allocations, PAID once every allocation is paid.',
  })
  state!: string;

  @Field(() => BigIntScalar, { description: 'Σ weights (balances or allocated amounts) it was shared by.' })
  eligibleSupply!: bigint;

  @Field(() => BigIntScalar, { description: 'Base units: allocations below it are carried over.' })
  minPayout!: bigint;

  @Field(() => BigIntScalar, {
    description: 'Carried over from earlier shares of the DAO and token, shared with the revenue.',
  })
  carriedIn!: bigint;

  @Field(() => BigIntScalar, {
    description: 'Σ allocations paid. amount + carriedIn = allocated + carriedOver + unallocated.',
  })
  allocated!: bigint;

  @Field(() => BigIntScalar, {
    description: 'Σ allocations below minPayout: not paid, added to the next share of the DAO and token.',
  })
  carriedOver!: bigint;

  @Field(() => BigIntScalar, { description: 'What nobody was eligible for (0 unless nobody was).' })
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
