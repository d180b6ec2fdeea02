import { BoundedMap } from '@guildhall/core';
import { BaseError, erc20Abi, getAddress, hexToString, type Address } from 'viem';
import { erc20VotesAbi } from '../abi/generated/erc20-votes.js';
import { safeAbi } from '../abi/generated/safe.js';
import type { PublicClientProvider } from '../clients/chain-client-manager.js';
import { ChainError, ChainErrorCode, isContractAnswer, rpcUnreachable } from '../errors/chain.error.js';

/** An ERC-20 token as it describes itself: what a client needs to show its amounts. */
export interface TokenMetadata {
  readonly chainId: number;
  readonly address: Address;
  readonly symbol: string;
  readonly decimals: number;
}

/** A Safe as read on-chain: who signs for it, how many must, and the nonce it executes next. */
export interface SafeAccount {
  readonly chainId: number;
  readonly safe: Address;
  readonly owners: readonly Address[];
  readonly threshold: number;
  readonly nonce: bigint;
  readonly version: string;
}

/** Tokens remembered per process; the oldest is dropped beyond (anyone may ask about any address). */
const CACHE_LIMIT = 10_000;

/** `symbol()` as the first tokens (MKR, SAI) answer it: bytes32 instead of a string. */
const bytes32SymbolAbi = [
  {
    type: 'function',
    name: 'symbol',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ name: '', type: 'bytes32' }],
  },
] as const;

/**
 * What Guildhall reads of tokens and Safes on its chain: token metadata, balances, whether an address
 * is an ERC20 (or ERC20Votes) token or a Safe, and the chain head. A contract that answers otherwise
 * than asked (no code, a revert, bytes that are not the function's output) is the caller's mistake,
 * a typed BAD_INPUT error (NOT_AN_ERC20, NOT_AN_ERC20_VOTES_TOKEN, NOT_A_SAFE); an RPC failure is
 * RPC_UNREACHABLE, retryable, never a verdict.
 *
 * Symbol and decimals are read once per chain and address, then kept in memory: they do not
 * change, and a restart (or another replica) reads them again for the price of two calls — a table
 * would buy nothing but a migration. Reads of one token under way are shared; a failed read is not
 * remembered (the token may be deployed later).
 */
export class ChainReader {
  private readonly metadata = new BoundedMap<string, Promise<TokenMetadata>>(CACHE_LIMIT);

  constructor(
    private readonly clients: PublicClientProvider,
    private readonly chainId: number,
  ) {}

  private get client() {
    return this.clients.getPublicClient(this.chainId);
  }

  /** Symbol and decimals of an ERC-20 token; NOT_AN_ERC20 when it does not answer both. */
  token(token: Address): Promise<TokenMetadata> {
    const address = getAddress(token);
    const key = `${this.chainId}:${address}`;
    let metadata = this.metadata.get(key);
    if (metadata === undefined) {
      metadata = this.fetchMetadata(address);
      metadata.catch(() => {
        if (this.metadata.get(key) === metadata) this.metadata.delete(key);
      });
      this.metadata.set(key, metadata);
    }
    return metadata;
  }

  /** A token that answers ERC20's decimals() and totalSupply(); NOT_AN_ERC20 otherwise. */
  async assertErc20(token: Address): Promise<{ decimals: number }> {
    const client = this.client;
    try {
      const [decimals] = await Promise.all([
        client.readContract({ address: token, abi: erc20Abi, functionName: 'decimals' }),
        client.readContract({ address: token, abi: erc20Abi, functionName: 'totalSupply' }),
      ]);
      return { decimals };
    } catch (error) {
      if (isContractAnswer(error))
        throw new ChainError(
          ChainErrorCode.NOT_AN_ERC20,
          `${token} is not an ERC20 token on chain ${this.chainId}: it does not answer decimals() and totalSupply()`,
          { token },
          { cause: error },
        );
      throw rpcUnreachable(error, `token ${token}`);
    }
  }

  /** A token that implements ERC20Votes (checkpointed past votes and supply); NOT_AN_ERC20_VOTES_TOKEN otherwise. */
  async assertErc20Votes(token: Address): Promise<void> {
    const client = this.client;
    try {
      await Promise.all([
        client.readContract({
          address: token,
          abi: erc20VotesAbi,
          functionName: 'getPastTotalSupply',
          args: [0n],
        }),
        client.readContract({ address: token, abi: erc20VotesAbi, functionName: 'delegates', args: [token] }),
        client.readContract({ address: token, abi: erc20VotesAbi, functionName: 'decimals' }),
      ]);
    } catch (error) {
      if (isContractAnswer(error))
        throw new ChainError(
          ChainErrorCode.NOT_AN_ERC20_VOTES_TOKEN,
          `${token} is not an ERC20Votes token on chain ${this.chainId}`,
          { token },
          { cause: error },
        );
      throw rpcUnreachable(error, `token ${token}`);
    }
  }

  /** The Safe's owners, threshold, nonce and version, now or as of `blockNumber`; NOT_A_SAFE otherwise. */
  async readSafe(safe: Address, blockNumber?: bigint): Promise<SafeAccount> {
    const client = this.client;
    const read = <F extends 'getOwners' | 'getThreshold' | 'nonce' | 'VERSION'>(functionName: F) =>
      client.readContract({ address: safe, abi: safeAbi, functionName, blockNumber });
    try {
      const [owners, threshold, nonce, version] = await Promise.all([
        read('getOwners'),
        read('getThreshold'),
        read('nonce'),
        read('VERSION'),
      ]);
      return {
        chainId: this.chainId,
        safe,
        owners: owners.map((owner) => getAddress(owner)),
        threshold: Number(threshold),
        nonce,
        version,
      };
    } catch (error) {
      if (isContractAnswer(error))
        throw new ChainError(ChainErrorCode.NOT_A_SAFE, `${safe} is not a Safe on chain ${this.chainId}`, {
          safe,
        });
      throw rpcUnreachable(error, `Safe ${safe}`);
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

  /** @param maxAgeMs how old the answer may be (viem's cache); by default the chain is asked. */
  async latestBlock(maxAgeMs = 0): Promise<bigint> {
    try {
      return await this.client.getBlockNumber({ cacheTime: maxAgeMs });
    } catch (error) {
      throw rpcUnreachable(error, 'the latest block');
    }
  }

  private async fetchMetadata(address: Address): Promise<TokenMetadata> {
    const client = this.client;
    // Both settle before an answer: a failed read leaves no other read running behind it.
    const [decimals, symbol] = await Promise.allSettled([
      client.readContract({ address, abi: erc20Abi, functionName: 'decimals' }),
      this.symbol(address),
    ]);
    if (decimals.status === 'fulfilled' && symbol.status === 'fulfilled')
      return { chainId: this.chainId, address, symbol: symbol.value, decimals: decimals.value };
    const error: unknown =
      decimals.status === 'rejected' ? decimals.reason : (symbol as PromiseRejectedResult).reason;
    if (isContractAnswer(error))
      throw new ChainError(
        ChainErrorCode.NOT_AN_ERC20,
        `${address} is not an ERC-20 token on chain ${this.chainId}: it does not answer symbol() and decimals()`,
        { token: address },
        { cause: error },
      );
    throw rpcUnreachable(error, `token ${address}`);
  }

  /** `symbol()` as a string, or as bytes32 (NUL-padded) where a token answers that way. */
  private async symbol(address: Address): Promise<string> {
    const client = this.client;
    try {
      return await client.readContract({ address, abi: erc20Abi, functionName: 'symbol' });
    } catch (error) {
      if (!(error instanceof BaseError)) throw error;
      const raw = await client.readContract({ address, abi: bytes32SymbolAbi, functionName: 'symbol' });
      return hexToString(raw, { size: 32 });
    }
  }
}
