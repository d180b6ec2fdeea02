import { testConfig } from '@guildhall/config/testing';
import { connectDataSource } from '@guildhall/database';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import type { DataSource } from 'typeorm';
import type { Address } from 'viem';
import { CreditsService } from '../domain/credits.service.js';
import { CreditLedger } from './credit-ledger.js';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;

/** The message of the error `sql` raises (at commit for the deferred balance check), or undefined. */
const refusal = async (dataSource: DataSource, statements: string[]): Promise<string | undefined> => {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN');
    for (const sql of statements) await runner.query(sql);
    await runner.query('COMMIT');
    return undefined;
  } catch (error) {
    await runner.query('ROLLBACK').catch(() => undefined);
    return (error as Error).message;
  } finally {
    await runner.release();
  }
};

describe('the credits ledger in the database itself', () => {
  let db: TestDatabase;
  let credits: CreditsService;
  let daoId: string;
  let typeId: string;
  let issuance: string;
  let alice: string;
  let grantId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    credits = new CreditsService(db.dataSource, new CreditLedger(), testConfig({ databaseUrl: db.url }));
    [{ id: daoId }] = await db.dataSource.query(
      `INSERT INTO dao (slug, name, chain_id, governance_token, safe_address)
       VALUES ('ledger-dao', 'Ledger', 31337, '0x${'1'.repeat(40)}', '0x${'2'.repeat(40)}') RETURNING id`,
    );
    typeId = (
      await credits.createCreditType(daoId, { code: 'GPU_HOURS', name: 'GPU hours', unit: 's', scale: 0 })
    ).id;
    grantId = (
      await credits.grant(daoId, {
        clientKey: 'g-1',
        contributor: ALICE,
        creditType: 'GPU_HOURS',
        amount: 100n,
      })
    ).id;
    [{ id: issuance }] = await db.dataSource.query(`SELECT id FROM credit_account WHERE kind = 'ISSUANCE'`);
    [{ id: alice }] = await db.dataSource.query(`SELECT id FROM credit_account WHERE kind = 'CONTRIBUTOR'`);
  });
  afterAll(() => db.drop());

  const transfer = (id: string, key: string): string =>
    `INSERT INTO credit_transfer (id, dao_id, kind, client_key, body_hash) VALUES ('${id}', '${daoId}', 'GRANT', '${key}', '0x${'0'.repeat(64)}')`;
  const posting = (transferId: string, account: string, amount: number, type = typeId): string =>
    `INSERT INTO credit_posting (transfer_id, account_id, credit_type_id, amount) VALUES ('${transferId}', '${account}', '${type}', ${amount})`;
  const countTransfers = async (): Promise<number> => {
    const [{ n }]: Array<{ n: string }> = await db.dataSource.query(
      `SELECT count(*) AS n FROM credit_transfer`,
    );
    return Number(n);
  };

  it('refuses at commit a transfer whose postings do not balance, or that has a single posting', async () => {
    const before = await countTransfers();
    const id = '10000000-0000-4000-8000-000000000001';
    expect(
      await refusal(db.dataSource, [transfer(id, 'raw-1'), posting(id, alice, 5), posting(id, issuance, -4)]),
    ).toMatch(/does not balance/);
    expect(await refusal(db.dataSource, [transfer(id, 'raw-1'), posting(id, alice, 5)])).toMatch(
      /at least two accounts/,
    );
    expect(await refusal(db.dataSource, [transfer(id, 'raw-1')])).toMatch(/at least two accounts/);
    expect(
      await refusal(db.dataSource, [transfer(id, 'raw-1'), posting(id, alice, 0), posting(id, issuance, 0)]),
    ).toMatch(/credit_posting_nonzero/);
    expect(await countTransfers()).toBe(before);
    // A balanced one goes through.
    const [{ id: sink }]: Array<{ id: string }> = await db.dataSource.query(
      `INSERT INTO credit_account (dao_id, kind, owner) VALUES ($1, 'SPEND', 'raw') RETURNING id`,
      [daoId],
    );
    expect(
      await refusal(db.dataSource, [transfer(id, 'raw-1'), posting(id, issuance, -5), posting(id, sink, 5)]),
    ).toBeUndefined();
  });

  it('refuses UPDATE, DELETE and TRUNCATE of transfers and postings, and postings added to an old transfer', async () => {
    for (const sql of [
      `UPDATE credit_posting SET amount = amount * 2`,
      `DELETE FROM credit_posting`,
      `UPDATE credit_transfer SET reference = 'edited'`,
      `DELETE FROM credit_transfer`,
      `TRUNCATE credit_transfer CASCADE`,
      `TRUNCATE credit_posting`,
      `TRUNCATE credit_grant_use`,
    ]) {
      expect([sql, await refusal(db.dataSource, [sql])]).toEqual([sql, expect.stringMatching(/append-only/)]);
    }
    expect(
      await refusal(db.dataSource, [posting(grantId, alice, 7), posting(grantId, issuance, -7)]),
    ).toMatch(/its own transaction/);
  });

  it('creates an account’s balance row once when two transactions post its first amount at the same time', async () => {
    const fresh = (
      await credits.createCreditType(daoId, { code: 'FRESH', name: 'Fresh', unit: 'u', scale: 0 })
    ).id;
    const [{ id: sink }]: Array<{ id: string }> = await db.dataSource.query(
      `INSERT INTO credit_account (dao_id, kind, owner) VALUES ($1, 'SPEND', 'race') RETURNING id`,
      [daoId],
    );
    const [a, b] = [db.dataSource.createQueryRunner(), db.dataSource.createQueryRunner()];
    const [first, second] = ['20000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002'];
    try {
      await a.query('BEGIN');
      await b.query('BEGIN');
      await a.query(transfer(first, 'race-a'));
      await a.query(posting(first, issuance, -5, fresh));
      await b.query(transfer(second, 'race-b'));
      // Waits on the row `a` inserted, then adds to it once `a` commits.
      const waiting = b.query(posting(second, issuance, -7, fresh));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await a.query(posting(first, sink, 5, fresh));
      await a.query('COMMIT');
      await waiting;
      await b.query(posting(second, sink, 7, fresh));
      await b.query('COMMIT');
    } finally {
      await a.release();
      await b.release();
    }
    const rows: Array<{ balance: string }> = await db.dataSource.query(
      `SELECT balance FROM credit_balance WHERE account_id = $1 AND credit_type_id = $2`,
      [issuance, fresh],
    );
    expect(rows).toEqual([{ balance: '-12' }]);
    expect(await credits.consistency(daoId)).toEqual({
      balances: [],
      held: [],
      lots: [],
      unbalancedTransfers: [],
    });
  });

  it('refuses a balance below what is held, and the consistency query reports a balance edited by hand', async () => {
    expect(
      await refusal(db.dataSource, [
        `UPDATE credit_balance SET held = balance + 1 WHERE account_id = '${alice}'`,
      ]),
    ).toMatch(/credit_balance_covered/);
    expect(await credits.consistency(daoId)).toEqual({
      balances: [],
      held: [],
      lots: [],
      unbalancedTransfers: [],
    });
    await db.dataSource.query(
      `UPDATE credit_balance SET balance = balance + 1 WHERE account_id = '${alice}'`,
    );
    const report = await credits.consistency(daoId);
    expect(report.balances).toEqual([
      { accountId: alice, creditTypeId: typeId, stored: 101n, postings: 100n },
    ]);
    expect(report.lots).toEqual([{ accountId: alice, creditTypeId: typeId, balance: 101n, lots: 100n }]);
    await db.dataSource.query(
      `UPDATE credit_balance SET balance = balance - 1 WHERE account_id = '${alice}'`,
    );
  });

  it('keeps every acknowledged transfer and holds together when the connections die in the middle of a batch', async () => {
    const batch = await connectDataSource({ url: `${db.url}?application_name=credits-batch`, poolSize: 4 });
    const service = new CreditsService(batch, new CreditLedger(), testConfig({ databaseUrl: db.url }));
    await credits.grant(daoId, {
      clientKey: 'g-batch',
      contributor: ALICE,
      creditType: 'GPU_HOURS',
      amount: 10_000n,
    });
    const acknowledged: string[] = [];
    let stop = false;
    const client = async (n: number): Promise<void> => {
      for (let i = 0; !stop; i += 1) {
        try {
          const spent = await service.spend(daoId, {
            clientKey: `batch-${n}-${i}`,
            contributor: ALICE,
            service: 'gateway',
            creditType: 'GPU_HOURS',
            amount: 1n,
          });
          acknowledged.push(spent.id);
        } catch {
          return; // the connection was killed under it
        }
      }
    };
    const clients = Array.from({ length: 4 }, (_, n) => client(n));
    while (acknowledged.length < 40) await new Promise((resolve) => setTimeout(resolve, 5));
    const killed: unknown[] = await db.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'credits-batch'`,
    );
    stop = true;
    await Promise.all(clients);
    await batch.destroy().catch(() => undefined);
    expect(killed.length).toBeGreaterThan(0);

    const stored: Array<{ id: string }> = await db.dataSource.query(
      `SELECT id FROM credit_transfer WHERE id = ANY($1::uuid[])`,
      [acknowledged],
    );
    expect(stored.length).toBe(acknowledged.length);
    expect(await credits.consistency(null)).toEqual({
      balances: [],
      held: [],
      lots: [],
      unbalancedTransfers: [],
    });
  });
});
