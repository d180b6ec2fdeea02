import { Injectable } from '@nestjs/common';
import { Address, toPage, type Page, type PageRequest, isUuid, timeCursor } from '@guildhall/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { ContributorAllocation } from '../domain/revenue-share.js';
import type { RevenueRecord, RevenueShare, RevenueShareAllocation } from '../domain/revenue.js';
import {
  RevenueRecordEntity,
  RevenueShareAllocationEntity,
  RevenueShareEntity,
} from './revenue.entity.db.js';

const CREATED_MS = (alias: string) => `date_trunc('milliseconds', ${alias}.created_at)`;

const toRecord = (row: RevenueRecordEntity, daoSlug: string): RevenueRecord => ({
  id: row.id,
  daoId: row.daoId,
  daoSlug,
  token: Address.parse(row.token),
  amount: row.amount,
  periodStart: row.periodStart,
  periodEnd: row.periodEnd,
  reference: row.reference,
  recordedBy: Address.parse(row.recordedBy),
  createdAt: row.createdAt,
});

const toShare = (row: RevenueShareEntity): RevenueShare => ({
  id: row.id,
  daoId: row.daoId,
  revenueId: row.revenueId,
  target: row.target as RevenueShare['target'],
  model: row.model,
  lookbackRounds: row.lookbackRounds,
  snapshotBlock: row.snapshotBlock,
  excluded: row.excluded.map((address) => Address.parse(address)),
  state: row.state as RevenueShare['state'],
  eligibleSupply: row.eligibleSupply,
  minPayout: row.minPayout,
  carriedIn: row.carriedIn,
  allocated: row.allocated,
  carriedOver: row.carriedOver,
  unallocated: row.unallocated,
  createdBy: Address.parse(row.createdBy),
  createdAt: row.createdAt,
});

/** An allocation as a share is written: to pay, or CARRIED (below the minimum payout). */
export type NewAllocation = Pick<RevenueShareAllocation, 'holder' | 'balance' | 'amount'> & {
  readonly status: 'PENDING' | 'CARRIED';
};

/** Revenue records and their shares in PostgreSQL; writes take the caller's transaction. */
@Injectable()
export class RevenueRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertRecord(
    manager: EntityManager,
    record: Omit<RevenueRecord, 'id' | 'daoSlug' | 'createdAt'>,
  ): Promise<string> {
    return (await manager.save(RevenueRecordEntity, manager.create(RevenueRecordEntity, record))).id;
  }

  async record(id: string, daoSlug: string, manager: EntityManager = this.dataSource.manager) {
    if (!isUuid(id)) return null;
    const row = await manager.getRepository(RevenueRecordEntity).findOneBy({ id });
    return row === null ? null : toRecord(row, daoSlug);
  }

  /** Newest first. */
  async records(dao: { id: string; slug: string }, page: PageRequest): Promise<Page<RevenueRecord>> {
    const query = this.dataSource
      .getRepository(RevenueRecordEntity)
      .createQueryBuilder('r')
      .where('r.dao_id = :daoId', { daoId: dao.id })
      .orderBy(CREATED_MS('r'), 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(page.first + 1);
    if (page.after !== undefined) {
      query.andWhere(`(${CREATED_MS('r')}, r.id) < (:key::timestamptz, :id::uuid)`, timeCursor(page.after));
    }
    const rows = await query.getMany();
    return toPage(
      rows.map((row) => toRecord(row, dao.slug)),
      page,
      (record) => ({ key: record.createdAt.toISOString(), id: record.id }),
    );
  }

  /** Null when the revenue record already has its share (one per record). */
  async insertShare(
    manager: EntityManager,
    share: Omit<RevenueShare, 'id' | 'createdAt'>,
    allocations: readonly NewAllocation[],
  ): Promise<string | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(RevenueShareEntity)
      .values({ ...share, excluded: [...share.excluded] })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = inserted.raw as Array<{ id: string }>;
    if (row === undefined) return null;
    for (let start = 0; start < allocations.length; start += 1_000)
      await manager.insert(
        RevenueShareAllocationEntity,
        allocations.slice(start, start + 1_000).map((allocation) => ({ ...allocation, shareId: row.id })),
      );
    return row.id;
  }

  /**
   * The carry-overs of the DAO's earlier shares of `token` that no share took yet, locked until the
   * transaction ends (two shares cannot both take one).
   */
  async openCarryOvers(
    manager: EntityManager,
    daoId: string,
    token: Address,
  ): Promise<Array<{ id: string; carriedOver: bigint }>> {
    const rows: Array<{ id: string; carried_over: string }> = await manager.query(
      `SELECT s.id, s.carried_over::text AS carried_over
         FROM revenue_share s JOIN revenue_record r ON r.id = s.revenue_id
        WHERE s.dao_id = $1 AND r.token = $2 AND s.carried_over > 0 AND s.carried_into IS NULL
        ORDER BY s.created_at, s.id
          FOR UPDATE OF s`,
      [daoId, token],
    );
    return rows.map((row) => ({ id: row.id, carriedOver: BigInt(row.carried_over) }));
  }

  /** The share `into` took over the carry-overs of `shareIds`. */
  async takeCarryOvers(manager: EntityManager, shareIds: readonly string[], into: string): Promise<void> {
    if (shareIds.length === 0) return;
    await manager.query(`UPDATE revenue_share SET carried_into = $2 WHERE id = ANY($1::uuid[])`, [
      shareIds,
      into,
    ]);
  }

  /** Whether any attestation of the DAO names the model. */
  async modelKnown(manager: EntityManager, daoId: string, model: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM attestation WHERE dao_id = $1 AND model_name = $2 LIMIT 1`,
      [daoId, model],
    );
    return rows.length > 0;
  }

  /**
   * Contributors' allocations (reviewers' dividends left out: they pay for no attestation) in the
   * DAO's last `lookbackRounds` finalized rounds (FINALIZED, PAYING or PAID, by finalization time),
   * with the model of each attestation they pay for.
   */
  async contributorAllocations(
    manager: EntityManager,
    daoId: string,
    lookbackRounds: number,
  ): Promise<{ allocations: ContributorAllocation[]; modelOf: Map<string, string> }> {
    const rows: Array<{
      recipient: string;
      amount: string;
      attestations: Array<{ id: string; bps: number }>;
    }> = await manager.query(
      `SELECT a.recipient, a.amount::text AS amount, a.explanation->'details'->'attestations' AS attestations
         FROM round_allocation a
        WHERE a.amount > 0
          AND jsonb_typeof(a.explanation->'details'->'attestations') = 'array'
          AND a.round_id IN (
                SELECT r.id FROM reward_round r
                 WHERE r.dao_id = $1 AND r.state IN ('FINALIZED', 'PAYING', 'PAID')
                 ORDER BY r.finalized_at DESC, r.id DESC
                 LIMIT $2)
        ORDER BY a.round_id, a.pool, a.recipient`,
      [daoId, lookbackRounds],
    );
    const ids = [...new Set(rows.flatMap((row) => row.attestations.map((attestation) => attestation.id)))];
    const models: Array<{ id: string; model_name: string }> =
      ids.length === 0
        ? []
        : await manager.query(`SELECT id, model_name FROM attestation WHERE id = ANY($1::uuid[])`, [ids]);
    return {
      allocations: rows.map((row) => ({
        recipient: row.recipient,
        amount: BigInt(row.amount),
        attestations: row.attestations.map(({ id, bps }) => ({ id, bps })),
      })),
      modelOf: new Map(models.map((row) => [row.id, row.model_name])),
    };
  }

  /** The token of a revenue record (the one its share pays). */
  async recordToken(id: string): Promise<Address> {
    const row = await this.dataSource
      .getRepository(RevenueRecordEntity)
      .findOneOrFail({ where: { id }, select: { token: true } });
    return Address.parse(row.token);
  }

  async share(id: string): Promise<RevenueShare | null> {
    if (!isUuid(id)) return null;
    const row = await this.dataSource.getRepository(RevenueShareEntity).findOneBy({ id });
    return row === null ? null : toShare(row);
  }

  async shareOf(revenueId: string): Promise<RevenueShare | null> {
    const row = await this.dataSource.getRepository(RevenueShareEntity).findOneBy({ revenueId });
    return row === null ? null : toShare(row);
  }

  /** Largest first. */
  async allocations(shareId: string): Promise<RevenueShareAllocation[]> {
    const rows = await this.dataSource
      .getRepository(RevenueShareAllocationEntity)
      .find({ where: { shareId }, order: { amount: 'DESC', holder: 'ASC' } });
    return rows.map((row) => ({
      shareId: row.shareId,
      holder: Address.parse(row.holder),
      balance: row.balance,
      amount: row.amount,
      status: row.status as RevenueShareAllocation['status'],
      txHash: row.txHash,
      paidBlock: row.paidBlock,
    }));
  }
}
