import { Field, Int, ObjectType } from '@nestjs/graphql';
import { AddressScalar, type Address } from '@guildhall/core';

@ObjectType('Token', {
  description:
    'An ERC-20 token as its contract describes itself (symbol() and decimals(), read once): what a client needs to show an amount of base units in the token’s units.',
})
export class TokenObject {
  @Field(() => AddressScalar)
  address!: Address;

  @Field({ description: 'As the contract answers it: show it as text, never as markup.' })
  symbol!: string;

  @Field(() => Int, { description: 'An amount in base units is amount / 10^decimals tokens.' })
  decimals!: number;
}
