import { Field, InputType } from '@nestjs/graphql';
import { AddressScalar, BigIntScalar, type Address } from '../index.js';

/** The fields every signed message has (docs/signing.md). */
@InputType({ isAbstract: true })
export abstract class SignedMessageInput {
  @Field(() => AddressScalar, {
    description: 'The signer: an EOA, or a contract wallet (ERC-1271, e.g. a Safe).',
  })
  from!: Address;

  @Field(() => String, { description: 'The DAO slug the message is about.' })
  dao!: string;

  @Field(() => BigIntScalar, {
    description: 'Unix seconds when signed; accepted within [now − 6 days, now + 5 minutes].',
  })
  timestamp!: bigint;
}
