import { Field, InputType, Int } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '@guildhall/core';
import { SignedMessageInput } from '@guildhall/core/nest';

@InputType({ description: 'The CreateCreditType message, signed by an admin (docs/signing.md).' })
export class CreateCreditTypeInput extends SignedMessageInput {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field()
  unit!: string;

  @Field(() => Int)
  scale!: number;
}

@InputType({ description: 'The GrantCredits message, signed by an admin (docs/signing.md).' })
export class GrantCreditsInput extends SignedMessageInput {
  @Field(() => AddressScalar)
  contributor!: Address;

  @Field({ description: 'The credit type’s code.' })
  creditType!: string;

  @Field(() => BigIntScalar, { description: 'In the credit type’s integer unit.' })
  amount!: bigint;

  @Field(() => BigIntScalar, { description: 'Unix seconds from which it may be spent; 0: at once.' })
  effectiveAt!: bigint;

  @Field(() => BigIntScalar, { description: 'Unix seconds when what is left of it expires; 0: never.' })
  expiresAt!: bigint;

  @Field({ description: 'Why (shown in the history); may be empty.' })
  reference!: string;
}
