import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import {
  ChainClientManager,
  erc20VotesAbi,
  isContractAnswer,
  rpcUnreachable,
  safeAbi,
} from '@guildhall/chain';
import { Address } from '@guildhall/core';
import type { Address as ViemAddress } from 'viem';
import { DaoError, DaoErrorCode } from '../domain/dao.error.js';

/**
 * The checks a new DAO passes on chain: its governance token is an ERC20Votes token and its Safe a
 * Safe. A contract that answers otherwise is the caller's mistake (a typed error); an RPC failure
 * is retryable, never a verdict.
 */
@Injectable()
export class DaoChainReader {
  constructor(
    private readonly chains: ChainClientManager,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  private get client() {
    return this.chains.getPublicClient(this.config.chain.chainId);
  }

  /** The token must implement ERC20Votes (checkpointed past votes and supply). */
  async assertErc20Votes(token: ViemAddress): Promise<void> {
    try {
      await Promise.all([
        this.client.readContract({
          address: token,
          abi: erc20VotesAbi,
          functionName: 'getPastTotalSupply',
          args: [0n],
        }),
        this.client.readContract({
          address: token,
          abi: erc20VotesAbi,
          functionName: 'delegates',
          args: [token],
        }),
        this.client.readContract({ address: token, abi: erc20VotesAbi, functionName: 'decimals' }),
      ]);
    } catch (error) {
      if (isContractAnswer(error)) {
        throw new DaoError(
          DaoErrorCode.NOT_AN_ERC20_VOTES_TOKEN,
          `${token} is not an ERC20Votes token on chain ${this.config.chain.chainId}`,
          {
            token,
          },
        );
      }
      throw rpcUnreachable(error, `token ${token}`);
    }
  }

  /** The Safe's owners and threshold, read on-chain. */
  async readSafe(safe: ViemAddress): Promise<{ owners: ViemAddress[]; threshold: number }> {
    try {
      const [owners, threshold] = await Promise.all([
        this.client.readContract({ address: safe, abi: safeAbi, functionName: 'getOwners' }),
        this.client.readContract({ address: safe, abi: safeAbi, functionName: 'getThreshold' }),
      ]);
      return { owners: owners.map((owner) => Address.parse(owner)), threshold: Number(threshold) };
    } catch (error) {
      if (isContractAnswer(error)) {
        throw new DaoError(
          DaoErrorCode.NOT_A_SAFE,
          `${safe} is not a Safe on chain ${this.config.chain.chainId}`,
          { safe },
        );
      }
      throw rpcUnreachable(error, `Safe ${safe}`);
    }
  }
}
