import { SignedMessageInput } from '@guildhall/core/nest';
import { Field, InputType, Int } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { QuorumKindEnum, VoteTypeEnum } from './dao.object.js';

@InputType({
  description: 'The VotingConfig struct of the signed message, field by field (docs/signing.md).',
})
export class VotingConfigInput {
  @Field(() => Int)
  votingDelay!: number;

  @Field(() => Int)
  votingPeriod!: number;

  @Field(() => BigIntScalar)
  proposalThreshold!: bigint;

  @Field(() => QuorumKindEnum)
  quorumKind!: QuorumKindEnum;

  @Field(() => BigIntScalar)
  quorum!: bigint;

  @Field(() => Int)
  supermajorityBps!: number;

  @Field(() => [VoteTypeEnum])
  voteTypes!: VoteTypeEnum[];

  @Field(() => Boolean)
  allowVoteChange!: boolean;
}

@InputType({ description: 'The CreateDao message; `from` becomes the first admin.' })
export class CreateDaoInput extends SignedMessageInput {
  @Field(() => String)
  name!: string;

  @Field(() => AddressScalar, { description: 'An ERC20Votes token (checked on-chain).' })
  governanceToken!: Address;

  @Field(() => AddressScalar, { description: 'A Safe (owners and threshold read on-chain).' })
  safe!: Address;

  @Field(() => VotingConfigInput)
  config!: VotingConfigInput;
}

@InputType({ description: 'The UpdateDaoSettings message, signed by an admin.' })
export class UpdateDaoSettingsInput extends SignedMessageInput {
  @Field(() => String)
  name!: string;

  @Field(() => VotingConfigInput)
  config!: VotingConfigInput;
}

@InputType({ description: 'The SetDaoAdmins message, signed by an admin: the new admin list.' })
export class SetDaoAdminsInput extends SignedMessageInput {
  @Field(() => [AddressScalar])
  admins!: Address[];
}
