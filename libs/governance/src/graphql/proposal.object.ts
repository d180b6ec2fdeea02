import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, HexScalar, type Address } from '@guildhall/core';
import { ConnectionOf } from '@guildhall/core/nest';
import { TokenObject } from '@guildhall/chain';
import { VoteTypeEnum } from '@guildhall/dao';

export enum ProposalStateEnum {
  PENDING = 'PENDING',
  ACTIVE = 'ACTIVE',
  SUCCEEDED = 'SUCCEEDED',
  DEFEATED = 'DEFEATED',
  QUEUED = 'QUEUED',
  EXECUTED = 'EXECUTED',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
  CANCELED = 'CANCELED',
}
registerEnumType(ProposalStateEnum, { name: 'ProposalState' });

export enum VoteOrderEnum {
  VP = 'VP',
  CREATED = 'CREATED',
}
registerEnumType(VoteOrderEnum, {
  name: 'VoteOrder',
  description: 'VP: largest voting power first. CREATED: oldest first.',
});

@ObjectType('TokenTransfer', { description: 'An ERC-20 transfer an action makes, decoded.' })
export class TokenTransferObject {
  @Field(() => TokenObject)
  token!: TokenObject;

  @Field(() => AddressScalar, { description: 'The recipient.' })
  to!: Address;

  @Field(() => BigIntScalar, { description: 'Base units of the token.' })
  amount!: bigint;
}

@ObjectType('ProposalAction')
export class ProposalActionObject {
  @Field(() => AddressScalar)
  to!: Address;

  @Field(() => BigIntScalar, { description: 'Wei.' })
  value!: bigint;

  @Field(() => HexScalar)
  data!: string;

  @Field(() => Int, { description: '0 = CALL, 1 = DELEGATECALL.' })
  operation!: number;

  @Field(() => String, {
    description: 'Decoded: an ERC20 transfer, a call to a known ABI, or unknown calldata.',
  })
  description!: string;
}

@ObjectType('Tally')
export class TallyObject {
  @Field(() => [String], {
    description: 'Per choice, in choice order, in voting power base units (decimal strings).',
  })
  scores!: string[];

  @Field(() => String)
  scoresTotal!: string;

  @Field(() => Boolean)
  quorumReached!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'The choice (1-indexed) with the strictly highest score; null on a tie.',
  })
  winningChoice!: number | null;
}

@ObjectType('Vote')
export class VoteObject {
  @Field(() => AddressScalar)
  voter!: Address;

  @Field(() => String, { description: 'Snapshot’s format for the proposal’s type, as JSON text.' })
  choice!: string;

  @Field(() => BigIntScalar, { description: 'getPastVotes(voter, snapshotBlock).' })
  vp!: bigint;

  @Field(() => String)
  reason!: string;

  @Field(() => GraphQLISODateTime, { description: 'The signed message’s timestamp.' })
  signedAt!: Date;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const VoteConnection = ConnectionOf(VoteObject, 'VoteConnection');

@ObjectType('Proposal')
export class ProposalObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The DAO’s slug.' })
  dao!: string;

  @Field(() => AddressScalar)
  author!: Address;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: 'Markdown.' })
  body!: string;

  @Field(() => String)
  discussion!: string;

  @Field(() => VoteTypeEnum)
  voteType!: VoteTypeEnum;

  @Field(() => [String])
  choices!: string[];

  @Field(() => [ProposalActionObject])
  actions!: ProposalActionObject[];

  @Field(() => BigIntScalar)
  snapshotBlock!: bigint;

  @Field(() => GraphQLISODateTime)
  startAt!: Date;

  @Field(() => GraphQLISODateTime)
  endAt!: Date;

  @Field(() => BigIntScalar, { description: 'Frozen at creation.' })
  quorum!: bigint;

  @Field(() => Int)
  supermajorityBps!: number;

  @Field(() => Boolean)
  allowVoteChange!: boolean;

  @Field(() => ProposalStateEnum)
  state!: ProposalStateEnum;

  @Field(() => Int)
  voteCount!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

export const ProposalConnection = ConnectionOf(ProposalObject, 'ProposalConnection');
