import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { ChainClientManager, erc20Abi, erc20VotesAbi, rpcUnreachable } from '@guildhall/chain';
import { Address } from '@guildhall/core';
import { DataSource } from 'typeorm';
import { getAbiItem, type Address as ViemAddress } from 'viem';
import { TokenDelegateEntity, TokenHolderEntity, TokenIndexCursorEntity } from './token-index.entity.db.js';

/** Blocks per eth_getLogs request: within what public RPC providers accept. */
const CHUNK = 5_000n;
const EVENTS = [
  getAbiItem({ abi: erc20Abi, name: 'Transfer' }),
  getAbiItem({ abi: erc20VotesAbi, name: 'DelegateVotesChanged' }),
];

/**
 * Indexes two address sets of a governance token from its log, from the token's deployment block
 * on: its holders (every Transfer recipient; revenue shares pay them) and its delegates (every
 * address whose votes changed; their voting power is read ahead for a proposal). Chunk by chunk,
 * both sets and the cursor in one transaction, so a restart resumes after the last indexed block;
 * several processes may run it (the cursor row is locked per chunk and re-read under the lock).
 */
@Injectable()
export class TokenLogIndexer {
  private readonly logger = new Logger(TokenLogIndexer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: ChainClientManager,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  private get client() {
    return this.chains.getPublicClient(this.config.chain.chainId);
  }

  /**
   * Indexes the token's log up to `toBlock` (inclusive); returns how far it is indexed. An aborted
   * `signal` stops it between two chunks (what is indexed stays).
   */
  async catchUp(token: ViemAddress, toBlock: bigint, signal?: AbortSignal): Promise<bigint> {
    let indexed: bigint = (await this.indexedTo(token)) ?? (await this.startCursor(token));
    while (indexed < toBlock) {
      signal?.throwIfAborted();
      const from: bigint = indexed + 1n;
      const to: bigint = from + CHUNK - 1n < toBlock ? from + CHUNK - 1n : toBlock;
      indexed = await this.dataSource.transaction(async (manager): Promise<bigint> => {
        const cursor = await manager
          .getRepository(TokenIndexCursorEntity)
          .findOneOrFail({ where: { token }, lock: { mode: 'pessimistic_write' } });
        if (cursor.indexedTo >= to) return cursor.indexedTo;
        const start = cursor.indexedTo + 1n;
        const logs = await this.read('the token’s log', () =>
          this.client.getLogs({
            address: token,
            events: EVENTS,
            fromBlock: start,
            toBlock: to,
            strict: true,
          }),
        );
        const holders = new Map<string, bigint>();
        const delegates = new Map<string, bigint>();
        for (const log of logs) {
          const [found, address] =
            log.eventName === 'Transfer' ? [holders, log.args.to] : [delegates, log.args.delegate];
          const checksummed = Address.parse(address);
          if (!found.has(checksummed)) found.set(checksummed, log.blockNumber);
        }
        for (const [entity, found] of [
          [TokenHolderEntity, holders],
          [TokenDelegateEntity, delegates],
        ] as const) {
          if (found.size > 0)
            await manager
              .createQueryBuilder()
              .insert()
              .into(entity)
              .values([...found].map(([address, block]) => ({ token, address, firstBlock: block })))
              .orIgnore()
              .execute();
        }
        await manager.update(TokenIndexCursorEntity, { token }, { indexedTo: to });
        return to;
      });
    }
    this.logger.debug(`indexed the log of ${token} to block ${indexed}`);
    return indexed;
  }

  /** The holders that had received the token by `block`, in address order. */
  holders(token: ViemAddress, block: bigint): Promise<ViemAddress[]> {
    return this.addresses(TokenHolderEntity, token, block);
  }

  /** The addresses that had been delegated votes of the token by `block`, in address order. */
  delegates(token: ViemAddress, block: bigint): Promise<ViemAddress[]> {
    return this.addresses(TokenDelegateEntity, token, block);
  }

  /** Balances at `block`, read through Multicall3 (viem batches the calls of one tick). */
  balancesAt(token: ViemAddress, holders: readonly ViemAddress[], block: bigint): Promise<bigint[]> {
    return this.read('the holders’ balances', () =>
      Promise.all(
        holders.map((holder) =>
          this.client.readContract({
            address: token,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [holder],
            blockNumber: block,
          }),
        ),
      ),
    );
  }

  /** A cursor just before the token's deployment block (the first of several workers wins). */
  private async startCursor(token: ViemAddress): Promise<bigint> {
    const deployedAt = await this.deploymentBlock(token);
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(TokenIndexCursorEntity)
      .values({ token, indexedTo: deployedAt - 1n })
      .orIgnore()
      .execute();
    return (await this.indexedTo(token)) ?? deployedAt - 1n;
  }

  private async addresses(
    entity: typeof TokenHolderEntity | typeof TokenDelegateEntity,
    token: ViemAddress,
    block: bigint,
  ): Promise<ViemAddress[]> {
    const rows = await this.dataSource
      .getRepository(entity)
      .createQueryBuilder('a')
      .select('a.address', 'address')
      .where('a.token = :token AND a.first_block <= :block', { token, block: block.toString() })
      .orderBy('a.address')
      .getRawMany<{ address: string }>();
    return rows.map((row) => Address.parse(row.address));
  }

  private async indexedTo(token: ViemAddress): Promise<bigint | null> {
    const cursor = await this.dataSource.getRepository(TokenIndexCursorEntity).findOneBy({ token });
    return cursor?.indexedTo ?? null;
  }

  /** The first block with the token's code (binary search: about log2(head) requests). */
  private async deploymentBlock(token: ViemAddress): Promise<bigint> {
    let low = 0n;
    let high = await this.read('the latest block', () => this.client.getBlockNumber({ cacheTime: 0 }));
    while (low < high) {
      const middle = (low + high) / 2n;
      const code = await this.read('the token’s code', () =>
        this.client.getCode({ address: token, blockNumber: middle }),
      );
      if (code !== undefined && code !== '0x') high = middle;
      else low = middle + 1n;
    }
    return low;
  }

  private async read<T>(what: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw rpcUnreachable(error, what);
    }
  }
}
