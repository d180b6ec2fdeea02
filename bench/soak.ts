/**
 * The hardening soak: the mixed load (45% signed votes, 5% signed proposals, 50% reads) from 32
 * concurrent GraphQL clients against `guildhall start`, for 10 minutes on its embedded PostgreSQL
 * and then for 10 minutes with DATABASE_URL on the PostgreSQL server at TEST_DATABASE_URL. Prints,
 * per store: operations, errors by code, reads that answered wrong rows, acknowledged votes missing
 * afterwards, votes/s, p50/p99 latency, and the memory of the `guildhall start` process tree (PSS,
 * its PostgreSQL included), sampled every 15 s: a sawtooth, as V8 lets garbage pile up between full
 * collections. Growth is judged after a full garbage collection (asked for through the inspector,
 * which `guildhall start` runs with here), from warm (after the first minute of load: V8 has sized
 * its heap, pools and caches have filled) to the end, for the Node process and for the whole tree.
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
import { setTimeout as sleep } from 'node:timers/promises';
import type { Address, Hex } from 'viem';
import WebSocket from 'ws';
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
/** How long the load runs before the memory counts as warm (and is measured after a full GC). */
const WARM_AFTER_MS = 60_000;

interface MemorySample {
  /** Since the load started. */
  readonly atMs: number;
  /** PSS of the `guildhall start` process tree. */
  readonly treeMiB: number;
  /** PSS of the `guildhall start` process alone (the API, the worker and the in-process devnet). */
  readonly nodeMiB: number;
  /** The API process's V8 heap in use, as its /metrics reports it. */
  readonly heapUsedMiB: number;
}

async function sampleMemory(pid: number, graphqlUrl: string, atMs: number): Promise<MemorySample> {
  const metrics = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  const heapUsed = /^guildhall_nodejs_heap_size_used_bytes (\S+)$/m.exec(metrics);
  const { own, tree } = memoryMiBOf(pid);
  return { atMs, treeMiB: tree, nodeMiB: own, heapUsedMiB: Number(heapUsed?.[1] ?? NaN) / 2 ** 20 };
}

/**
 * A full garbage collection in the process whose inspector listens on `port` (twice, so what the
 * first freed through weak references goes too), then a moment for V8 to return the pages.
 */
async function collectGarbage(port: number): Promise<void> {
  const [target] = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{
    webSocketDebuggerUrl: string;
  }>;
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  await once(socket, 'open');
  for (const id of [1, 2]) {
    const answered = new Promise<void>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        if ((JSON.parse((data as Buffer).toString('utf8')) as { id?: number }).id !== id) return;
        socket.off('message', onMessage);
        resolve();
      };
      socket.on('message', onMessage);
    });
    socket.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
    await answered;
  }
  socket.close();
  await sleep(2_000);
}

function memoryReport(
  samples: readonly MemorySample[],
  collected: { warm: MemorySample; end: MemorySample },
): string[] {
  const [cold] = samples;
  const end = samples[samples.length - 1];
  const mib = (value: number) => `${value.toFixed(0)} MiB`;
  const growth = (pick: (sample: MemorySample) => number) => {
    const percent = ((pick(collected.end) - pick(collected.warm)) / pick(collected.warm)) * 100;
    return `${mib(pick(collected.warm))} → ${mib(pick(collected.end))} (${percent >= 0 ? '+' : ''}${percent.toFixed(1)}%)`;
  };
  const minutes = samples.filter(
    (sample, index) =>
      index === 0 || Math.floor(sample.atMs / 60_000) > Math.floor(samples[index - 1].atMs / 60_000),
  );
  const series = (pick: (sample: MemorySample) => number) =>
    (minutes.at(-1) === end ? minutes : [...minutes, end]).map((sample) => pick(sample).toFixed(0)).join(' ');
  return [
    `  memory after a full GC, warm → end: the Node process ${growth((sample) => sample.nodeMiB)}, with its children ${growth((sample) => sample.treeMiB)}, V8 heap in use ${growth((sample) => sample.heapUsedMiB)}; cold (before the load) ${mib(cold.treeMiB)} with its children`,
    `  every minute, no GC asked (MiB): with its children ${series((sample) => sample.treeMiB)}; the Node process ${series((sample) => sample.nodeMiB)}; its V8 heap in use ${series((sample) => sample.heapUsedMiB)}`,
  ];
}

async function soak(store: 'embedded' | 'PostgreSQL'): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'guildhall-soak-'));
  const database = store === 'PostgreSQL' ? await createBenchDatabase(server) : undefined;
  const inspectorPort = await freePort();
  const child = spawn(process.execPath, ['dist/apps/cli/src/main.js', 'start', '--json'], {
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the child inherits this shell's environment
      ...process.env,
      GUILDHALL_HOME: home,
      PORT: String(await freePort()),
      DEVNET_PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      NODE_OPTIONS: `--inspect=127.0.0.1:${inspectorPort}`,
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

    const sample = (atMs: number) => sampleMemory(child.pid!, started.graphql, atMs);
    const samples: MemorySample[] = [await sample(0)];
    const loadStarted = Date.now();
    const sampler = setInterval(() => {
      void sample(Date.now() - loadStarted).then((taken) => samples.push(taken));
    }, SAMPLE_EVERY_MS);
    const warm = sleep(WARM_AFTER_MS).then(async () => {
      await collectGarbage(inspectorPort);
      return sample(Date.now() - loadStarted);
    });
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
    samples.push(await sample(Date.now() - loadStarted));
    await collectGarbage(inspectorPort);
    const collected = { warm: await warm, end: await sample(Date.now() - loadStarted) };
    const missing = await missingVotes(database?.url ?? started.databaseUrl!, report.votes);
    const errors = [...report.errors].map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
    console.log(
      [
        `${store}: ${report.operations} operations in ${seconds} s by ${clients} clients (${Math.round(report.operations / seconds)}/s)`,
        `  errors: ${errors}`,
        `  wrong answers: ${report.wrongAnswers.length}${report.wrongAnswers.length > 0 ? ` (first: ${report.wrongAnswers[0]})` : ''}`,
        `  acknowledged votes: ${report.votes.length} (${Math.round(report.votes.length / seconds)}/s), missing afterwards: ${missing.length}; proposals: ${report.proposals.length}`,
        `  latency p50 ${percentile(report.latenciesMs, 0.5).toFixed(1)} ms, p99 ${percentile(report.latenciesMs, 0.99).toFixed(1)} ms`,
        ...memoryReport(samples, collected),
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
