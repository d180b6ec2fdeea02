import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource, type EntityManager } from 'typeorm';
import { ChainReader } from '@guildhall/chain';
import type { Address } from '@guildhall/core';
import { DaoService, type Dao } from '@guildhall/dao';
import { TokenPriceEntity } from '../datasources/token-price.entity.db.js';
import {
  STATEMENT_SOURCE_METADATA,
  type StatementLine,
  type StatementSource,
} from '../lines/statement-source.js';
import { buildStatement, type Statement, type StatementToken, type TokenPrice } from './statement.js';
import { StatementsError, StatementsErrorCode } from './statements.error.js';

/**
 * Contributor statements: every source's lines (the features provide them, marked
 * `@StatementLines()`, found at boot) for a contributor and a period, valued in USD only at prices
 * the DAO recorded, with totals and a hash (docs/statements.md).
 */
@Injectable()
export class StatementsService implements OnModuleInit {
  private sources: StatementSource[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly daos: DaoService,
    private readonly chain: ChainReader,
  ) {}

  onModuleInit(): void {
    const found = new Map<string, StatementSource>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (instance === null || typeof instance !== 'object') continue;
      if (this.reflector.get<boolean | undefined>(STATEMENT_SOURCE_METADATA, instance.constructor) !== true)
        continue;
      const source = instance as StatementSource;
      const other = found.get(source.name);
      if (other !== undefined && other !== source)
        throw new Error(`Two statement sources named "${source.name}"`);
      found.set(source.name, source);
    }
    this.sources = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** A contributor's statement of the DAO for [from, to). */
  async statement(slug: string, contributor: Address, from: Date, to: Date): Promise<Statement> {
    assertPeriod(from, to);
    const dao = await this.daos.bySlug(slug);
    return this.snapshot((manager) => this.build(dao, contributor, from, to, manager));
  }

  /** Every contributor's statement of the DAO for [from, to) with a line in it, by address. */
  async statements(slug: string, from: Date, to: Date): Promise<Statement[]> {
    assertPeriod(from, to);
    const dao = await this.daos.bySlug(slug);
    return this.snapshot(async (manager) => {
      const found = await Promise.all(this.sources.map((s) => s.contributors(dao.id, from, to, manager)));
      const contributors = [...new Set(found.flat())].sort();
      const statements: Statement[] = [];
      for (const contributor of contributors)
        statements.push(await this.build(dao, contributor, from, to, manager));
      return statements;
    });
  }

  /** One snapshot of every table the sources read: the lines and the prices agree. */
  private snapshot<T>(read: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('REPEATABLE READ', read);
  }

  private async build(
    dao: Dao,
    contributor: string,
    from: Date,
    to: Date,
    manager: EntityManager,
  ): Promise<Statement> {
    const lines: StatementLine[] = [];
    for (const source of this.sources)
      lines.push(...(await source.lines(dao.id, contributor, from, to, manager)));
    const addresses = [
      ...new Set(lines.flatMap((line) => (line.asset.type === 'TOKEN' ? [line.asset.token] : []))),
    ];
    const tokens = new Map<string, StatementToken>();
    for (const address of addresses) {
      const { symbol, decimals } = await this.chain.token(address as Address);
      tokens.set(address, { address, symbol, decimals });
    }
    const prices =
      addresses.length === 0
        ? []
        : await manager
            .getRepository(TokenPriceEntity)
            .createQueryBuilder('p')
            .where('p.dao_id = :daoId AND p.token IN (:...addresses) AND p.as_of < :to', {
              daoId: dao.id,
              addresses,
              to,
            })
            .getMany();
    return buildStatement(
      { dao: { slug: dao.slug, name: dao.name }, contributor, from, to },
      lines,
      tokens,
      prices.map((p): TokenPrice => ({ token: p.token, usdPerToken: p.usdPerToken, asOf: p.asOf })),
    );
  }
}

function assertPeriod(from: Date, to: Date): void {
  if (!(from.getTime() < to.getTime()))
    throw new StatementsError(
      StatementsErrorCode.INVALID_PERIOD,
      `A statement's period must start before it ends (from ${from.toISOString()}, to ${to.toISOString()})`,
      { from: from.toISOString(), to: to.toISOString() },
    );
}
