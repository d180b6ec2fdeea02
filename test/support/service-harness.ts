import type { DynamicModule, Type } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule } from '@guildhall/config';
import { testConfig } from '@guildhall/config/testing';
import { ChainModule } from '@guildhall/chain';
import { DatabaseModule, JobsModule, NotificationsModule } from '@guildhall/database';
import { SignedWritesModule } from '@guildhall/signed-writes';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { entities } from '@guildhall/platform';
import { DataSource } from 'typeorm';
import { StubChain } from './stub-chain.js';

/**
 * One feature's real Nest providers on a database of its own (cloned from the migrated template),
 * the chain readers answered by a `StubChain`: no devnet, no HTTP, no worker (jobs are sent, never
 * worked). Tests call the services directly, with signed messages (`signedInput`).
 */
export class ServiceHarness {
  private constructor(
    readonly module: TestingModule,
    readonly database: TestDatabase,
    readonly chain: StubChain,
  ) {}

  /**
   * @param features the feature modules under test (their imports come with them).
   * @param chain what the chain readers answer; the test may change it as it goes.
   */
  static async start(
    features: ReadonlyArray<Type | DynamicModule>,
    chain: StubChain = new StubChain(),
  ): Promise<ServiceHarness> {
    const database = await createTestDatabase();
    try {
      let builder = Test.createTestingModule({
        imports: [
          ConfigModule.forRoot(testConfig({ databaseUrl: database.url, chainId: chain.chainId })),
          DiscoveryModule,
          DatabaseModule.forRoot(entities),
          ChainModule,
          NotificationsModule,
          SignedWritesModule,
          JobsModule.forRoot({ work: false }),
          ...features,
        ],
      });
      for (const [token, stub] of chain.overrides()) builder = builder.overrideProvider(token).useValue(stub);
      const module = await builder.compile();
      await module.init();
      return new ServiceHarness(module, database, chain);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }

  /** A provider of the module under test. */
  get<T>(type: Type<T>): T {
    return this.module.get(type, { strict: false });
  }

  /** Rows of each table, by table name: what a refusal must leave as it was. */
  async counts(...tables: readonly string[]): Promise<Record<string, number>> {
    const dataSource = this.get(DataSource);
    const counted = await Promise.all(
      tables.map(async (table) => {
        const [{ count }] = await dataSource.query<[{ count: number }]>(
          `SELECT count(*)::int AS count FROM "${table}"`,
        );
        return [table, count] as const;
      }),
    );
    return Object.fromEntries(counted);
  }

  async close(): Promise<void> {
    try {
      await this.module.close();
    } finally {
      await this.database.drop();
    }
  }
}
