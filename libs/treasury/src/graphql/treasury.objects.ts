import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { ConnectionOf } from '@guildhall/core/nest';

export enum SafeTxStatusEnum {
  AWAITING_CONFIRMATIONS = 'AWAITING_CONFIRMATIONS',
  READY = 'READY',
  EXECUTING = 'EXECUTING',
  EXECUTED = 'EXECUTED',
  FAILED = 'FAILED',
  REPLACED = 'REPLACED',
}
registerEnumType(SafeTxStatusEnum, { name: 'SafeTransactionStatus' });

export enum SafeTxOriginEnum {
  PROPOSAL = 'PROPOSAL',
  PAYOUT = 'PAYOUT',
  REVENUE_SHARE = 'REVENUE_SHARE',
  BOUNTY = 'BOUNTY',
  REJECTION = 'REJECTION',
  EXTERNAL = 'EXTERNAL',
}
registerEnumType(SafeTxOriginEnum, {
  name: 'SafeTransactionOrigin',
  description:
    'PROPOSAL: a passed proposal’s actions; PAYOUT: a batch of a round’s tranches; REVENUE_SHARE: a batch of a revenue share’s allocations; BOUNTY: a batch of accepted bounties’ payouts; REJECTION: the no-op that uses a nonce; EXTERNAL: executed outside Guildhall.',
});

export enum SignatureTypeEnum {
  EOA = 'EOA',
  ETH_SIGN = 'ETH_SIGN',
  CONTRACT = 'CONTRACT',
  APPROVED_HASH = 'APPROVED_HASH',
}
registerEnumType(SignatureTypeEnum, { name: 'SafeSignatureType' });

@ObjectType('SafeAction', { description: 'One call the Safe transaction makes.' })
export class SafeActionObject {
  @Field(() => AddressScalar)
  to!: Address;

  @Field(() => BigIntScalar, { description: 'Wei.' })
  value!: bigint;

  @Field(() => HexScalar)
  data!: Hex;

  @Field(() => Int, { description: '0 = CALL, 1 = DELEGATECALL.' })
  operation!: number;

  @Field({ description: 'e.g. "transfer 1,250.5 USDC to 0xAbC…123 (ada) — round 3, attestation …".' })
  humanReadable!: string;
}

@ObjectType('SafeConfirmation')
export class SafeConfirmationObject {
  @Field(() => AddressScalar)
  owner!: Address;

  @Field(() => HexScalar)
  signature!: Hex;

  @Field(() => SignatureTypeEnum)
  signatureType!: SignatureTypeEnum;

  @Field(() => GraphQLISODateTime)
  submittedAt!: Date;
}

@ObjectType('SafeTransactionOriginRef', {
  description: 'What the transaction executes: a proposal, a round’s payouts or a revenue share’s payouts.',
})
export class SafeTxOriginRefObject {
  @Field(() => SafeTxOriginEnum)
  kind!: SafeTxOriginEnum;

  @Field(() => ID, { nullable: true })
  proposal!: string | null;

  @Field(() => ID, { nullable: true })
  round!: string | null;

  @Field(() => ID, { nullable: true })
  revenueShare!: string | null;
}

@ObjectType('SafeTransaction', {
  description: 'A Safe transaction: its SafeTx fields as owners sign them, its calls, and its confirmations.',
})
export class SafeTransactionObject {
  @Field(() => HexScalar)
  safeTxHash!: Hex;

  @Field()
  dao!: string;

  @Field(() => AddressScalar)
  safe!: Address;

  @Field(() => Int)
  chainId!: number;

  @Field(() => AddressScalar)
  to!: Address;

  @Field(() => BigIntScalar)
  value!: bigint;

  @Field(() => HexScalar)
  data!: Hex;

  @Field(() => Int)
  operation!: number;

  @Field(() => BigIntScalar)
  safeTxGas!: bigint;

  @Field(() => BigIntScalar)
  baseGas!: bigint;

  @Field(() => BigIntScalar)
  gasPrice!: bigint;

  @Field(() => AddressScalar)
  gasToken!: Address;

  @Field(() => AddressScalar)
  refundReceiver!: Address;

  @Field(() => BigIntScalar)
  nonce!: bigint;

  @Field(() => [SafeActionObject])
  actions!: SafeActionObject[];

  @Field(() => SafeTxStatusEnum)
  status!: SafeTxStatusEnum;

  @Field(() => String, {
    nullable: true,
    description: 'Why it FAILED (the revert reason) or what replaced it.',
  })
  statusReason!: string | null;

  @Field(() => BigIntScalar, {
    nullable: true,
    description: 'Simulated gas of a payout batch when it was planned.',
  })
  estimatedGas!: bigint | null;

  @Field(() => HexScalar, { nullable: true })
  executionTxHash!: Hex | null;

  @Field(() => BigIntScalar, { nullable: true })
  executionBlock!: bigint | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const SafeTransactionConnection = ConnectionOf(SafeTransactionObject, 'SafeTransactionConnection');

@ObjectType('TokenBalance')
export class TokenBalanceObject {
  @Field(() => AddressScalar)
  token!: Address;

  @Field()
  symbol!: string;

  @Field(() => Int)
  decimals!: number;

  @Field(() => BigIntScalar, { description: 'Base units.' })
  balance!: bigint;
}

@ObjectType('Treasury', { description: 'A DAO’s Safe as it is on-chain now, and what is queued on it.' })
export class TreasuryObject {
  @Field()
  dao!: string;

  @Field(() => AddressScalar)
  safe!: Address;

  @Field(() => [AddressScalar])
  owners!: Address[];

  @Field(() => Int)
  threshold!: number;

  @Field(() => BigIntScalar, { description: 'The next nonce the Safe will execute.' })
  nonce!: bigint;

  @Field()
  version!: string;

  @Field(() => [SafeTransactionObject], {
    description: 'Transactions that may still execute, lowest nonce first; two at one nonce are a conflict.',
  })
  queued!: SafeTransactionObject[];
}
