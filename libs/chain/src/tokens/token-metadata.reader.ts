import { BoundedMap } from '@guildhall/core';
import { BaseError, erc20Abi, getAddress, hexToString, type Address } from 'viem';
import type { PublicClientProvider } from '../clients/chain-client-manager.js';
import { ChainError, ChainErrorCode, isContractAnswer, rpcUnreachable } from '../errors/chain.error.js';

/** An ERC-20 token as it describes itself: what a client needs to show its amounts. */
export interface TokenMetadata {
  readonly chainId: number;
  readonly address: Address;
  readonly symbol: string;
  readonly decimals: number;
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
 * Symbol and decimals of ERC-20 tokens, read from the chain once per chain and address, then kept
 * in memory: a token's symbol and decimals do not change, and a restart (or another replica)
 * reads them again for the price of two calls — a table would buy nothing but a migration. Reads
 * of one token under way are shared. A contract that does not answer both (no code, a revert, an
 * answer that is not ERC-20's) is NOT_AN_ERC20 and is not remembered (it may be deployed later);
 * an RPC failure is RPC_UNREACHABLE, retryable.
 */
export class TokenMetadataReader {
  private readonly cache = new BoundedMap<string, Promise<TokenMetadata>>(CACHE_LIMIT);

  constructor(
    private readonly clients: PublicClientProvider,
    private readonly chainId: number,
  ) {}

  read(token: Address): Promise<TokenMetadata> {
    const address = getAddress(token);
    const key = `${this.chainId}:${address}`;
    let metadata = this.cache.get(key);
    if (metadata === undefined) {
      metadata = this.fetch(address);
      metadata.catch(() => {
        if (this.cache.get(key) === metadata) this.cache.delete(key);
      });
      this.cache.set(key, metadata);
    }
    return metadata;
  }

  private async fetch(address: Address): Promise<TokenMetadata> {
    const client = this.clients.getPublicClient(this.chainId);
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
    const client = this.clients.getPublicClient(this.chainId);
    try {
      return await client.readContract({ address, abi: erc20Abi, functionName: 'symbol' });
    } catch (error) {
      if (!(error instanceof BaseError)) throw error;
      const raw = await client.readContract({ address, abi: bytes32SymbolAbi, functionName: 'symbol' });
      return hexToString(raw, { size: 32 });
    }
  }
}
