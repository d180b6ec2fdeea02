import { Args, Query, Resolver } from '@nestjs/graphql';
import { AddressScalar, type Address } from '@guildhall/core';
import { Public } from '@guildhall/core/nest';
import { TokenMetadataReader } from '../tokens/token-metadata.reader.js';
import { TokenObject } from './token.object.js';

@Resolver(() => TokenObject)
export class TokenResolver {
  constructor(private readonly tokens: TokenMetadataReader) {}

  @Public()
  @Query(() => TokenObject, {
    description:
      'An ERC-20 token’s symbol and decimals on the API’s chain, read once and cached. NOT_AN_ERC20 when the address does not answer both.',
  })
  token(@Args('address', { type: () => AddressScalar }) address: Address) {
    return this.tokens.read(address);
  }
}
