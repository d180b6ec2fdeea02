import { testConfig } from '@guildhall/config/testing';
import { createTestDatabase, type TestDatabase } from '@guildhall/database/testing';
import { GuildhallError } from '@guildhall/core';
import fc from 'fast-check';
import type { Address } from 'viem';
import { CreditLedger } from '../datasources/credit-ledger.js';
import { isConsistent } from './credits.js';
import { CreditsError } from './credits.error.js';
import { CreditsService } from './credits.service.js';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;
const HOUR = 3600_000;

const codeOf = async (attempt: Promise<unknown>): Promise<string> => {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof GuildhallError) return error.code as string;
    throw error;
  }
  throw new Error('expected a typed error');
};

describe('CreditsService on PostgreSQL', () => {
  let db: TestDatabase;
  let credits: CreditsService;
  let daoId: string;
  let otherDaoId: string;
  let keys = 0;
  const key = (): string => `k-${(keys += 1)}`;

  /** Every row count of the ledger's tables and every balance: to show a refused write wrote nothing. */
  const snapshot = async (): Promise<unknown> =>
    db.dataSource.query(`SELECT
        (SELECT count(*) FROM credit_transfer) AS transfers, (SELECT count(*) FROM credit_posting) AS postings,
        (SELECT count(*) FROM credit_hold) AS holds, (SELECT count(*) FROM credit_grant_use) AS uses,
        (SELECT json_agg(b ORDER BY account_id, credit_type_id) FROM credit_balance b) AS balances,
        (SELECT json_agg(g ORDER BY transfer_id) FROM credit_grant g) AS grants,
        (SELECT json_agg(h ORDER BY id) FROM credit_hold h) AS hold_rows`);

  const createDao = async (slug: string): Promise<string> => {
    const [{ id }]: Array<{ id: string }> = await db.dataSource.query(
      `INSERT INTO dao (slug, name, chain_id, governance_token, safe_address)
       VALUES ($1, $1, 31337, '0x${'1'.repeat(40)}', '0x${'2'.repeat(40)}') RETURNING id`,
      [slug],
    );
    return id;
  };

  const balanceOf = async (dao: string, who: Address, code = 'GPU_HOURS') => {
    const types = await credits.creditTypes(dao);
    const type = types.find((t) => t.code === code)!;
    return (await credits.balances(dao, who)).find((b) => b.creditTypeId === type.id);
  };

  const expectConsistent = async (): Promise<void> => {
    const report = await credits.consistency(null);
    expect(report).toEqual({ balances: [], held: [], lots: [], unbalancedTransfers: [] });
    const negative: unknown[] = await db.dataSource.query(
      `SELECT b.* FROM credit_balance b JOIN credit_account a ON a.id = b.account_id
        WHERE a.kind <> 'ISSUANCE' AND (b.balance < 0 OR b.balance - b.held < 0)`,
    );
    expect(negative).toEqual([]);
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    credits = new CreditsService(db.dataSource, new CreditLedger(), testConfig({ databaseUrl: db.url }));
    daoId = await createDao('credits-dao');
    otherDaoId = await createDao('other-dao');
    for (const dao of [daoId, otherDaoId]) {
      await credits.createCreditType(dao, {
        code: 'GPU_HOURS',
        name: 'GPU hours',
        unit: 'GPU-second',
        scale: 0,
      });
      await credits.createCreditType(dao, {
        code: 'TOKENS',
        name: 'Inference tokens',
        unit: 'token',
        scale: 3,
      });
    }
  });
  afterAll(() => db.drop());

  it('grants, then spends the earliest-expiring grant first, no-expiry last, and records what each spend took', async () => {
    const now = Date.now();
    const never = await credits.grant(daoId, {
      clientKey: key(),
      contributor: ALICE,
      creditType: 'GPU_HOURS',
      amount: 100n,
    });
    const late = await credits.grant(daoId, {
      clientKey: key(),
      contributor: ALICE,
      creditType: 'GPU_HOURS',
      amount: 50n,
      expiresAt: new Date(now + 48 * HOUR),
    });
    const soon = await credits.grant(daoId, {
      clientKey: key(),
      contributor: ALICE,
      creditType: 'GPU_HOURS',
      amount: 30n,
      expiresAt: new Date(now + HOUR),
    });
    expect(never.kind).toBe('GRANT');
    expect(never.postings.map((p) => p.amount).sort()).toEqual([-100n, 100n]);

    const spend = await credits.spend(daoId, {
      clientKey: key(),
      contributor: ALICE,
      service: 'gpu-scheduler',
      creditType: 'GPU_HOURS',
      amount: 60n,
      reference: 'job-1',
    });
    expect(spend.kind).toBe('SPEND');
    const uses: Array<{ grant_id: string; amount: string }> = await db.dataSource.query(
      `SELECT grant_id, amount FROM credit_grant_use WHERE transfer_id = $1 ORDER BY amount DESC`,
      [spend.id],
    );
    expect(uses).toEqual([
      { grant_id: soon.id, amount: '30' },
      { grant_id: late.id, amount: '30' },
    ]);
    expect(await balanceOf(daoId, ALICE)).toMatchObject({ balance: 120n, held: 0n, available: 120n });
    const grants = await credits.grants(daoId, ALICE);
    expect(grants.map((g) => [g.id, g.remaining])).toEqual([
      [soon.id, 0n],
      [late.id, 20n],
      [never.id, 100n],
    ]);
    await expectConsistent();
  });

  it('replays a client key with the same body and refuses it with another body, writing nothing', async () => {
    const request = { clientKey: key(), contributor: BOB, creditType: 'GPU_HOURS', amount: 10n };
    const first = await credits.grant(daoId, request);
    expect(await credits.grant(daoId, request)).toEqual(first);
    const before = await snapshot();
    expect(await codeOf(credits.grant(daoId, { ...request, amount: 11n }))).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await snapshot()).toEqual(before);
    // The same key in another DAO is another key.
    const other = await credits.grant(otherDaoId, request);
    expect(other.id).not.toBe(first.id);

    // Concurrent requests with one key: one transfer, every caller gets it.
    const spendRequest = {
      clientKey: key(),
      contributor: BOB,
      service: 'gateway',
      creditType: 'GPU_HOURS',
      amount: 1n,
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => credits.spend(daoId, spendRequest)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await balanceOf(daoId, BOB)).toMatchObject({ balance: 9n });
    await expectConsistent();
  });

  it('refuses each bad input with a typed error and writes nothing', async () => {
    const who = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as Address;
    await credits.grant(daoId, { clientKey: key(), contributor: who, creditType: 'GPU_HOURS', amount: 20n });
    const hold = await credits.holdCredits(daoId, {
      clientKey: key(),
      contributor: who,
      service: 'gateway',
      creditType: 'GPU_HOURS',
      amount: 5n,
      timeoutSeconds: 60,
    });
    const spend = { contributor: who, service: 'gateway', creditType: 'GPU_HOURS' };
    const before = await snapshot();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['NEGATIVE_AMOUNT', () => credits.spend(daoId, { ...spend, clientKey: key(), amount: -1n })],
      ['NEGATIVE_AMOUNT', () => credits.spend(daoId, { ...spend, clientKey: key(), amount: 0n })],
      [
        'NEGATIVE_AMOUNT',
        () =>
          credits.grant(daoId, { clientKey: key(), contributor: who, creditType: 'GPU_HOURS', amount: -5n }),
      ],
      [
        'UNKNOWN_CREDIT_TYPE',
        () => credits.spend(daoId, { ...spend, clientKey: key(), creditType: 'FLOPS', amount: 1n }),
      ],
      [
        'UNKNOWN_CREDIT_TYPE',
        () => credits.grant(daoId, { clientKey: key(), contributor: who, creditType: 'NOPE', amount: 1n }),
      ],
      // 20 granted, 5 held: 15 available.
      ['INSUFFICIENT_CREDITS', () => credits.spend(daoId, { ...spend, clientKey: key(), amount: 16n })],
      [
        'INSUFFICIENT_CREDITS',
        () => credits.holdCredits(daoId, { ...spend, clientKey: key(), amount: 16n, timeoutSeconds: 60 }),
      ],
      [
        'INSUFFICIENT_CREDITS',
        () => credits.spend(daoId, { ...spend, clientKey: key(), creditType: 'TOKENS', amount: 1n }),
      ],
      ['HOLD_EXCEEDED', () => credits.capture(daoId, { clientKey: key(), holdId: hold.id, amount: 6n })],
      ['NEGATIVE_AMOUNT', () => credits.capture(daoId, { clientKey: key(), holdId: hold.id, amount: 0n })],
      ['WRONG_DAO', () => credits.capture(otherDaoId, { clientKey: key(), holdId: hold.id, amount: 1n })],
      ['WRONG_DAO', () => credits.voidHold(otherDaoId, hold.id)],
      ['HOLD_NOT_FOUND', () => credits.voidHold(daoId, '00000000-0000-4000-8000-000000000000')],
      [
        'INVALID_HOLD_TIMEOUT',
        () => credits.holdCredits(daoId, { ...spend, clientKey: key(), amount: 1n, timeoutSeconds: 0 }),
      ],
      [
        'INVALID_SERVICE',
        () => credits.spend(daoId, { ...spend, service: 'Not A Service', clientKey: key(), amount: 1n }),
      ],
      ['INVALID_CLIENT_KEY', () => credits.spend(daoId, { ...spend, clientKey: '', amount: 1n })],
      [
        'INVALID_TEXT',
        () => credits.spend(daoId, { ...spend, clientKey: key(), amount: 1n, reference: 'a\u0000b' }),
      ],
      [
        'INVALID_GRANT_WINDOW',
        () =>
          credits.grant(daoId, {
            clientKey: key(),
            contributor: who,
            creditType: 'GPU_HOURS',
            amount: 1n,
            expiresAt: new Date(8.64e15),
          }),
      ],
      [
        'INVALID_GRANT_WINDOW',
        () =>
          credits.grant(daoId, {
            clientKey: key(),
            contributor: who,
            creditType: 'GPU_HOURS',
            amount: 1n,
            expiresAt: new Date(Date.now() - HOUR),
          }),
      ],
    ];
    for (const [code, attempt] of attempts) expect([code, await codeOf(attempt())]).toEqual([code, code]);
    expect(await snapshot()).toEqual(before);

    await credits.voidHold(daoId, hold.id);
    const afterVoid = await snapshot();
    expect(await codeOf(credits.capture(daoId, { clientKey: key(), holdId: hold.id, amount: 1n }))).toBe(
      'HOLD_NOT_ACTIVE',
    );
    expect((await credits.voidHold(daoId, hold.id)).status).toBe('VOIDED');
    expect(await snapshot()).toEqual(afterVoid);
    await expectConsistent();
  });

  it('holds, captures part (the rest released), voids, and the worker expires timed-out holds', async () => {
    const who = '0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65' as Address;
    await credits.grant(daoId, { clientKey: key(), contributor: who, creditType: 'TOKENS', amount: 1000n });
    const base = { contributor: who, service: 'inference-gateway', creditType: 'TOKENS' };
    const hold = await credits.holdCredits(daoId, {
      ...base,
      clientKey: key(),
      amount: 400n,
      timeoutSeconds: 60,
    });
    expect(await balanceOf(daoId, who, 'TOKENS')).toMatchObject({
      balance: 1000n,
      held: 400n,
      available: 600n,
    });
    const captureKey = key();
    const captured = await credits.capture(daoId, { clientKey: captureKey, holdId: hold.id, amount: 250n });
    expect(captured).toMatchObject({ status: 'CAPTURED', captured: 250n });
    expect(await credits.capture(daoId, { clientKey: captureKey, holdId: hold.id, amount: 250n })).toEqual(
      captured,
    );
    expect(await balanceOf(daoId, who, 'TOKENS')).toMatchObject({ balance: 750n, held: 0n, available: 750n });

    // A capture larger than what is available besides the hold (750 − 700 held = 50).
    const most = await credits.holdCredits(daoId, {
      ...base,
      clientKey: key(),
      amount: 700n,
      timeoutSeconds: 60,
    });
    await credits.capture(daoId, { clientKey: key(), holdId: most.id, amount: 700n });
    expect(await balanceOf(daoId, who, 'TOKENS')).toMatchObject({ balance: 50n, held: 0n, available: 50n });
    await credits.grant(daoId, { clientKey: key(), contributor: who, creditType: 'TOKENS', amount: 700n });

    const voided = await credits.holdCredits(daoId, {
      ...base,
      clientKey: key(),
      amount: 100n,
      timeoutSeconds: 60,
    });
    await credits.voidHold(daoId, voided.id);
    const lapsing = await credits.holdCredits(daoId, {
      ...base,
      clientKey: key(),
      amount: 700n,
      timeoutSeconds: 1,
    });
    expect(await codeOf(credits.spend(daoId, { ...base, clientKey: key(), amount: 51n }))).toBe(
      'INSUFFICIENT_CREDITS',
    );
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Past its timeout, before the worker: it cannot be captured.
    expect(await codeOf(credits.capture(daoId, { clientKey: key(), holdId: lapsing.id, amount: 1n }))).toBe(
      'HOLD_EXPIRED',
    );
    expect(await credits.expireHolds()).toBeGreaterThanOrEqual(1);
    expect((await credits.hold(daoId, lapsing.id)).status).toBe('EXPIRED');
    expect(await codeOf(credits.capture(daoId, { clientKey: key(), holdId: lapsing.id, amount: 1n }))).toBe(
      'HOLD_EXPIRED',
    );
    expect(await balanceOf(daoId, who, 'TOKENS')).toMatchObject({ balance: 750n, held: 0n, available: 750n });
    await expectConsistent();
  });

  it('expires only the true remainder of a grant, with an EXPIRY transfer, and later what a hold gave back', async () => {
    const who = '0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc' as Address;
    const now = Date.now();
    const grant = await credits.grant(daoId, {
      clientKey: key(),
      contributor: who,
      creditType: 'GPU_HOURS',
      amount: 100n,
      expiresAt: new Date(now + HOUR),
    });
    await credits.grant(daoId, { clientKey: key(), contributor: who, creditType: 'GPU_HOURS', amount: 10n });
    const base = { contributor: who, service: 'gpu-scheduler', creditType: 'GPU_HOURS' };
    await credits.spend(daoId, { ...base, clientKey: key(), amount: 30n });
    const hold = await credits.holdCredits(daoId, {
      ...base,
      clientKey: key(),
      amount: 20n,
      timeoutSeconds: 600,
    });

    expect(await credits.expireGrants(new Date(now + 2 * HOUR))).toBe(1);
    const page = await credits.transfers(daoId, { contributor: who, first: 1 });
    expect(page.nodes[0]).toMatchObject({ kind: 'EXPIRY', reference: grant.id });
    expect(page.nodes[0].postings.map((p) => p.amount).sort()).toEqual([-50n, 50n]);
    // 10 (no expiry) + 20 held from the expired grant.
    expect(await balanceOf(daoId, who)).toMatchObject({ balance: 30n, held: 20n, available: 10n });
    await expectConsistent();

    await credits.voidHold(daoId, hold.id);
    expect(await credits.expireGrants(new Date(now + 2 * HOUR))).toBe(1);
    expect(await balanceOf(daoId, who)).toMatchObject({ balance: 10n, held: 0n, available: 10n });
    expect((await credits.grants(daoId, who)).find((g) => g.id === grant.id)?.remaining).toBe(0n);
    await expectConsistent();
  });

  it('never overdraws under many concurrent spends and holds on one account', async () => {
    const who = '0x976EA74026E726554dB657fA54763abd0C3a0aa9' as Address;
    await credits.grant(daoId, { clientKey: key(), contributor: who, creditType: 'GPU_HOURS', amount: 100n });
    const base = { contributor: who, service: 'gpu-scheduler', creditType: 'GPU_HOURS' };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0
          ? credits.holdCredits(daoId, { ...base, clientKey: key(), amount: 7n, timeoutSeconds: 60 })
          : credits.spend(daoId, { ...base, clientKey: key(), amount: 7n }),
      ),
    );
    const done = outcomes.filter((o) => o.status === 'fulfilled').length;
    const refused = outcomes.filter(
      (o) => o.status === 'rejected' && (o.reason as CreditsError).code === 'INSUFFICIENT_CREDITS',
    ).length;
    expect([done, refused]).toEqual([14, 26]);
    const balance = await balanceOf(daoId, who);
    expect(balance!.available).toBe(2n);
    await expectConsistent();
  });

  it('keeps every invariant through random grants, holds, captures, voids, spends and expiries (property)', async () => {
    const people = [
      '0x14dC79964da2C08b23698B3D3cc7Ca32193d9955',
      '0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f',
      '0xa0Ee7A142d267C1f36714E4a8F75612F20a79720',
    ] as Address[];
    const types = ['GPU_HOURS', 'TOKENS'];
    const holds: string[] = [];
    const start = Date.now();
    let clock = start + 10 * HOUR;
    const command = fc.oneof(
      fc.record({
        op: fc.constant('grant' as const),
        who: fc.nat(2),
        type: fc.nat(1),
        amount: fc.bigInt(1n, 50n),
        expiresInHours: fc.option(fc.integer({ min: 1, max: 30 })),
      }),
      fc.record({
        op: fc.constant('spend' as const),
        who: fc.nat(2),
        type: fc.nat(1),
        amount: fc.bigInt(-1n, 40n),
      }),
      fc.record({
        op: fc.constant('hold' as const),
        who: fc.nat(2),
        type: fc.nat(1),
        amount: fc.bigInt(1n, 40n),
      }),
      fc.record({ op: fc.constant('capture' as const), hold: fc.nat(50), amount: fc.bigInt(0n, 45n) }),
      fc.record({ op: fc.constant('void' as const), hold: fc.nat(50) }),
      fc.record({ op: fc.constant('expire' as const), hours: fc.integer({ min: 1, max: 10 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 25 }), async (commands) => {
        for (const c of commands) {
          const run = async (): Promise<unknown> => {
            switch (c.op) {
              case 'grant':
                return credits.grant(daoId, {
                  clientKey: key(),
                  contributor: people[c.who],
                  creditType: types[c.type],
                  amount: c.amount,
                  expiresAt: c.expiresInHours === null ? null : new Date(start + c.expiresInHours * HOUR),
                });
              case 'spend':
                return credits.spend(daoId, {
                  clientKey: key(),
                  contributor: people[c.who],
                  service: 'svc',
                  creditType: types[c.type],
                  amount: c.amount,
                });
              case 'hold': {
                const hold = await credits.holdCredits(daoId, {
                  clientKey: key(),
                  contributor: people[c.who],
                  service: 'svc',
                  creditType: types[c.type],
                  amount: c.amount,
                  timeoutSeconds: 3600,
                });
                holds.push(hold.id);
                return hold;
              }
              case 'capture':
                if (holds.length === 0) return undefined;
                return credits.capture(daoId, {
                  clientKey: key(),
                  holdId: holds[c.hold % holds.length],
                  amount: c.amount,
                });
              case 'void':
                if (holds.length === 0) return undefined;
                return credits.voidHold(daoId, holds[c.hold % holds.length]);
              case 'expire':
                clock += c.hours * HOUR;
                await credits.expireHolds(new Date(clock));
                return credits.expireGrants(new Date(clock));
            }
          };
          try {
            await run();
          } catch (error) {
            // Refusals are part of the game; anything else fails the property.
            if (!(error instanceof CreditsError)) throw error;
          }
        }
        const report = await credits.consistency(daoId);
        const broken: unknown[] = await db.dataSource.query(
          `SELECT b.* FROM credit_balance b JOIN credit_account a ON a.id = b.account_id
            WHERE a.kind <> 'ISSUANCE' AND (b.balance < 0 OR b.balance - b.held < 0)`,
        );
        const totals: Array<{ total: string }> = await db.dataSource.query(
          `SELECT sum(b.balance)::text AS total FROM credit_balance b JOIN credit_account a ON a.id = b.account_id
            WHERE a.dao_id = $1 GROUP BY b.credit_type_id`,
          [daoId],
        );
        return isConsistent(report) && broken.length === 0 && totals.every((t) => t.total === '0');
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
