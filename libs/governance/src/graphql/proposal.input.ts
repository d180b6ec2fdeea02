import { SignedMessageInput } from '@guildhall/core/nest';
import { Field, InputType, Int } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, HexScalar, type Address, type Hex } from '@guildhall/core';
import { VoteTypeEnum } from '@guildhall/dao';

@InputType('ActionInput')
export class ActionInput {
  @Field(() => AddressScalar)
  to!: Address;

  @Field(() => BigIntScalar)
  value!: bigint;

  @Field(() => HexScalar)
  data!: Hex;

  @Field(() => Int)
  operation!: number;
}

@InputType({ description: 'The CreateProposal message (docs/signing.md).' })
export class CreateProposalInput extends SignedMessageInput {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => String)
  discussion!: string;

  @Field(() => VoteTypeEnum)
  voteType!: VoteTypeEnum;

  @Field(() => [String])
  choices!: string[];

  @Field(() => [ActionInput])
  actions!: ActionInput[];
}

@InputType({ description: 'The CancelProposal message, by the author or an admin.' })
export class CancelProposalInput extends SignedMessageInput {
  @Field(() => String)
  proposal!: string;
}

@InputType({ description: 'The Vote message.' })
export class CastVoteInput extends SignedMessageInput {
  @Field(() => String)
  proposal!: string;

  @Field(() => String, {
    description: 'JSON text of a Snapshot choice: 2, [1,3] or {"1":2,"3":1}; signed as is.',
  })
  choice!: string;

  @Field(() => String)
  reason!: string;
}
