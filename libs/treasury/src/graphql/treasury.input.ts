import { Field, InputType } from '@nestjs/graphql';
import { HexScalar, type Hex } from '@guildhall/core';
import { SignedMessageInput } from '@guildhall/core/nest';

@InputType({ description: 'The ProposeSafeRejection message (docs/signing.md).' })
export class ProposeSafeRejectionInput extends SignedMessageInput {
  @Field(() => HexScalar, { description: 'The open Safe transaction to reject (its safeTxHash).' })
  safeTxHash!: Hex;
}
