import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { ChainClientManager, erc20Abi, isContractAnswer, rpcUnreachable } from '@guildhall/chain';
import type { Address } from 'viem';
import { RewardsError, RewardsErrorCode } from '../domain/rewards.error.js';

/** What rewards reads on-chain: the payout token and the Safe's balance of it. */
@Injectable()
export class RewardsChainReader {
  constructor(
    private readonly chains: ChainClientManager,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  private get client() {
    return this.chains.getPublicClient(this.config.chain.chainId);
  }

  /** The payout token must answer ERC20's decimals() and totalSupply(). */
  async assertErc20(token: Address): Promise<{ decimals: number }> {
    try {
      const [decimals] = await Promise.all([
        this.client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
        this.client.readContract({ address: token, abi: erc20Abi, functionName: 'totalSupply' }),
      ]);
      return { decimals };
    } catch (error) {
      if (isContractAnswer(error))
        throw new RewardsError(
          RewardsErrorCode.UNKNOWN_TOKEN,
          `${token} is not an ERC20 token on this chain`,
          {
            token,
          },
        );
      throw rpcUnreachable(error, 'the payout token');
    }
  }

  async balanceOf(token: Address, holder: Address): Promise<bigint> {
    try {
      return await this.client.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [holder],
      });
    } catch (error) {
      throw rpcUnreachable(error, 'a token balance');
    }
  }

  async latestBlock(): Promise<bigint> {
    try {
      return await this.client.getBlockNumber({ cacheTime: 0 });
    } catch (error) {
      throw rpcUnreachable(error, 'the latest block');
    }
  }
}
