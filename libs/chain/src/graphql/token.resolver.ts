import { Args, Query, Resolver } from '@nestjs/graphql';
import { AddressScalar, type Address } from '@guildhall/core';
import { Public } from '@guildhall/core/nest';
import { ChainReader } from '../reader/chain-reader.js';
import { TokenObject } from './token.object.js';

@Resolver(() => TokenObject)
export class TokenResolver {
  constructor(private readonly chain: ChainReader) {}

  @Public()
  @Query(() => TokenObject, {
    description:
      'An ERC-20 token’s symbol and decimals on the API’s chain, read once and cached. NOT_AN_ERC20 when the address does not answer both.',
  })
  token(@Args('address', { type: () => AddressScalar }) address: Address) {
    return this.chain.token(address);
  }
}
