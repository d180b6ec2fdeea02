import { Injectable } from '@nestjs/common';
import { Address, CommonError, CommonErrorCode, toPage, type Page, type PageRequest } from '@guildhall/core';
import { DataSource } from 'typeorm';
import type { Dao, NewDao } from '../domain/dao.js';
import type { DaoRepository } from '../domain/dao.repository.js';
import { DaoEntity } from './dao.entity.db.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toDao = (row: DaoEntity): Dao => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  chainId: row.chainId,
  governanceToken: Address.parse(row.governanceToken),
  safeAddress: Address.parse(row.safeAddress),
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

@Injectable()
export class TypeOrmDaoRepository implements DaoRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findBySlug(slug: string): Promise<Dao | null> {
    const row = await this.dataSource.getRepository(DaoEntity).findOneBy({ slug });
    return row === null ? null : toDao(row);
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
      if (!UUID.test(page.after.id) || Number.isNaN(Date.parse(page.after.key))) {
        throw new CommonError(CommonErrorCode.BAD_INPUT, 'after: not a cursor returned by this API', {
          field: 'after',
        });
      }
      query.where(`(${createdAtMs}, dao.id) > (:key::timestamptz, :id::uuid)`, page.after);
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
}
