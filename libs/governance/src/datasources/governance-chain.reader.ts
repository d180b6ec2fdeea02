import { setImmediate } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { ChainClientManager, ChainReader, erc20VotesAbi, rpcUnreachable } from '@guildhall/chain';
import { BoundedMap } from '@guildhall/core';
import type { Address as ViemAddress } from 'viem';

const CACHE_LIMIT = 100_000;
/**
 * How old a chain head may be to tell whether a block is past. Either answer reads the same number
 * (getPastVotes of a past block, or getVotes at that block), so a stale head costs nothing but the
 * second form; asking the chain for its head before every vote doubled the RPC calls of a vote.
 */
const HEAD_MAX_AGE_MS = 1_000;
/** Voters per chunk when voting power is read ahead: each chunk is answered on its own. */
const READ_AHEAD_CHUNK = 500;
/**
 * Calldata per Multicall3 call when voting power is read ahead: one chunk of `getPastVotes` calls
 * (68 bytes each; `getVotes`, 36), a few million gas, well within what nodes allow an `eth_call`.
 * The client's multicall batching joins the calls of one tick into Multicall3 calls of this size;
 * with no limit it made 10,000 voters one `eth_call`, which the devnet refused.
 */
const READ_AHEAD_CALLDATA_BYTES = READ_AHEAD_CHUNK * 68;

/**
 * What governance reads from the chain beyond ChainReader: voting power and supply at a snapshot.
 * Voting power is `getPastVotes` of the DAO's ERC20Votes token, batched through Multicall3 (viem
 * groups the reads of one tick) and cached per token, block and address — past votes never change;
 * a proposal's electorate can be read ahead into that cache (`readAhead`). An RPC failure is a
 * retryable error, never a zero.
 */
@Injectable()
export class GovernanceChainReader {
  /**
   * By key, a number or the read of it under way (asked again, it is awaited, not read twice). A
   * read that fails is forgotten: it answers `undefined` to whoever awaited it, who reads again.
   */
  private readonly cache = new BoundedMap<string, Promise<bigint | undefined>>(CACHE_LIMIT);
  /** The highest block seen: a block below it is in the past for good, no need to ask again. */
  private seenBlock = 0n;

  constructor(
    private readonly chains: ChainClientManager,
    private readonly reader: ChainReader,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  private get client() {
    return this.chains.getPublicClient(this.config.chain.chainId);
  }

  async pastTotalSupply(token: ViemAddress, block: bigint): Promise<bigint> {
    return this.cached(`supply:${token}:${block}`, 'the past total supply', async () =>
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

  /** `getPastVotes(voter, block)`, cached (see `pastVotesCall`). */
  async votingPower(token: ViemAddress, block: bigint, voter: ViemAddress): Promise<bigint> {
    return this.cached(votesKey(token, block, voter), 'voting power', async () =>
      (await this.isPast(block))
        ? this.client.readContract(pastVotesCall(token, block, voter))
        : this.client.readContract({ ...votesCall(token, voter), blockNumber: block }),
    );
  }

  /**
   * Reads the voting power of many voters at `block` into the cache before they vote,
   * `READ_AHEAD_CHUNK` voters per Multicall3 call; a voter's vote then awaits its chunk or finds its
   * power known. Voters already known or being read are skipped. A chunk that fails is forgotten:
   * each of its voters is read alone when it votes. Settles once every chunk has: with how many
   * powers it read, or RPC_UNREACHABLE when a chunk failed (the chunks read are kept).
   */
  async readAhead(token: ViemAddress, block: bigint, voters: readonly ViemAddress[]): Promise<number> {
    const past = await this.isPast(block);
    const wanted = voters.filter((voter) => !this.cache.has(votesKey(token, block, voter)));
    const chunks: Array<Promise<unknown>> = [];
    for (let start = 0; start < wanted.length; start += READ_AHEAD_CHUNK) {
      // Requests under way are served between two chunks.
      if (start > 0) await setImmediate();
      const chunk = wanted.slice(start, start + READ_AHEAD_CHUNK);
      const reading = this.client.multicall({
        contracts: chunk.map((voter) =>
          past ? pastVotesCall(token, block, voter) : votesCall(token, voter),
        ),
        allowFailure: false,
        blockNumber: past ? undefined : block,
        batchSize: READ_AHEAD_CALLDATA_BYTES,
      });
      chunk.forEach((voter, index) =>
        this.remember(
          votesKey(token, block, voter),
          reading.then((powers) => powers[index]),
        ),
      );
      chunks.push(reading);
    }
    const failed = (await Promise.allSettled(chunks)).filter((outcome) => outcome.status === 'rejected');
    if (failed.length > 0)
      throw rpcUnreachable(
        failed[0].reason,
        `the voting power of ${wanted.length} voters (${failed.length} of ${chunks.length} chunks failed)`,
      );
    return wanted.length;
  }

  private async isPast(block: bigint): Promise<boolean> {
    if (block < this.seenBlock) return true;
    const latest = await this.reader.latestBlock(HEAD_MAX_AGE_MS);
    if (latest > this.seenBlock) this.seenBlock = latest;
    return block < latest;
  }

  private async cached(key: string, what: string, read: () => Promise<bigint>): Promise<bigint> {
    const known = await this.cache.get(key);
    if (known !== undefined) return known;
    const reading = read();
    this.remember(key, reading);
    try {
      return await reading;
    } catch (error) {
      throw rpcUnreachable(error, what);
    }
  }

  /** Keeps a read under way in the cache (the oldest entry makes room); a failed one is forgotten. */
  private remember(key: string, reading: Promise<bigint>): void {
    const kept: Promise<bigint | undefined> = reading.catch(() => {
      if (this.cache.get(key) === kept) this.cache.delete(key);
      return undefined;
    });
    this.cache.set(key, kept);
  }
}

const votesKey = (token: ViemAddress, block: bigint, voter: ViemAddress): string =>
  `votes:${token}:${block}:${voter}`;

/**
 * `getPastVotes(voter, block)`. While `block` is still the chain head, ERC-5805 refuses to look it
 * up (it may still change in principle); `getVotes` read at that block (`votesCall`) is the same
 * number. The voter goes in lower case: viem then does not check its checksum again (keccak in pure
 * JS), which was nine tenths of encoding the call (345 against 36 ms for 10,000 calls).
 */
const pastVotesCall = (token: ViemAddress, block: bigint, voter: ViemAddress) =>
  ({
    address: token,
    abi: erc20VotesAbi,
    functionName: 'getPastVotes',
    args: [lowerCase(voter), block],
  }) as const;

const votesCall = (token: ViemAddress, voter: ViemAddress) =>
  ({ address: token, abi: erc20VotesAbi, functionName: 'getVotes', args: [lowerCase(voter)] }) as const;

const lowerCase = (address: ViemAddress): ViemAddress => address.toLowerCase() as ViemAddress;
