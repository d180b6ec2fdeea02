import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import {
  guildhallTypedData,
  pageRequest,
  type Address,
  type Page,
  type DaoSignedInput,
} from '@guildhall/core';
import { JobQueue, SignedWrites } from '@guildhall/database';
import { DaoService } from '@guildhall/dao';
import { TokenLogIndexer } from '@guildhall/governance';
import { zeroAddress } from 'viem';
import { RevenueRepository } from '../datasources/revenue.repository.js';
import { RewardsChainReader } from '../datasources/rewards-chain.reader.js';
import { RewardsError, RewardsErrorCode } from './rewards.error.js';
import { HOLDER_INDEX_INTERVAL_SECONDS, IndexTokenHolders } from './revenue-index.jobs.js';
import { shareRevenue } from './revenue-share.js';
import type { RevenueRecord, RevenueShare, RevenueShareAllocation } from './revenue.js';

const invalid = (message: string, field: string) =>
  new RewardsError(RewardsErrorCode.INVALID_REVENUE, message, { field });

/** 9999-12-31T23:59:59Z: later unix seconds are not a date. */
const MAX_UNIX_SECONDS = 253_402_300_799n;

/**
 * Revenue sharing (the seed's revenue-share token): an admin records revenue, then shares it pro
 * rata to the governance token's holders at a snapshot block, the Safe and chosen addresses
 * excluded. The holder set comes from the token's indexed Transfer log; balances are read at the
 * snapshot through Multicall3.
 */
@Injectable()
export class RevenueService {
  constructor(
    private readonly revenue: RevenueRepository,
    private readonly indexer: TokenLogIndexer,
    private readonly daos: DaoService,
    private readonly chain: RewardsChainReader,
    private readonly signedWrites: SignedWrites,
    private readonly jobs: JobQueue,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async records(
    daoSlug: string,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<RevenueRecord>> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.revenue.records(dao, pageRequest(page, this.config.graphql.maxPageSize));
  }

  shareOf(revenueId: string): Promise<RevenueShare | null> {
    return this.revenue.shareOf(revenueId);
  }

  async share(id: string): Promise<RevenueShare> {
    const share = await this.revenue.share(id);
    if (share === null)
      throw new RewardsError(RewardsErrorCode.REVENUE_NOT_FOUND, `No revenue share ${id}`, { share: id });
    return share;
  }

  /** The token a share pays: its revenue record's. */
  shareToken(share: RevenueShare): Promise<Address> {
    return this.revenue.recordToken(share.revenueId);
  }

  allocations(shareId: string): Promise<RevenueShareAllocation[]> {
    return this.revenue.allocations(shareId);
  }

  /** `recordRevenue`, by an admin; starts indexing the governance token's holders if not yet. */
  async record(
    input: DaoSignedInput & {
      token: Address;
      amount: bigint;
      periodStart: bigint;
      periodEnd: bigint;
      reference: string;
    },
  ): Promise<RevenueRecord> {
    if (input.amount <= 0n) throw invalid('amount: more than 0 base units', 'amount');
    if (input.periodEnd > MAX_UNIX_SECONDS)
      throw invalid('periodEnd: unix seconds, at most year 9999', 'periodEnd');
    if (input.periodStart >= input.periodEnd) throw invalid('periodStart: before periodEnd', 'periodStart');
    if (input.reference.trim().length === 0 || input.reference.length > 512)
      throw invalid('reference: 1 to 512 characters (an invoice, a usage report hash, a URL)', 'reference');
    const dao = await this.daos.bySlug(input.dao);
    const typedData = guildhallTypedData(this.config.chain.chainId, 'RecordRevenue', {
      from: input.from,
      dao: dao.slug,
      token: input.token,
      amount: input.amount,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      reference: input.reference,
      timestamp: input.timestamp,
    });
    const { revenueId } = await this.signedWrites.execute(
      { typedData, signature: input.signature },
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        await this.chain.assertErc20(input.token);
        const id = await this.revenue.insertRecord(manager, {
          daoId: dao.id,
          token: input.token,
          amount: input.amount,
          periodStart: new Date(Number(input.periodStart) * 1000),
          periodEnd: new Date(Number(input.periodEnd) * 1000),
          reference: input.reference,
          recordedBy: signer,
        });
        await this.jobs.sendWithin(
          manager,
          IndexTokenHolders,
          { token: dao.governanceToken },
          { singletonKey: dao.governanceToken },
        );
        return { daoId: dao.id, result: { revenueId: id } };
      },
    );
    const record = await this.revenue.record(String(revenueId), dao.slug);
    if (record === null) throw new Error(`revenue record ${String(revenueId)} missing after its write`);
    return record;
  }

  /**
   * `createRevenueShare`, by an admin, once per revenue record: indexes the holder set up to the
   * snapshot, reads every balance there, and shares the revenue pro rata, exactly.
   */
  async createShare(
    input: DaoSignedInput & { revenue: string; snapshotBlock: bigint; exclude: readonly Address[] },
  ): Promise<RevenueShare> {
    if (input.exclude.length > 100) throw invalid('exclude: at most 100 addresses', 'exclude');
    const dao = await this.daos.bySlug(input.dao);
    const typedData = guildhallTypedData(this.config.chain.chainId, 'CreateRevenueShare', {
      from: input.from,
      dao: dao.slug,
      revenue: input.revenue,
      snapshotBlock: input.snapshotBlock,
      exclude: [...input.exclude],
      timestamp: input.timestamp,
    });
    const { shareId } = await this.signedWrites.execute(
      { typedData, signature: input.signature },
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        const record = await this.revenue.record(input.revenue, dao.slug, manager);
        if (record === null || record.daoId !== dao.id)
          throw new RewardsError(
            RewardsErrorCode.REVENUE_NOT_FOUND,
            `No revenue record ${input.revenue} in DAO "${dao.slug}"`,
            { revenue: input.revenue },
          );
        const latest = await this.chain.latestBlock();
        if (input.snapshotBlock > latest)
          throw invalid(
            `snapshotBlock: at most the latest block (${latest}); 0 for the latest`,
            'snapshotBlock',
          );
        const snapshotBlock = input.snapshotBlock === 0n ? latest : input.snapshotBlock;
        await this.indexer.catchUp(dao.governanceToken, snapshotBlock);
        const holders = await this.indexer.holders(dao.governanceToken, snapshotBlock);
        const balances = await this.indexer.balancesAt(dao.governanceToken, holders, snapshotBlock);
        const excluded = [...new Set([dao.safeAddress, zeroAddress, ...input.exclude])];
        const shared = shareRevenue(
          record.amount,
          holders.map((holder, index) => ({ holder, balance: balances[index] })),
          excluded,
        );
        const id = await this.revenue.insertShare(
          manager,
          {
            daoId: dao.id,
            revenueId: record.id,
            snapshotBlock,
            excluded,
            eligibleSupply: shared.eligibleSupply,
            allocated: record.amount - shared.unallocated,
            unallocated: shared.unallocated,
            createdBy: signer,
          },
          shared.allocations.map(({ holder, balance, amount }) => ({
            holder: holder as Address,
            balance,
            amount,
          })),
        );
        if (id === null)
          throw new RewardsError(
            RewardsErrorCode.REVENUE_ALREADY_SHARED,
            `Revenue record ${record.id} has already been shared`,
            { revenue: record.id },
          );
        return { daoId: dao.id, result: { shareId: id } };
      },
    );
    return this.share(String(shareId));
  }

  /** One pass of the token log indexer (holders and delegates), then the next pass is scheduled. */
  async indexHolders(token: Address): Promise<void> {
    await this.indexer.catchUp(token, await this.chain.latestBlock());
    await this.jobs.send(
      IndexTokenHolders,
      { token },
      { startAfter: HOLDER_INDEX_INTERVAL_SECONDS, singletonKey: token },
    );
  }
}
