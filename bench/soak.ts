/**
 * The hardening soak: the mixed load (45% signed votes, 5% signed proposals, 50% reads) from 32
 * concurrent GraphQL clients against `guildhall start`, for 10 minutes on its embedded PostgreSQL
 * and then for 10 minutes with DATABASE_URL on the PostgreSQL server at TEST_DATABASE_URL. Prints,
 * per store: operations, errors by code, reads that answered wrong rows, acknowledged votes missing
 * afterwards, votes/s, p50/p99 latency, and the memory of the `guildhall start` process tree (PSS,
 * its PostgreSQL included), sampled every 15 s: before the load (cold), after the first minute of
 * it (warm: V8 has sized its heap, pools and caches have filled), the peak and the end. Growth is
 * judged from warm to end. The API's V8 heap in use (from its /metrics) is printed beside it: most
 * of the warm-up is V8 letting garbage pile up before it collects, not live data.
 *
 *   npm run bench:soak                 # 600 s per store, 32 clients
 *   npm run bench:soak -- 60 16        # 60 s per store, 16 clients
 *
 * `guildhall start` runs as `npm start` does (the build, in a process of its own, logs at warn);
 * the clients, which sign every vote and proposal, run in this process on the same cores.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Address, Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { mintDelegatedVoters } from '@guildhall/chain/testing';
import { freePort } from '@guildhall/config/testing';
import { missingVotes, percentile, runMixedLoad } from '../test/support/mixed-load.js';
import { createBenchDatabase, memoryMiBOf } from './support/bench-stack.js';

const seconds = Number(process.argv[2] ?? 600);
const clients = Number(process.argv[3] ?? 32);
// eslint-disable-next-line no-restricted-syntax -- a bench reads its server from the shell, as the tests do
const server = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Started {
  graphql: string;
  rpc: string;
  chainId: number;
  databaseUrl?: string;
  demoDao: string;
  contracts: Record<string, Address>;
  devAccounts: Array<{ privateKey: Hex }>;
}

/** What `guildhall start --json` prints once it is ready (a JSON document over several lines). */
async function readyReport(stdout: NodeJS.ReadableStream): Promise<Started> {
  let text = '';
  for await (const line of createInterface({ input: stdout })) {
    text += line;
    if (line === '}') return JSON.parse(text) as Started;
  }
  throw new Error('guildhall start exited before it was ready');
}

const SAMPLE_EVERY_MS = 15_000;
/** How long the load runs before the memory counts as warm. */
const WARM_AFTER_MS = 60_000;

interface MemorySample {
  /** Since the load started. */
  readonly atMs: number;
  /** PSS of the `guildhall start` process tree. */
  readonly treeMiB: number;
  /** The API process's V8 heap in use, as its /metrics reports it. */
  readonly heapUsedMiB: number;
}

async function sampleMemory(pid: number, graphqlUrl: string, atMs: number): Promise<MemorySample> {
  const metrics = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const heapUsed = /^guildhall_nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics);
  return { atMs, treeMiB: memoryMiBOf(pid), heapUsedMiB: Number(heapUsed?.[1] ?? NaN) / 2 ** 20 };
}

function memoryReport(samples: readonly MemorySample[]): string[] {
  const [cold] = samples;
  const end = samples[samples.length - 1];
  const warm = samples.find((sample) => sample.atMs >= WARM_AFTER_MS) ?? end;
  const peak = Math.max(...samples.map((sample) => sample.treeMiB));
  const mib = (value: number) => `${value.toFixed(0)} MiB`;
  const growth = ((end.treeMiB - warm.treeMiB) / warm.treeMiB) * 100;
  const perMinute = samples
    .filter(
      (sample, index) =>
        index === 0 || Math.floor(sample.atMs / 60_000) > Math.floor(samples[index - 1].atMs / 60_000),
    )
    .map((sample) => sample.treeMiB.toFixed(0))
    .join(' ');
  return [
    `  memory (PSS of guildhall start and its children): cold ${mib(cold.treeMiB)}, warm ${mib(warm.treeMiB)} (after ${Math.round(warm.atMs / 1000)} s of load), peak ${mib(peak)}, end ${mib(end.treeMiB)}: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)}% from warm to end`,
    `  memory each minute (MiB): ${perMinute}`,
    `  API V8 heap used (live and not yet collected): cold ${mib(cold.heapUsedMiB)}, warm ${mib(warm.heapUsedMiB)}, end ${mib(end.heapUsedMiB)}`,
  ];
}

async function soak(store: 'embedded' | 'PostgreSQL'): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'guildhall-soak-'));
  const database = store === 'PostgreSQL' ? await createBenchDatabase(server) : undefined;
  const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'start', '--json'], {
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the child inherits this shell's environment
      ...process.env,
      GUILDHALL_HOME: home,
      PORT: String(await freePort()),
      DEVNET_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      ...(database === undefined ? {} : { DATABASE_URL: database.url }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const started = await readyReport(child.stdout);
    const { rpc: rpcUrl, chainId } = started;
    const voters = await mintDelegatedVoters({
      rpcUrl,
      chainId,
      governanceToken: started.contracts['governance token'],
      count: 200,
    });

    const samples: MemorySample[] = [await sampleMemory(child.pid!, started.graphql, 0)];
    const loadStarted = Date.now();
    const sampler = setInterval(() => {
      void sampleMemory(child.pid!, started.graphql, Date.now() - loadStarted).then((sample) =>
        samples.push(sample),
      );
    }, SAMPLE_EVERY_MS);
    const report = await runMixedLoad({
      graphqlUrl: started.graphql,
      chainId,
      dao: started.demoDao,
      voters,
      proposer: privateKeyToAccount(started.devAccounts[5].privateKey),
      clients,
      durationMs: seconds * 1000,
    });
    clearInterval(sampler);
    samples.push(await sampleMemory(child.pid!, started.graphql, Date.now() - loadStarted));
    const missing = await missingVotes(database?.url ?? started.databaseUrl!, report.votes);
    const errors = [...report.errors].map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
    console.log(
      [
        `${store}: ${report.operations} operations in ${seconds} s by ${clients} clients (${Math.round(report.operations / seconds)}/s)`,
        `  errors: ${errors}`,
        `  wrong answers: ${report.wrongAnswers.length}${report.wrongAnswers.length > 0 ? ` (first: ${report.wrongAnswers[0]})` : ''}`,
        `  acknowledged votes: ${report.votes.length} (${Math.round(report.votes.length / seconds)}/s), missing afterwards: ${missing.length}; proposals: ${report.proposals.length}`,
        `  latency p50 ${percentile(report.latenciesMs, 0.5).toFixed(1)} ms, p99 ${percentile(report.latenciesMs, 0.99).toFixed(1)} ms`,
        ...memoryReport(samples),
      ].join('\n'),
    );
  } finally {
    child.kill('SIGINT');
    await once(child, 'exit');
    await database?.drop();
    rmSync(home, { recursive: true, force: true });
  }
}

await soak('embedded');
await soak('PostgreSQL');
