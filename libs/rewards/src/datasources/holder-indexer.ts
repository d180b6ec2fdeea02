import { Injectable, Logger } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { ChainClientManager, erc20Abi, rpcUnreachable } from '@guildhall/chain';
import { Address } from '@guildhall/core';
import { DataSource } from 'typeorm';
import { getAbiItem, type Address as ViemAddress } from 'viem';
import { TokenHolderEntity, TokenIndexCursorEntity } from './revenue.entity.db.js';

/** Blocks per eth_getLogs request: within what public RPC providers accept. */
const CHUNK = 5_000n;
const TRANSFER = getAbiItem({ abi: erc20Abi, name: 'Transfer' });

/**
 * Indexes the holder set of a token from its Transfer log: every recipient, from the token's
 * deployment block on. Chunk by chunk, each chunk's holders and the cursor in one transaction, so a
 * restart resumes after the last indexed block; several workers may run it (the cursor row is
 * locked per chunk and re-read under the lock).
 */
@Injectable()
export class HolderIndexer {
  private readonly logger = new Logger(HolderIndexer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly chains: ChainClientManager,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  private get client() {
    return this.chains.getPublicClient(this.config.chain.chainId);
  }

  /** Indexes the token's log up to `toBlock` (inclusive); returns how far it is indexed. */
  async catchUp(token: ViemAddress, toBlock: bigint): Promise<bigint> {
    let indexed: bigint = (await this.indexedTo(token)) ?? (await this.startCursor(token));
    while (indexed < toBlock) {
      const from: bigint = indexed + 1n;
      const to: bigint = from + CHUNK - 1n < toBlock ? from + CHUNK - 1n : toBlock;
      indexed = await this.dataSource.transaction(async (manager): Promise<bigint> => {
        const cursor = await manager
          .getRepository(TokenIndexCursorEntity)
          .findOneOrFail({ where: { token }, lock: { mode: 'pessimistic_write' } });
        if (cursor.indexedTo >= to) return cursor.indexedTo;
        const start = cursor.indexedTo + 1n;
        const logs = await this.read(() =>
          this.client.getLogs({
            address: token,
            event: TRANSFER,
            fromBlock: start,
            toBlock: to,
            strict: true,
          }),
        );
        const firstBlock = new Map<string, bigint>();
        for (const log of logs) {
          const holder = Address.parse(log.args.to);
          if (!firstBlock.has(holder)) firstBlock.set(holder, log.blockNumber);
        }
        if (firstBlock.size > 0)
          await manager
            .createQueryBuilder()
            .insert()
            .into(TokenHolderEntity)
            .values([...firstBlock].map(([address, block]) => ({ token, address, firstBlock: block })))
            .orIgnore()
            .execute();
        await manager.update(TokenIndexCursorEntity, { token }, { indexedTo: to });
        return to;
      });
    }
    this.logger.debug(`indexed the Transfer log of ${token} to block ${indexed}`);
    return indexed;
  }

  /** The holders that had received the token by `block`. */
  async holders(token: ViemAddress, block: bigint): Promise<ViemAddress[]> {
    const rows = await this.dataSource
      .getRepository(TokenHolderEntity)
      .createQueryBuilder('h')
      .select('h.address', 'address')
      .where('h.token = :token AND h.first_block <= :block', { token, block: block.toString() })
      .orderBy('h.address')
      .getRawMany<{ address: string }>();
    return rows.map((row) => Address.parse(row.address));
  }

  /** Balances at `block`, read through Multicall3 (viem batches the calls of one tick). */
  balancesAt(token: ViemAddress, holders: readonly ViemAddress[], block: bigint): Promise<bigint[]> {
    return this.read(() =>
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

  private async indexedTo(token: ViemAddress): Promise<bigint | null> {
    const cursor = await this.dataSource.getRepository(TokenIndexCursorEntity).findOneBy({ token });
    return cursor?.indexedTo ?? null;
  }

  /** The first block with the token's code (binary search: about log2(head) requests). */
  private async deploymentBlock(token: ViemAddress): Promise<bigint> {
    let low = 0n;
    let high = await this.read(() => this.client.getBlockNumber({ cacheTime: 0 }));
    while (low < high) {
      const middle = (low + high) / 2n;
      const code = await this.read(() => this.client.getCode({ address: token, blockNumber: middle }));
      if (code !== undefined && code !== '0x') high = middle;
      else low = middle + 1n;
    }
    return low;
  }

  private async read<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw rpcUnreachable(error, 'the token’s holders');
    }
  }
}
