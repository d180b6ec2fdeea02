import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { ConnectionOf } from '@guildhall/core/nest';

/** Snapshot's vote types; the value of each is its Snapshot name, which signed messages carry. */
export enum VoteTypeEnum {
  BASIC = 'basic',
  SINGLE_CHOICE = 'single-choice',
  APPROVAL = 'approval',
  WEIGHTED = 'weighted',
  QUADRATIC = 'quadratic',
  RANKED_CHOICE = 'ranked-choice',
}
registerEnumType(VoteTypeEnum, {
  name: 'VoteType',
  description:
    'Snapshot vote types. Signed messages carry the Snapshot name: basic, single-choice, approval, weighted, quadratic, ranked-choice.',
});

export enum QuorumKindEnum {
  ABSOLUTE = 'ABSOLUTE',
  SUPPLY_BPS = 'SUPPLY_BPS',
}
registerEnumType(QuorumKindEnum, {
  name: 'QuorumKind',
  description:
    'ABSOLUTE: quorum is voting power in base units. SUPPLY_BPS: basis points of the past total supply at the snapshot.',
});

@ObjectType('Dao', { description: 'A DAO: its governance token, its treasury Safe and its rules.' })
export class DaoObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Unique, lower-case, used in URLs and signed messages.' })
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  chainId!: number;

  @Field(() => AddressScalar, { description: 'ERC20Votes token whose past votes weigh every vote.' })
  governanceToken!: Address;

  @Field(() => AddressScalar, { description: 'The Safe that executes passed proposals and payouts.' })
  safeAddress!: Address;

  @Field(() => Int, { description: 'Seconds from a proposal’s creation to the start of its vote.' })
  votingDelay!: number;

  @Field(() => Int, { description: 'Seconds a vote stays open.' })
  votingPeriod!: number;

  @Field(() => BigIntScalar, { description: 'Voting power (base units) an author needs to propose.' })
  proposalThreshold!: bigint;

  @Field(() => QuorumKindEnum)
  quorumKind!: QuorumKindEnum;

  @Field(() => BigIntScalar)
  quorum!: bigint;

  @Field(() => Int, {
    description: 'basic votes: For / (For + Against) must reach this many bps (0: For > Against).',
  })
  supermajorityBps!: number;

  @Field(() => [VoteTypeEnum])
  voteTypes!: VoteTypeEnum[];

  @Field(() => Boolean, { description: 'Whether a voter may replace their vote while the vote is open.' })
  allowVoteChange!: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const DaoConnection = ConnectionOf(DaoObject, 'DaoConnection');
