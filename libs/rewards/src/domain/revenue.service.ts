import { Injectable } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { pageRequest, type Address, type Page, type DaoSignedInput } from '@guildhall/core';
import { JobQueue } from '@guildhall/database';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService } from '@guildhall/dao';
import { TokenLogIndexer } from '@guildhall/governance';
import type { EntityManager } from 'typeorm';
import { zeroAddress } from 'viem';
import { RevenueRepository, type NewAllocation } from '../datasources/revenue.repository.js';
import { RewardsError, RewardsErrorCode, unknownToken } from './rewards.error.js';
import { HOLDER_INDEX_INTERVAL_SECONDS, IndexTokenHolders } from './revenue-index.jobs.js';
import { applyMinPayout, modelWeights, shareRevenue, type HolderBalance } from './revenue-share.js';
import {
  REVENUE_SHARE_TARGETS,
  type RevenueRecord,
  type RevenueShare,
  type RevenueShareAllocation,
  type RevenueShareTarget,
} from './revenue.js';

const invalid = (message: string, field: string) =>
  new RewardsError(RewardsErrorCode.INVALID_REVENUE, message, { field });

const nothingToShare = (dao: string, model: string, lookbackRounds: number) =>
  new RewardsError(
    RewardsErrorCode.NOTHING_TO_SHARE,
    `No contributor of "${model}" was allocated anything in the last ${lookbackRounds} finalized rounds of DAO "${dao}"`,
    { model, lookbackRounds },
  );

/** Most rounds a CONTRIBUTORS_OF_MODEL share looks back over. */
const MAX_LOOKBACK_ROUNDS = 100;

/** A computed allocation as stored: to pay (PENDING) or carried over (CARRIED). */
const allocationAs =
  (status: NewAllocation['status']) =>
  ({ holder, balance, amount }: HolderBalance & { amount: bigint }): NewAllocation => ({
    holder: holder as Address,
    balance,
    amount,
    status,
  });

/** Checks what can be checked before the signature: target, model, lookback, exclusions, minimum. */
function validateShareInput(input: {
  target: string;
  model: string;
  lookbackRounds: number;
  snapshotBlock: bigint;
  exclude: readonly Address[];
  minPayout: bigint;
}): void {
  if (input.exclude.length > 100) throw invalid('exclude: at most 100 addresses', 'exclude');
  if (input.minPayout < 0n) throw invalid('minPayout: at least 0 base units', 'minPayout');
  if (!(REVENUE_SHARE_TARGETS as readonly string[]).includes(input.target))
    throw invalid(`target: one of ${REVENUE_SHARE_TARGETS.join(', ')}`, 'target');
  if (input.target === 'HOLDERS') {
    if (input.model !== '') throw invalid('model: empty when the target is HOLDERS', 'model');
    if (input.lookbackRounds !== 0)
      throw invalid('lookbackRounds: 0 when the target is HOLDERS', 'lookbackRounds');
    return;
  }
  if (input.model.trim().length === 0 || input.model.length > 200)
    throw invalid('model: the model name its attestations give, 1 to 200 characters', 'model');
  if (
    !Number.isInteger(input.lookbackRounds) ||
    input.lookbackRounds < 1 ||
    input.lookbackRounds > MAX_LOOKBACK_ROUNDS
  )
    throw invalid(`lookbackRounds: 1 to ${MAX_LOOKBACK_ROUNDS} finalized rounds`, 'lookbackRounds');
  if (input.snapshotBlock !== 0n)
    throw invalid(
      'snapshotBlock: 0 when the target is CONTRIBUTORS_OF_MODEL (no balances are read)',
      'snapshotBlock',
    );
}

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
    private readonly chain: ChainReader,
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
    const { revenueId } = await this.signedWrites.run(
      'RecordRevenue',
      {
        from: input.from,
        dao: dao.slug,
        token: input.token,
        amount: input.amount,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        reference: input.reference,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        await this.daos.assertAdmin(dao, signer, manager);
        await this.chain.assertErc20(input.token).catch(unknownToken(input.token));
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
   * `createRevenueShare`, by an admin, once per revenue record: the amount, with what earlier shares
   * of the DAO and token carried over, shared exactly. HOLDERS: pro rata to the governance token's
   * balances at the snapshot (the holder set indexed up to it, every balance read there).
   * CONTRIBUTORS_OF_MODEL: pro rata to what the model's contributors were allocated in the DAO's last
   * `lookbackRounds` finalized rounds. Allocations below `minPayout` are carried over to the next
   * share of the DAO and token; the others are paid by the treasury through the Safe.
   */
  async createShare(
    input: DaoSignedInput & {
      revenue: string;
      target: RevenueShareTarget;
      model: string;
      lookbackRounds: number;
      snapshotBlock: bigint;
      exclude: readonly Address[];
      minPayout: bigint;
    },
  ): Promise<RevenueShare> {
    validateShareInput(input);
    const dao = await this.daos.bySlug(input.dao);
    const { shareId } = await this.signedWrites.run(
      'CreateRevenueShare',
      {
        from: input.from,
        dao: dao.slug,
        revenue: input.revenue,
        target: input.target,
        model: input.model,
        lookbackRounds: input.lookbackRounds,
        snapshotBlock: input.snapshotBlock,
        exclude: [...input.exclude],
        minPayout: input.minPayout,
        timestamp: input.timestamp,
      },
      input.signature,
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
        const carryOvers = await this.revenue.openCarryOvers(manager, dao.id, record.token);
        const carriedIn = carryOvers.reduce((sum, { carriedOver }) => sum + carriedOver, 0n);
        const excluded = [...new Set([dao.safeAddress, zeroAddress, ...input.exclude])];
        const weights =
          input.target === 'HOLDERS'
            ? await this.holderBalances(dao.governanceToken, snapshotBlock)
            : await this.contributorWeights(manager, dao, input.model, input.lookbackRounds);
        const shared = shareRevenue(record.amount + carriedIn, weights, excluded);
        if (input.target === 'CONTRIBUTORS_OF_MODEL' && shared.allocations.length === 0)
          throw nothingToShare(dao.slug, input.model, input.lookbackRounds);
        const split = applyMinPayout(shared.allocations, input.minPayout);
        const id = await this.revenue.insertShare(
          manager,
          {
            daoId: dao.id,
            revenueId: record.id,
            target: input.target,
            model: input.target === 'HOLDERS' ? null : input.model,
            lookbackRounds: input.target === 'HOLDERS' ? null : input.lookbackRounds,
            snapshotBlock,
            excluded,
            // Nothing to pay (everything carried over or unallocated): paid as it stands.
            state: split.paid.length === 0 ? 'PAID' : 'COMPUTED',
            eligibleSupply: shared.eligibleSupply,
            minPayout: input.minPayout,
            carriedIn,
            allocated: split.allocated,
            carriedOver: split.carriedOver,
            unallocated: shared.unallocated,
            createdBy: signer,
          },
          [...split.paid.map(allocationAs('PENDING')), ...split.carried.map(allocationAs('CARRIED'))],
        );
        if (id === null)
          throw new RewardsError(
            RewardsErrorCode.REVENUE_ALREADY_SHARED,
            `Revenue record ${record.id} has already been shared`,
            { revenue: record.id },
          );
        await this.revenue.takeCarryOvers(
          manager,
          carryOvers.map((carryOver) => carryOver.id),
          id,
        );
        return { daoId: dao.id, result: { shareId: id } };
      },
    );
    return this.share(String(shareId));
  }

  /** The governance token's holders and their balances at the snapshot (indexed up to it first). */
  private async holderBalances(token: Address, snapshotBlock: bigint): Promise<HolderBalance[]> {
    await this.indexer.catchUp(token, snapshotBlock);
    const holders = await this.indexer.holders(token, snapshotBlock);
    const balances = await this.indexer.balancesAt(token, holders, snapshotBlock);
    return holders.map((holder, index) => ({ holder, balance: balances[index] }));
  }

  /** The model's contributors weighed by their allocations in the DAO's last finalized rounds. */
  private async contributorWeights(
    manager: EntityManager,
    dao: { id: string; slug: string },
    model: string,
    lookbackRounds: number,
  ): Promise<HolderBalance[]> {
    if (!(await this.revenue.modelKnown(manager, dao.id, model)))
      throw new RewardsError(
        RewardsErrorCode.UNKNOWN_MODEL,
        `No attestation in DAO "${dao.slug}" names the model "${model}"`,
        { model },
      );
    const { allocations, modelOf } = await this.revenue.contributorAllocations(
      manager,
      dao.id,
      lookbackRounds,
    );
    const weights = modelWeights(allocations, modelOf, model);
    if (weights.length === 0) throw nothingToShare(dao.slug, model, lookbackRounds);
    return weights;
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
