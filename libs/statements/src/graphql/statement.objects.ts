import { Field, GraphQLISODateTime, InputType, Int, ObjectType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { SignedMessageInput } from '@guildhall/core/nest';

@ObjectType({ description: 'One line of a contributor statement (docs/statements.md).' })
export class StatementLineObject {
  @Field({
    description:
      'ROUND_ALLOCATION, VESTING_TRANCHE, BOUNTY_PAYOUT, REVENUE_ALLOCATION, TOKEN_PAYOUT, CREDIT_GRANT, CREDIT_SPEND or CREDIT_EXPIRY.',
  })
  kind!: string;

  @Field({ description: 'The allocation, tranche, payout or transfer it records, stable within its kind.' })
  id!: string;

  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field({ description: 'TOKEN or CREDIT.' })
  assetType!: string;

  @Field({ description: 'The token’s address, or the credit type’s code.' })
  asset!: string;

  @Field({ description: 'The token’s symbol, or the credit type’s unit.' })
  symbol!: string;

  @Field(() => Int, { description: 'The token’s decimals, or the credit type’s scale.' })
  decimals!: number;

  @Field(() => BigIntScalar, {
    description: 'In base units (a credit type’s integer units); a spend or expiry is credits out.',
  })
  amount!: bigint;

  @Field(() => String, { nullable: true, description: 'PAID, PENDING, IN_FLIGHT, CARRIED, EXECUTED…' })
  status!: string | null;

  @Field({
    description:
      'How it counts in the totals: ALLOCATED, OWED (paid or pending by status), ALLOCATED_OWED, or RECORD (counted elsewhere).',
  })
  counts!: string;

  @Field()
  description!: string;

  @Field(() => String, { nullable: true, description: 'The allocation’s explanation, in short.' })
  detail!: string | null;

  @Field(() => String, { nullable: true })
  txHash!: string | null;

  @Field(() => BigIntScalar, { nullable: true })
  block!: bigint | null;

  @Field(() => String, {
    nullable: true,
    description: 'USD per whole token the DAO recorded, the latest at or before the line’s date; null: none.',
  })
  usdPrice!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  usdPriceAsOf!: Date | null;

  @Field(() => String, { nullable: true, description: 'amount × usdPrice, exact; null without a price.' })
  usdValue!: string | null;
}

@ObjectType()
export class StatementTokenTotalObject {
  @Field(() => AddressScalar)
  token!: Address;

  @Field()
  symbol!: string;

  @Field(() => Int)
  decimals!: number;

  @Field(() => BigIntScalar, { description: 'Allocated in the period (rounds, bounties, revenue shares).' })
  allocated!: bigint;

  @Field(() => BigIntScalar, { description: 'Payments due in the period, paid.' })
  paid!: bigint;

  @Field(() => BigIntScalar, { description: 'Payments due in the period, not paid yet.' })
  pending!: bigint;
}

@ObjectType()
export class StatementCreditTotalObject {
  @Field()
  code!: string;

  @Field()
  unit!: string;

  @Field(() => Int)
  scale!: number;

  @Field(() => BigIntScalar)
  granted!: bigint;

  @Field(() => BigIntScalar)
  spent!: bigint;

  @Field(() => BigIntScalar)
  expired!: bigint;

  @Field(() => String, { description: 'granted − spent − expired, as a decimal string (may be negative).' })
  net!: string;
}

@ObjectType({
  description: 'A contributor’s statement of a DAO for a period [from, to) (docs/statements.md).',
})
export class ContributorStatementObject {
  @Field()
  dao!: string;

  @Field()
  daoName!: string;

  @Field(() => AddressScalar)
  contributor!: Address;

  @Field(() => GraphQLISODateTime)
  from!: Date;

  @Field(() => GraphQLISODateTime)
  to!: Date;

  @Field(() => [StatementLineObject])
  lines!: StatementLineObject[];

  @Field(() => [StatementTokenTotalObject])
  tokenTotals!: StatementTokenTotalObject[];

  @Field(() => [StatementCreditTotalObject])
  creditTotals!: StatementCreditTotalObject[];

  @Field(() => [AddressScalar], {
    description:
      'Tokens of some line for which the DAO recorded no price at or before its date: no USD value.',
  })
  unpricedTokens!: Address[];

  @Field({ description: 'SHA-256 (hex) of the statement’s canonical JSON: printed on its PDF and CSV.' })
  documentHash!: string;

  @Field({ description: 'The canonical JSON the hash is computed over.' })
  canonicalJson!: string;

  @Field({ description: 'The lines as CSV (docs/statements.md).' })
  csv!: string;
}

@ObjectType({
  description: 'Every contributor’s statement of a DAO for a period, as CSV, for its accountant.',
})
export class StatementsExportObject {
  @Field(() => Int, { description: 'How many contributors have a line in the period.' })
  contributors!: number;

  @Field({ description: 'One row per line, each naming its contributor and statement hash.' })
  csv!: string;

  @Field({ description: 'SHA-256 (hex) of the CSV text.' })
  csvHash!: string;
}

@ObjectType()
export class TokenPriceObject {
  @Field(() => AddressScalar)
  token!: Address;

  @Field({ description: 'USD per whole token, exact.' })
  usdPerToken!: string;

  @Field(() => GraphQLISODateTime)
  asOf!: Date;
}

@InputType({ description: 'The RecordTokenPrice message, signed by an admin (docs/signing.md).' })
export class RecordTokenPriceInput extends SignedMessageInput {
  @Field(() => AddressScalar)
  token!: Address;

  @Field({ description: 'USD per whole token, a decimal such as "1.25" (at most 18 decimals).' })
  usdPerToken!: string;

  @Field(() => BigIntScalar, { description: 'Unix seconds from which the price holds.' })
  asOf!: bigint;
}
