import { fork, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import type { Address } from 'viem';
import { freePort, testConfig } from '@guildhall/config/testing';
import type { ResolvedConfig } from '@guildhall/config';
import { createDataSource, runMigrations } from '@guildhall/database';
import { CreateDaoDocument, GuildhallClient, type GuildhallSigner } from '@guildhall/sdk';
import { createApiApplication, listen } from '@guildhall/platform';

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

/**
 * The devnet in a process of its own (`devnet-process.ts`, built next to this file), so that the
 * chain answers the API's reads without waiting for the bench's clients on one event loop.
 */
export async function forkBenchDevnet(): Promise<{
  readonly url: string;
  readonly chainId: number;
  readonly pid: number;
  close(): Promise<void>;
}> {
  const child = fork(new URL('./devnet-process.js', import.meta.url), { stdio: 'inherit' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  const { url, chainId } = await new Promise<{ url: string; chainId: number }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { url: string; chainId: number }));
    child.once('exit', (code) =>
      reject(new Error(`The devnet exited with code ${code} before it was ready`)),
    );
  });
  return {
    url,
    chainId,
    pid: child.pid!,
    close: async () => {
      process.off('exit', stop);
      stop();
      await exited;
    },
  };
}

/**
 * The API alone in a process of its own, as `npm run start:api` runs it in production (the build
 * in dist/, NODE_ENV=production, logs at warn), on `databaseUrl` and the devnet at `rpcUrl`; ready
 * when /health answers. The bench's clients then share the machine with it, not its event loop.
 */
export async function spawnBenchApi(params: {
  databaseUrl: string;
  rpcUrl: string;
  chainId: number;
  poolSize: number;
  env?: Record<string, string>;
}): Promise<Omit<BenchApi, 'app' | 'config'> & { readonly pid: number }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the API's process inherits this one's environment
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      PORT: String(port),
      DATABASE_URL: params.databaseUrl,
      DATABASE_POOL_SIZE: String(params.poolSize),
      RPC_URL: params.rpcUrl,
      CHAIN_ID: String(params.chainId),
      GRAPHQL_MAX_COST: '1000000',
      // The bench's clients all come from 127.0.0.1: it measures the API, not its rate limits.
      RATE_LIMIT_ENABLED: 'false',
      ...params.env,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = () => child.kill('SIGTERM');
  process.once('exit', stop);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`The API exited with code ${child.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error('The API was not ready within 60 s');
    const ready = await fetch(`${base}/health`).then(
      () => true,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const url = `${base}/graphql`;
  const client = new GuildhallClient({ url });
  return {
    url,
    client,
    pid: child.pid!,
    close: async () => {
      await client.close();
      stop();
      await exited;
      process.off('exit', stop);
    },
  };
}

/** A process's proportional set size in MiB (shared pages counted once across processes); 0 once it has ended. */
function pssMiBOf(pid: number): number {
  try {
    const pss = /^Pss:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return Number(pss?.[1] ?? 0) / 1024;
  } catch {
    return 0; // the process ended meanwhile
  }
}

/**
 * Memory (MiB, proportional set size) of process `pid` alone (`own`) and with every process below it
 * (`tree`: the embedded PostgreSQL server and its backends).
 */
export function memoryMiBOf(pid: number): { readonly own: number; readonly tree: number } {
  const all = processes();
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const process of all) {
      if (tree.has(process.ppid) && !tree.has(process.pid)) {
        tree.add(process.pid);
        grew = true;
      }
    }
  }
  return { own: pssMiBOf(pid), tree: [...tree].reduce((sum, member) => sum + pssMiBOf(member), 0) };
}

/** Linux's clock ticks per second, the unit of /proc/<pid>/stat's CPU times. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Every process of the machine: pid, parent pid, name and CPU time (user + system, ms) so far. */
function processes(): Array<{ pid: number; ppid: number; name: string; cpuMs: number }> {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        // After "(name) ": state, ppid, … utime and stime are the 12th and 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
        return [{ pid: Number(entry), ppid: Number(fields[1]), name, cpuMs }];
      } catch {
        return []; // the process ended meanwhile
      }
    });
}

/** CPU time (ms) used so far by process `pid` and its children (an API's cluster workers). */
export function cpuMsOf(pid: number): number {
  return processes()
    .filter((process) => process.pid === pid || process.ppid === pid)
    .reduce((sum, process) => sum + process.cpuMs, 0);
}

/** CPU time (ms) used so far by each PostgreSQL process of this machine, by pid. */
export function postgresCpuMs(): Map<number, number> {
  return new Map(
    processes()
      .filter((process) => process.name === 'postgres')
      .map((process) => [process.pid, process.cpuMs]),
  );
}

/**
 * CPU time (ms) PostgreSQL used since `before` (a `postgresCpuMs()`), counting the processes that
 * started since; a backend that ended meanwhile takes its share with it (an undercount, never a
 * negative figure).
 */
export function postgresCpuMsSince(before: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, cpuMs] of postgresCpuMs()) total += cpuMs - (before.get(pid) ?? 0);
  return total;
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
