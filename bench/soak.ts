/**
 * The hardening soak: the mixed load (45% signed votes, 5% signed proposals, 50% reads) from 32
 * concurrent GraphQL clients against `guildhall start`, for 10 minutes on its embedded PostgreSQL
 * and then for 10 minutes with DATABASE_URL on the PostgreSQL server at TEST_DATABASE_URL. Prints,
 * per store: operations, errors by code, reads that answered wrong rows, acknowledged votes missing
 * afterwards, votes/s, p50/p99 latency, and the memory of the `guildhall start` process tree (PSS,
 * its PostgreSQL included) at the start and at the end.
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

    const memoryAtStart = memoryMiBOf(child.pid!);
    const report = await runMixedLoad({
      graphqlUrl: started.graphql,
      chainId,
      dao: started.demoDao,
      voters,
      proposer: privateKeyToAccount(started.devAccounts[5].privateKey),
      clients,
      durationMs: seconds * 1000,
    });
    const memoryAtEnd = memoryMiBOf(child.pid!);
    const missing = await missingVotes(database?.url ?? started.databaseUrl!, report.votes);
    const errors = [...report.errors].map(([code, count]) => `${code} ${count}`).join(', ') || 'none';
    console.log(
      [
        `${store}: ${report.operations} operations in ${seconds} s by ${clients} clients (${Math.round(report.operations / seconds)}/s)`,
        `  errors: ${errors}`,
        `  wrong answers: ${report.wrongAnswers.length}${report.wrongAnswers.length > 0 ? ` (first: ${report.wrongAnswers[0]})` : ''}`,
        `  acknowledged votes: ${report.votes.length} (${Math.round(report.votes.length / seconds)}/s), missing afterwards: ${missing.length}; proposals: ${report.proposals.length}`,
        `  latency p50 ${percentile(report.latenciesMs, 0.5).toFixed(1)} ms, p99 ${percentile(report.latenciesMs, 0.99).toFixed(1)} ms`,
        `  memory (PSS of guildhall start and its children): ${memoryAtStart.toFixed(0)} MiB at start, ${memoryAtEnd.toFixed(0)} MiB at end (${(((memoryAtEnd - memoryAtStart) / memoryAtStart) * 100).toFixed(1)}%)`,
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
