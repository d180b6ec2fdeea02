import type { INestApplication } from '@nestjs/common';
import { testConfig } from '@guildhall/config/testing';
import { startTestChain, type TestChain } from '@guildhall/chain/testing';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { DaoService } from '@guildhall/dao';
import { GuildhallClient } from '@guildhall/sdk';
import { createApiApplication, entities, listen } from '@guildhall/platform';

export interface TestApi {
  readonly app: INestApplication;
  readonly url: string;
  readonly client: GuildhallClient;
  close(): Promise<void>;
}

/**
 * The whole app against real PostgreSQL (a database of its own) and a devnet with the dev stack,
 * the demo DAO seeded as `npm start` seeds it. Tests speak to it only through the SDK.
 */
export class TestStack {
  private constructor(
    readonly database: TestDatabase,
    readonly chain: TestChain,
    private readonly apis: TestApi[] = [],
  ) {}

  static async start(): Promise<TestStack> {
    const [database, chain] = await Promise.all([createTestDatabase({ entities }), startTestChain()]);
    return new TestStack(database, chain);
  }

  /**
   * One more API replica on the same database and chain, working the job queues unless `work` is
   * false (an API-only replica: no worker in its process); `rpcUrl` reaches the chain another way
   * (a proxy that fault tests take down).
   */
  async api(
    env: Record<string, string> = {},
    { work = true, rpcUrl = this.chain.rpcUrl }: { work?: boolean; rpcUrl?: string } = {},
  ): Promise<TestApi> {
    const config = testConfig({ databaseUrl: this.database.url, rpcUrl, chainId: this.chain.chainId }, env);
    const app = await createApiApplication(config, { work, shutdownHooks: false });
    await app.init();
    await app.get(DaoService).ensure({
      slug: 'demo',
      name: 'Demo DAO',
      chainId: this.chain.chainId,
      governanceToken: this.chain.stack.governanceToken,
      safeAddress: this.chain.stack.daoSafe,
    });
    const url = await listen(app, config);
    const client = new GuildhallClient({ url });
    const api: TestApi = {
      app,
      url,
      client,
      close: async () => {
        if (!this.apis.includes(api)) return;
        this.apis.splice(this.apis.indexOf(api), 1);
        await client.close();
        await app.close();
      },
    };
    this.apis.push(api);
    return api;
  }

  async close(): Promise<void> {
    for (const api of [...this.apis]) await api.close();
    await this.chain.close();
    await this.database.drop();
  }
}
