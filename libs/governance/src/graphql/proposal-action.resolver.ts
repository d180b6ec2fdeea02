import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ChainError, ChainErrorCode, ChainReader } from '@guildhall/chain';
import type { Address, Hex } from '@guildhall/core';
import { erc20TransferOf } from '@guildhall/chain';
import { ProposalActionObject, TokenTransferObject } from './proposal.object.js';

@Resolver(() => ProposalActionObject)
export class ProposalActionResolver {
  constructor(private readonly chain: ChainReader) {}

  @ResolveField(() => TokenTransferObject, {
    nullable: true,
    description:
      'The ERC-20 transfer this action makes, with the token’s symbol and decimals; null when it is not a transfer call or its target does not answer as an ERC-20.',
  })
  async transfer(@Parent() action: { to: Address; data: Hex; operation: number }) {
    const transfer = erc20TransferOf(action);
    if (transfer === null) return null;
    try {
      return { ...transfer, token: await this.chain.token(transfer.token) };
    } catch (error) {
      if (error instanceof ChainError && error.code === ChainErrorCode.NOT_AN_ERC20) return null;
      throw error;
    }
  }
}
