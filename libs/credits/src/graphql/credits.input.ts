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

@InputType({ description: 'The CreateCreditSpendingKey message, signed by an admin (docs/signing.md).' })
export class CreateCreditSpendingKeyInput extends SignedMessageInput {
  @Field({ description: 'The spend account’s service, e.g. inference-gateway.' })
  service!: string;

  @Field({ description: 'Who holds the key (shown in the list).' })
  name!: string;
}

@InputType({ description: 'The RevokeCreditSpendingKey message, signed by an admin (docs/signing.md).' })
export class RevokeCreditSpendingKeyInput extends SignedMessageInput {
  @Field()
  keyId!: string;
}

@InputType({ description: 'A service spends a contributor’s credits into its spend account.' })
export class SpendCreditsInput {
  @Field({ description: 'Idempotency: the same key and body return the first result.' })
  clientKey!: string;

  @Field(() => AddressScalar)
  contributor!: Address;

  @Field({ description: 'The credit type’s code.' })
  creditType!: string;

  @Field(() => BigIntScalar)
  amount!: bigint;

  @Field(() => String, { nullable: true })
  reference?: string | null;
}

@InputType({ description: 'A service reserves a contributor’s credits until it captures or voids them.' })
export class HoldCreditsInput extends SpendCreditsInput {
  @Field(() => Int, { description: 'Seconds (1 to 604800) until the worker voids the hold.' })
  timeoutSeconds!: number;
}

@InputType()
export class CaptureHoldInput {
  @Field()
  clientKey!: string;

  @Field()
  holdId!: string;

  @Field(() => BigIntScalar, { description: 'At most the hold’s amount; the rest goes back.' })
  amount!: bigint;
}
