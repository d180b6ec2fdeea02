import { Injectable } from '@nestjs/common';
import { Address, isUuid, toPage, type Page, type PageRequest, timeCursor } from '@guildhall/core';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Dao, NewDao } from '../domain/dao.js';
import type { DaoRepository } from '../domain/dao.repository.js';
import type { VoteType } from '@guildhall/core';
import type { VotingConfig } from '../domain/voting-rules.js';
import { DaoAdminEntity } from './dao-admin.entity.db.js';
import { DaoEntity } from './dao.entity.db.js';

export const toDao = (row: DaoEntity): Dao => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  chainId: row.chainId,
  governanceToken: Address.parse(row.governanceToken),
  safeAddress: Address.parse(row.safeAddress),
  votingDelay: row.votingDelay,
  votingPeriod: row.votingPeriod,
  proposalThreshold: row.proposalThreshold,
  quorumKind: row.quorumKind,
  quorum: row.quorum,
  supermajorityBps: row.supermajorityBps,
  voteTypes: row.voteTypes as VoteType[],
  allowVoteChange: row.allowVoteChange,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const configColumns = (config: VotingConfig) => ({
  votingDelay: config.votingDelay,
  votingPeriod: config.votingPeriod,
  proposalThreshold: config.proposalThreshold,
  quorumKind: config.quorumKind,
  quorum: config.quorum,
  supermajorityBps: config.supermajorityBps,
  voteTypes: [...config.voteTypes],
  allowVoteChange: config.allowVoteChange,
});

@Injectable()
export class TypeOrmDaoRepository implements DaoRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findBySlug(slug: string, manager: EntityManager = this.dataSource.manager): Promise<Dao | null> {
    const row = await manager.getRepository(DaoEntity).findOneBy({ slug });
    return row === null ? null : toDao(row);
  }

  async findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Dao | null> {
    if (!isUuid(id)) return null;
    const row = await manager.getRepository(DaoEntity).findOneBy({ id });
    return row === null ? null : toDao(row);
  }

  async slugs(
    ids: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await manager
      .getRepository(DaoEntity)
      .find({ where: { id: In(unique) }, select: { id: true, slug: true } });
    return new Map(rows.map((row) => [row.id, row.slug]));
  }

  async ofSafe(chainId: number, safe: Address): Promise<Dao[]> {
    const rows = await this.dataSource.getRepository(DaoEntity).find({
      where: { safeAddress: safe, chainId },
      order: { createdAt: 'ASC' },
    });
    return rows.map(toDao);
  }

  async safes(chainId: number): Promise<Address[]> {
    const rows: Array<{ safe: string }> = await this.dataSource
      .getRepository(DaoEntity)
      .createQueryBuilder('d')
      .select('DISTINCT d.safe_address', 'safe')
      .where('d.chain_id = :chainId', { chainId })
      .getRawMany();
    return rows.map((row) => Address.parse(row.safe));
  }

  async list(page: PageRequest): Promise<Page<Dao>> {
    // Keyset on (created_at to the millisecond, id): what a JS Date and so a cursor can carry.
    const createdAtMs = "date_trunc('milliseconds', dao.created_at)";
    const query = this.dataSource
      .getRepository(DaoEntity)
      .createQueryBuilder('dao')
      .orderBy(createdAtMs, 'ASC')
      .addOrderBy('dao.id', 'ASC')
      .limit(page.first + 1);
    if (page.after !== undefined) {
      query.where(`(${createdAtMs}, dao.id) > (:key::timestamptz, :id::uuid)`, timeCursor(page.after));
    }
    const rows = await query.getMany();
    return toPage(rows.map(toDao), page, (dao) => ({ key: dao.createdAt.toISOString(), id: dao.id }));
  }

  async createIfAbsent(dao: NewDao): Promise<{ dao: Dao; created: boolean }> {
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DaoEntity)
      .values({ ...dao })
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = await this.dataSource.getRepository(DaoEntity).findOneByOrFail({ slug: dao.slug });
    return { dao: toDao(row), created: (inserted.raw as unknown[]).length > 0 };
  }

  async create(manager: EntityManager, dao: NewDao & VotingConfig, admin: Address): Promise<Dao | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(DaoEntity)
      .values({
        slug: dao.slug,
        name: dao.name,
        chainId: dao.chainId,
        governanceToken: dao.governanceToken,
        safeAddress: dao.safeAddress,
        ...configColumns(dao),
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) return null;
    const row = await manager.getRepository(DaoEntity).findOneByOrFail({ slug: dao.slug });
    await manager.insert(DaoAdminEntity, { daoId: row.id, address: admin });
    return toDao(row);
  }

  async updateSettings(
    manager: EntityManager,
    daoId: string,
    name: string,
    config: VotingConfig,
  ): Promise<void> {
    await manager.update(DaoEntity, { id: daoId }, { name, ...configColumns(config) });
  }

  async admins(daoId: string, manager: EntityManager = this.dataSource.manager): Promise<Address[]> {
    const rows = await manager
      .getRepository(DaoAdminEntity)
      .find({ where: { daoId }, order: { address: 'ASC' } });
    return rows.map((row) => Address.parse(row.address));
  }

  async setAdmins(manager: EntityManager, daoId: string, admins: readonly Address[]): Promise<void> {
    await manager.delete(DaoAdminEntity, { daoId });
    await manager.insert(
      DaoAdminEntity,
      admins.map((address) => ({ daoId, address })),
    );
  }
}
