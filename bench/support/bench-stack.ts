import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import type { Address } from 'viem';
import { testConfig } from '@guildhall/config/testing';
import type { ResolvedConfig } from '@guildhall/config';
import { createDataSource, runMigrations } from '@guildhall/database';
import { CreateDaoDocument, GuildhallClient, type GuildhallSigner } from '@guildhall/sdk';
import { createApiApplication, listen } from '../../apps/api/src/bootstrap.js';

/** A migrated database of its own on `server` (a postgres:// URL), dropped by `drop()`. */
export async function createBenchDatabase(server: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `guildhall_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const migrator = await createDataSource({ url: url.toString() }).initialize();
  await runMigrations(migrator);
  await migrator.destroy();
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface BenchApi {
  readonly config: ResolvedConfig;
  /** The GraphQL URL. */
  readonly url: string;
  readonly app: INestApplication;
  readonly client: GuildhallClient;
  close(): Promise<void>;
}

/**
 * The API with its worker, as `npm start` runs it, on `databaseUrl` and the devnet at `rpcUrl`, with
 * a pool of `poolSize` connections, listening on a free port, and an SDK client of it.
 */
export async function startBenchApi(params: {
  databaseUrl: string;
  rpcUrl: string;
  chainId: number;
  poolSize: number;
  env?: Record<string, string>;
}): Promise<BenchApi> {
  const config = testConfig(
    { databaseUrl: params.databaseUrl, rpcUrl: params.rpcUrl, chainId: params.chainId },
    { GRAPHQL_MAX_COST: '1000000', ...params.env },
  );
  const app = await createApiApplication(
    { ...config, database: { ...config.database, poolSize: params.poolSize } },
    { work: true, shutdownHooks: false },
  );
  await app.init();
  const url = await listen(app, config);
  // Clients that sign for seconds at a time reuse keep-alive connections the server would
  // otherwise close meanwhile (ECONNRESET): the server stays patient.
  (app.getHttpServer() as Server).keepAliveTimeout = 600_000;
  const client = new GuildhallClient({ url });
  return {
    config,
    url,
    app,
    client,
    close: async () => {
      await client.close();
      await app.close();
    },
  };
}

/** A DAO on the devnet's Safe with rules that stay out of a bench's way. */
export async function createBenchDao(
  client: GuildhallClient,
  admin: GuildhallSigner,
  dao: { slug: string; name: string; governanceToken: Address; safe: Address },
): Promise<void> {
  await client.request(
    CreateDaoDocument,
    await admin.createDao({
      dao: dao.slug,
      name: dao.name,
      governanceToken: dao.governanceToken,
      safe: dao.safe,
      rules: {
        votingDelay: 0,
        votingPeriod: 86_400,
        proposalThreshold: 0n,
        quorumKind: 'ABSOLUTE',
        quorum: 0n,
        supermajorityBps: 0,
        voteTypes: ['single-choice'],
        allowVoteChange: true,
      },
    }),
  );
}
