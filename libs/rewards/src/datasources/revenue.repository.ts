import { Injectable } from '@nestjs/common';
import { Address, toPage, type Page, type PageRequest, isUuid, timeCursor } from '@guildhall/core';
import { DataSource, type EntityManager } from 'typeorm';
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
  snapshotBlock: row.snapshotBlock,
  excluded: row.excluded.map((address) => Address.parse(address)),
  state: row.state as RevenueShare['state'],
  eligibleSupply: row.eligibleSupply,
  allocated: row.allocated,
  unallocated: row.unallocated,
  createdBy: Address.parse(row.createdBy),
  createdAt: row.createdAt,
});

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
    share: Omit<RevenueShare, 'id' | 'state' | 'createdAt'>,
    allocations: ReadonlyArray<Pick<RevenueShareAllocation, 'holder' | 'balance' | 'amount'>>,
  ): Promise<string | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(RevenueShareEntity)
      .values({ ...share, excluded: [...share.excluded], state: 'FINALIZED' })
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
    }));
  }
}
