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
import { GovernanceError, GovernanceErrorCode } from '../domain/governance.error.js';

const CACHE_LIMIT = 100_000;
/**
 * How old a chain head may be to tell whether a block is past. Either answer reads the same number
 * (getPastVotes of a past block, or getVotes at that block), so a stale head costs nothing but the
 * second form; asking the chain for its head before every vote doubled the RPC calls of a vote.
 */
const HEAD_MAX_AGE_MS = 1_000;

/**
 * What governance reads from the chain: token and Safe checks, blocks, voting power at a snapshot.
 * Voting power is `getPastVotes` of the DAO's ERC20Votes token, batched through Multicall3 (viem
 * groups the reads of one tick) and cached per token, block and address — past votes never change.
 * An RPC failure is a retryable error, never a zero.
 */
@Injectable()
export class GovernanceChainReader {
  private readonly cache = new Map<string, bigint>();
  /** The highest block seen: a block below it is in the past for good, no need to ask again. */
  private seenBlock = 0n;

  constructor(
    private readonly chains: ChainClientManager,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  private get client() {
    return this.chains.getPublicClient(this.config.chain.chainId);
  }

  /** @param maxAgeMs how old the answer may be (viem's cache); by default the chain is asked. */
  async latestBlock(maxAgeMs = 0): Promise<bigint> {
    try {
      const latest = await this.client.getBlockNumber({ cacheTime: maxAgeMs });
      if (latest > this.seenBlock) this.seenBlock = latest;
      return latest;
    } catch (error) {
      throw rpcUnreachable(error, 'the latest block');
    }
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
        throw new GovernanceError(
          GovernanceErrorCode.NOT_AN_ERC20_VOTES_TOKEN,
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
        throw new GovernanceError(
          GovernanceErrorCode.NOT_A_SAFE,
          `${safe} is not a Safe on chain ${this.config.chain.chainId}`,
          { safe },
        );
      }
      throw rpcUnreachable(error, `Safe ${safe}`);
    }
  }

  async pastTotalSupply(token: ViemAddress, block: bigint): Promise<bigint> {
    return this.cached(`supply:${token}:${block}`, async () =>
      (await this.isPast(block))
        ? this.client.readContract({
            address: token,
            abi: erc20VotesAbi,
            functionName: 'getPastTotalSupply',
            args: [block],
          })
        : this.client.readContract({
            address: token,
            abi: erc20VotesAbi,
            functionName: 'totalSupply',
            blockNumber: block,
          }),
    );
  }

  /**
   * `getPastVotes(voter, block)`. While `block` is still the chain head, ERC-5805 refuses to look it
   * up (it may still change in principle); `getVotes` read at that block is the same number.
   */
  async votingPower(token: ViemAddress, block: bigint, voter: ViemAddress): Promise<bigint> {
    return this.cached(`votes:${token}:${block}:${voter}`, async () =>
      (await this.isPast(block))
        ? this.client.readContract({
            address: token,
            abi: erc20VotesAbi,
            functionName: 'getPastVotes',
            args: [voter, block],
          })
        : this.client.readContract({
            address: token,
            abi: erc20VotesAbi,
            functionName: 'getVotes',
            args: [voter],
            blockNumber: block,
          }),
    );
  }

  private async isPast(block: bigint): Promise<boolean> {
    return block < this.seenBlock || block < (await this.latestBlock(HEAD_MAX_AGE_MS));
  }

  private async cached(key: string, read: () => Promise<bigint>): Promise<bigint> {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let value: bigint;
    try {
      value = await read();
    } catch (error) {
      throw rpcUnreachable(error, key.split(':')[0] === 'supply' ? 'the past total supply' : 'voting power');
    }
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, value);
    return value;
  }
}
