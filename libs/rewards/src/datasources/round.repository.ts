import { Injectable } from '@nestjs/common';
import {
  Address,
  toPage,
  type Page,
  type PageRequest,
  isUuid,
  timeCursor,
  invalidCursor,
} from '@guildhall/core';
import type { RoundPhases, RoundPhasesReader } from '@guildhall/contributions';
import { DaoService } from '@guildhall/dao';
import { DataSource, type EntityManager } from 'typeorm';
import type { AttestationKind } from '../domain/allocation/index.js';
import type {
  KindPool,
  Round,
  RoundAllocation,
  RoundState,
  ScoringEngine,
  VestingTranche,
} from '../domain/round.js';
import type { YumaParams } from '../domain/yuma/index.js';
import {
  ReviewerBondEntity,
  RoundAllocationEntity,
  RoundEntity,
  VestingTrancheEntity,
} from './round.entity.db.js';

const CREATED_MS = (alias: string) => `date_trunc('milliseconds', ${alias}.created_at)`;
const toRound = (row: RoundEntity, daoSlug: string): Round => ({
  id: row.id,
  daoId: row.daoId,
  daoSlug,
  name: row.name,
  state: row.state as RoundState,
  token: Address.parse(row.token),
  budget: row.budget,
  submissionsOpenAt: row.submissionsOpenAt,
  submissionsCloseAt: row.submissionsCloseAt,
  reviewDeadline: row.reviewDeadline,
  snapshotBlock: row.snapshotBlock,
  engine: row.engine as ScoringEngine,
  yuma: row.yuma as YumaParams,
  reviewerShareBps: row.reviewerShareBps,
  pools: row.pools.map((pool) => ({ ...pool, kind: pool.kind as AttestationKind })),
  contributorCapBps: row.contributorCapBps,
  minPayout: row.minPayout,
  vesting: { cliff: row.vestingCliff, duration: row.vestingDuration, interval: row.vestingInterval },
  minReviews: row.minReviews,
  acceptanceScore: row.acceptanceScore,
  createdBy: Address.parse(row.createdBy),
  finalizedAt: row.finalizedAt,
  allocated: row.allocated,
  unallocated: row.unallocated,
  underfunded: row.underfunded,
  createdAt: row.createdAt,
});

const toAllocation = (row: RoundAllocationEntity): RoundAllocation => ({
  roundId: row.roundId,
  pool: row.pool,
  recipient: Address.parse(row.recipient),
  amount: row.amount,
  explanation: row.explanation,
});

const toTranche = (row: VestingTrancheEntity): VestingTranche => ({
  id: row.id,
  roundId: row.roundId,
  pool: row.pool,
  recipient: Address.parse(row.recipient),
  seq: row.seq,
  amount: row.amount,
  unlockAt: row.unlockAt,
  status: row.status as VestingTranche['status'],
  txHash: row.txHash,
});

export type NewRound = Omit<
  Round,
  'id' | 'daoSlug' | 'finalizedAt' | 'allocated' | 'unallocated' | 'underfunded' | 'createdAt'
>;

/** Rounds, allocations, tranches and bonds in PostgreSQL; writes take the caller's transaction. */
@Injectable()
export class RoundRepository implements RoundPhasesReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly daos: DaoService,
  ) {}

  async insert(manager: EntityManager, round: NewRound): Promise<string> {
    const { vesting, pools, yuma, ...fields } = round;
    const saved = await manager.save(
      RoundEntity,
      manager.create(RoundEntity, {
        ...fields,
        yuma: { ...yuma },
        pools: pools.map((pool: KindPool) => ({ ...pool })),
        vestingCliff: vesting.cliff,
        vestingDuration: vesting.duration,
        vestingInterval: vesting.interval,
      }),
    );
    return saved.id;
  }

  async findById(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Round | null> {
    if (!isUuid(id)) return null;
    const row = await manager
      .getRepository(RoundEntity)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (row === null) return null;
    const dao = await this.daos.byId(row.daoId, manager);
    return toRound(row, dao.slug);
  }

  async phases(manager: EntityManager, roundId: string): Promise<RoundPhases | null> {
    return this.findById(roundId, manager);
  }

  /** The finalization record: pool reports, per-pool Yuma inputs. */
  async result(id: string): Promise<unknown> {
    const row = await this.dataSource
      .getRepository(RoundEntity)
      .findOne({ where: { id }, select: { id: true, result: true } });
    return row?.result ?? null;
  }

  /** Newest first. */
  async list(
    dao: { id: string; slug: string },
    state: RoundState | null | undefined,
    page: PageRequest,
  ): Promise<Page<Round>> {
    const query = this.dataSource
      .getRepository(RoundEntity)
      .createQueryBuilder('r')
      .where('r.dao_id = :daoId', { daoId: dao.id })
      .orderBy(CREATED_MS('r'), 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(page.first + 1);
    if (state) query.andWhere('r.state = :state', { state });
    if (page.after !== undefined) {
      query.andWhere(`(${CREATED_MS('r')}, r.id) < (:key::timestamptz, :id::uuid)`, timeCursor(page.after));
    }
    const rows = await query.getMany();
    return toPage(
      rows.map((row) => toRound(row, dao.slug)),
      page,
      (round) => ({ key: round.createdAt.toISOString(), id: round.id }),
    );
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<RoundEntity, 'state' | 'finalizedAt' | 'allocated' | 'unallocated' | 'underfunded' | 'result'>
    >,
  ): Promise<void> {
    await manager.update(RoundEntity, { id }, changes);
  }

  async insertAllocations(manager: EntityManager, allocations: readonly RoundAllocation[]): Promise<void> {
    for (let start = 0; start < allocations.length; start += 1_000)
      await manager.insert(
        RoundAllocationEntity,
        allocations.slice(start, start + 1_000).map((allocation) => ({
          ...allocation,
          explanation: allocation.explanation as object,
        })),
      );
  }

  async insertTranches(
    manager: EntityManager,
    tranches: ReadonlyArray<Omit<VestingTranche, 'id' | 'status' | 'txHash'>>,
  ): Promise<void> {
    for (let start = 0; start < tranches.length; start += 1_000)
      await manager.insert(
        VestingTrancheEntity,
        tranches.slice(start, start + 1_000).map((tranche) => ({ ...tranche, status: 'PENDING' })),
      );
  }

  /** A round's allocations, largest first (then by pool and recipient). */
  async allocations(roundId: string, page: PageRequest): Promise<Page<RoundAllocation>> {
    const query = this.dataSource
      .getRepository(RoundAllocationEntity)
      .createQueryBuilder('a')
      .where('a.round_id = :roundId', { roundId })
      .orderBy('a.amount', 'DESC')
      .addOrderBy('a.pool', 'ASC')
      .addOrderBy('a.recipient', 'ASC')
      .limit(page.first + 1);
    if (page.after !== undefined) {
      const [pool, recipient] = page.after.id.split('/');
      if (!/^[0-9]+$/.test(page.after.key) || recipient === undefined) throw invalidCursor();
      query.andWhere(
        '(a.amount < :key::numeric OR (a.amount = :key::numeric AND (a.pool, a.recipient) > (:pool, :recipient)))',
        { key: page.after.key, pool, recipient },
      );
    }
    const rows = await query.getMany();
    return toPage(rows.map(toAllocation), page, (allocation) => ({
      key: allocation.amount.toString(),
      id: `${allocation.pool}/${allocation.recipient}`,
    }));
  }

  async allAllocations(roundId: string): Promise<RoundAllocation[]> {
    const rows = await this.dataSource
      .getRepository(RoundAllocationEntity)
      .find({ where: { roundId }, order: { pool: 'ASC', recipient: 'ASC' } });
    return rows.map(toAllocation);
  }

  /** A recipient's allocations across a DAO's rounds, newest round first. */
  async allocationsOf(daoId: string, recipient: Address): Promise<RoundAllocation[]> {
    const rows = await this.dataSource
      .getRepository(RoundAllocationEntity)
      .createQueryBuilder('a')
      .innerJoin(RoundEntity, 'r', 'r.id = a.round_id')
      .where('r.dao_id = :daoId AND a.recipient = :recipient', { daoId, recipient })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('a.pool', 'ASC')
      .getMany();
    return rows.map(toAllocation);
  }

  async tranches(roundId: string): Promise<VestingTranche[]> {
    const rows = await this.dataSource
      .getRepository(VestingTrancheEntity)
      .find({ where: { roundId }, order: { unlockAt: 'ASC', recipient: 'ASC', pool: 'ASC', seq: 'ASC' } });
    return rows.map(toTranche);
  }

  async bonds(manager: EntityManager, daoId: string): Promise<Map<string, number>> {
    const rows = await manager.getRepository(ReviewerBondEntity).findBy({ daoId });
    return new Map(rows.map((row) => [`${row.pool}/${row.reviewer}/${row.contributor}`, row.bond]));
  }

  async saveBonds(
    manager: EntityManager,
    daoId: string,
    bonds: ReadonlyArray<{ pool: string; reviewer: string; contributor: string; bond: number }>,
  ): Promise<void> {
    for (let start = 0; start < bonds.length; start += 1_000)
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReviewerBondEntity)
        .values(bonds.slice(start, start + 1_000).map((bond) => ({ daoId, ...bond })))
        .orUpdate(['bond', 'updated_at'], ['dao_id', 'pool', 'reviewer', 'contributor'])
        .execute();
  }
}
