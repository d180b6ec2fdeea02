/**
 * The credits ledger through its service layer on PostgreSQL (docs/credits.md): spends — double-entry
 * transfers from a contributor's account to a service's spend account, each one transaction with its
 * idempotency key, grant lots and balance rows — from concurrent clients across many contributors.
 *
 *   npm run bench:credits                                   # 1,000,000 transfers, 10,000 accounts, 16 clients
 *   npm run bench:credits -- --transfers 100000             # a smaller run first on a shared machine
 *   npm run bench:credits -- --transfers 100000 --accounts 10000 --clients 16 --services 4 --reads 2000
 *
 * Reports transfers/s, p50 and p99 per transfer, what PostgreSQL spent per transfer (the CPU time of
 * the bench's own backends, read from /proc, and the database's block and WAL figures from
 * pg_stat_database / pg_stat_wal), then the p50/p99 of reading the balance of the busiest spend
 * account (the one that received the most postings) and checks the ledger's consistency query.
 * Every contributor first gets one grant (not timed with the transfers), then the database is
 * analyzed, as autovacuum would have it in service. All spends go to
 * `--services` spend accounts: many contributors into few receiving rows, the case the ledger's
 * locking must not serialize.
 *
 * Needs PostgreSQL at TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), on
 * this machine (the backends' CPU is read from /proc).
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { testConfig } from '@guildhall/config/testing';
import { CreditsService } from '@guildhall/credits';
import { createDataSource } from '@guildhall/database';
import { entities } from '@guildhall/platform';
import { privateKeyToAddress } from 'viem/accounts';
import { CreditLedger } from '../libs/credits/src/datasources/credit-ledger.js';
import { createBenchDatabase } from './support/bench-stack.js';

// eslint-disable-next-line no-restricted-syntax -- a bench reads its sizes and server from the shell, as the tests do
const env = process.env;
const { values: flags } = parseArgs({
  options: {
    transfers: { type: 'string' },
    accounts: { type: 'string' },
    clients: { type: 'string' },
    services: { type: 'string' },
    reads: { type: 'string' },
  },
});
const count = (flag: string | undefined, fallback: number): number => {
  const value = Number(flag ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`not a count: ${flag}`);
  return value;
};
const transfers = count(flags.transfers, 1_000_000);
const accounts = count(flags.accounts, 10_000);
const clients = count(flags.clients, 16);
const services = count(flags.services, 4);
const reads = count(flags.reads, 2_000);
const server = env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const CLOCK_TICKS = 100;
const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
const ms = (value: number): string => `${value.toFixed(2)} ms`;
const n = (value: number): string => Math.round(value).toLocaleString('en-US');

/** User + system CPU seconds of the given processes, from /proc (a backend that exited counts 0). */
const cpuSeconds = (pids: readonly number[]): number =>
  pids.reduce((sum, pid) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      return sum;
    }
  }, 0);

async function main(): Promise<void> {
  const database = await createBenchDatabase(server);
  const dataSource = await createDataSource({
    url: database.url,
    entities,
    poolSize: clients + 2,
  }).initialize();
  try {
    const credits = new CreditsService(
      dataSource,
      new CreditLedger(),
      testConfig({ databaseUrl: database.url }),
    );
    const [{ id: daoId }]: Array<{ id: string }> = await dataSource.query(
      `INSERT INTO dao (slug, name, chain_id, governance_token, safe_address)
       VALUES ('bench', 'bench', 31337, '0x${'1'.repeat(40)}', '0x${'2'.repeat(40)}') RETURNING id`,
    );
    await credits.createCreditType(daoId, { code: 'GPU', name: 'GPU seconds', unit: 'GPU-second', scale: 0 });
    const contributors = Array.from({ length: accounts }, (_, index) =>
      privateKeyToAddress(`0x${(index + 1).toString(16).padStart(64, '0')}`),
    );
    const perAccount = BigInt(Math.ceil(transfers / accounts) * 10 + 1_000);
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average before ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`;
    process.stdout.write(
      `bench:credits — ${n(transfers)} spends across ${n(accounts)} contributors into ${services} spend accounts, ${clients} clients\n${machine}\n`,
    );

    const pool = async (total: number, work: (index: number) => Promise<void>): Promise<number[]> => {
      const latencies = new Array<number>(total);
      let next = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          for (let index = next++; index < total; index = next++) {
            const start = performance.now();
            await work(index);
            latencies[index] = performance.now() - start;
          }
        }),
      );
      return latencies;
    };

    let started = performance.now();
    await pool(accounts, (index) =>
      credits
        .grant(daoId, {
          clientKey: `grant-${index}`,
          contributor: contributors[index],
          creditType: 'GPU',
          amount: perAccount,
        })
        .then(() => undefined),
    );
    process.stdout.write(
      `grants: ${n(accounts)} in ${((performance.now() - started) / 1000).toFixed(1)} s (not timed below)\n`,
    );
    // A fresh database has no statistics until autovacuum gets to it (late, on a busy machine): without
    // them the planner reads a transfer back by hashing every account (160 buffers instead of 10).
    // A ledger in service has them, so the bench measures with them.
    await dataSource.query('ANALYZE');

    const backends = async (): Promise<number[]> =>
      (
        await dataSource.query<Array<{ pid: number }>>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
      ).map((row) => row.pid);
    const stats = async () =>
      (
        await dataSource.query<
          Array<{
            commits: string;
            hit: string;
            read: string;
            inserted: string;
            updated: string;
            wal: string;
          }>
        >(
          `SELECT xact_commit AS commits, blks_hit AS hit, blks_read AS read, tup_inserted AS inserted,
                  tup_updated AS updated, (SELECT wal_bytes FROM pg_stat_wal) AS wal
             FROM pg_stat_database WHERE datname = current_database()`,
        )
      )[0];
    // Every pooled connection open before the timed part, so the backends measured are all of them.
    await Promise.all(Array.from({ length: clients }, () => dataSource.query('SELECT pg_sleep(0.05)')));
    const pids = await backends();
    await dataSource.query('SELECT pg_stat_clear_snapshot()');
    const before = await stats();
    const cpuBefore = cpuSeconds(pids);
    const loadBefore = loadavg()[0];
    started = performance.now();
    const latencies = await pool(transfers, async (index) => {
      await credits.spend(daoId, {
        clientKey: `spend-${index}`,
        contributor: contributors[index % accounts],
        service: `service-${index % services}`,
        creditType: 'GPU',
        amount: BigInt(1 + (index % 7)),
      });
      if (index > 0 && index % 100_000 === 0)
        process.stdout.write(`  ${n(index)} (${n(index / ((performance.now() - started) / 1000))}/s)\n`);
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(pids) - cpuBefore;
    await new Promise((resolve) => setTimeout(resolve, 600)); // pg_stat_database is flushed at most every 500 ms
    await dataSource.query('SELECT pg_stat_clear_snapshot()');
    const after = await stats();
    const delta = (field: keyof typeof after): number =>
      (Number(after[field]) - Number(before[field])) / transfers;
    const sorted = latencies.sort((a, b) => a - b);
    process.stdout.write(
      `transfers: ${n(transfers)} in ${seconds.toFixed(1)} s = ${n(transfers / seconds)}/s; per transfer p50 ${ms(
        percentile(sorted, 50),
      )}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1])}\n` +
        `PostgreSQL per transfer: ${((cpu / transfers) * 1e6).toFixed(0)} µs CPU of the bench's ${pids.length} backends, ` +
        `${delta('commits').toFixed(2)} commits, ${delta('hit').toFixed(1)} buffer hits, ${delta('read').toFixed(2)} blocks read, ` +
        `${delta('inserted').toFixed(1)} rows inserted, ${delta('updated').toFixed(1)} rows updated, ${n(delta('wal'))} WAL bytes\n` +
        `load average during (1 min, at the end): ${loadavg()[0].toFixed(2)} (at the start ${loadBefore.toFixed(2)})\n`,
    );

    const [busiest]: Array<{ account_id: string; postings: string }> = await dataSource.query(
      `SELECT account_id, count(*) AS postings FROM credit_posting p JOIN credit_account a ON a.id = p.account_id
        WHERE a.kind = 'SPEND' GROUP BY account_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const readLatencies: number[] = [];
    for (let index = 0; index < reads; index += 1) {
      const start = performance.now();
      await credits.accountBalances(busiest.account_id);
      readLatencies.push(performance.now() - start);
    }
    readLatencies.sort((a, b) => a - b);
    process.stdout.write(
      `balance read of a spend account with ${n(Number(busiest.postings))} postings, ${n(reads)} reads: p50 ${ms(
        percentile(readLatencies, 50),
      )}, p99 ${ms(percentile(readLatencies, 99))}\n`,
    );
    started = performance.now();
    const report = await credits.consistency(daoId);
    const ok = Object.values(report).every((list) => (list as unknown[]).length === 0);
    process.stdout.write(
      `consistency query: ${ok ? 'holds' : 'FAILS'} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await dataSource.destroy();
    await database.drop();
  }
}

await main();
