import { CreditsService } from '@guildhall/credits';
import {
  CreateCreditTypeDocument,
  CreateDaoDocument,
  CreditBalancesDocument,
  CreditGrantsDocument,
  CreditHoldsDocument,
  CreditsConsistencyDocument,
  CreditTransfersDocument,
  GrantCreditsDocument,
} from '@guildhall/sdk';
import { CliRunner } from '../apps/cli/src/testing/cli-runner.js';
import { devSigner, permissiveRules, sleep } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'credit-guild';

describe('Credits through the API: signed admin writes, service spends and holds, the worker expires (real PostgreSQL, devnet)', () => {
  let stack: TestStack;
  let api: TestApi;
  const admin = devSigner(5);
  const contributor = devSigner(6);
  const counts = async (): Promise<unknown> =>
    stack.database.dataSource.query(
      `SELECT (SELECT count(*) FROM credit_type) AS types, (SELECT count(*) FROM credit_transfer) AS transfers,
              (SELECT count(*) FROM signed_message) AS messages`,
    );

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Credit Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
  });
  afterAll(() => stack?.close());

  it('lets an admin create a credit type and grant credits (replays answer the first result), and no one else', async () => {
    const type = await admin.createCreditType({
      dao: DAO,
      code: 'GPU_HOURS',
      name: 'GPU hours',
      unit: 'GPU-second',
      scale: 0,
    });
    const { createCreditType } = await api.client.request(CreateCreditTypeDocument, type);
    expect(createCreditType).toMatchObject({ code: 'GPU_HOURS', unit: 'GPU-second', scale: 0 });
    expect((await api.client.request(CreateCreditTypeDocument, type)).createCreditType.id).toBe(
      createCreditType.id,
    );

    const grant = await admin.grantCredits({
      dao: DAO,
      contributor: contributor.address,
      creditType: 'GPU_HOURS',
      amount: 100n,
      reference: 'round 1',
    });
    const { grantCredits } = await api.client.request(GrantCreditsDocument, grant);
    expect(grantCredits).toMatchObject({ kind: 'GRANT', reference: 'round 1' });
    expect(grantCredits.postings.map((p) => [p.accountKind, p.amount]).sort()).toEqual([
      ['CONTRIBUTOR', '100'],
      ['ISSUANCE', '-100'],
    ]);
    expect((await api.client.request(GrantCreditsDocument, grant)).grantCredits.id).toBe(grantCredits.id);

    const before = await counts();
    const byOutsider = await contributor.grantCredits({
      dao: DAO,
      contributor: contributor.address,
      creditType: 'GPU_HOURS',
      amount: 1_000_000n,
    });
    expect((await rejection(api.client.request(GrantCreditsDocument, byOutsider))).code).toBe(
      'NOT_A_DAO_ADMIN',
    );
    const unknown = await admin.grantCredits({
      dao: DAO,
      contributor: contributor.address,
      creditType: 'FLOPS',
      amount: 1n,
    });
    expect((await rejection(api.client.request(GrantCreditsDocument, unknown))).code).toBe(
      'UNKNOWN_CREDIT_TYPE',
    );
    const zero = await admin.grantCredits({
      dao: DAO,
      contributor: contributor.address,
      creditType: 'GPU_HOURS',
      amount: 0n,
    });
    expect((await rejection(api.client.request(GrantCreditsDocument, zero))).code).toBe('NEGATIVE_AMOUNT');
    expect(await counts()).toEqual(before);

    const { creditBalances } = await api.client.request(CreditBalancesDocument, {
      dao: DAO,
      contributor: contributor.address,
    });
    expect(creditBalances).toEqual([
      { creditType: 'GPU_HOURS', balance: '100', held: '0', available: '100' },
    ]);
  });

  it('shows what services spend and hold, and the worker moves an expired grant’s remainder out', async () => {
    const credits = api.app.get(CreditsService);
    const [{ id: daoId }]: Array<{ id: string }> = await stack.database.dataSource.query(
      `SELECT id FROM dao WHERE slug = $1`,
      [DAO],
    );
    await credits.spend(daoId, {
      clientKey: 'job-1',
      contributor: contributor.address,
      service: 'gpu-scheduler',
      creditType: 'GPU_HOURS',
      amount: 30n,
    });
    await credits.holdCredits(daoId, {
      clientKey: 'job-2',
      contributor: contributor.address,
      service: 'gpu-scheduler',
      creditType: 'GPU_HOURS',
      amount: 20n,
      timeoutSeconds: 600,
    });
    const { creditHolds } = await api.client.request(CreditHoldsDocument, {
      dao: DAO,
      contributor: contributor.address,
    });
    expect(creditHolds).toEqual([
      expect.objectContaining({ service: 'gpu-scheduler', amount: '20', status: 'ACTIVE' }),
    ]);

    const expiresAt = BigInt(Math.floor(Date.now() / 1000) + 2);
    await api.client.request(
      GrantCreditsDocument,
      await admin.grantCredits({
        dao: DAO,
        contributor: contributor.address,
        creditType: 'GPU_HOURS',
        amount: 7n,
        expiresAt,
      }),
    );
    // The soonest-expiring grant is taken first: 5 of the 7.
    await credits.spend(daoId, {
      clientKey: 'job-3',
      contributor: contributor.address,
      service: 'gpu-scheduler',
      creditType: 'GPU_HOURS',
      amount: 5n,
    });
    const deadline = Date.now() + 30_000;
    let kinds: string[] = [];
    while (Date.now() < deadline) {
      const { creditTransfers } = await api.client.request(CreditTransfersDocument, {
        dao: DAO,
        contributor: contributor.address,
        first: 10,
      });
      kinds = creditTransfers.nodes.map((node) => node.kind);
      if (kinds[0] === 'EXPIRY') {
        expect(creditTransfers.nodes[0].postings.map((p) => [p.accountKind, p.amount]).sort()).toEqual([
          ['CONTRIBUTOR', '-2'],
          ['EXPIRY', '2'],
        ]);
        break;
      }
      await sleep(500);
    }
    expect(kinds).toEqual(['EXPIRY', 'SPEND', 'GRANT', 'SPEND', 'GRANT']);
    const { creditBalances } = await api.client.request(CreditBalancesDocument, {
      dao: DAO,
      contributor: contributor.address,
    });
    expect(creditBalances).toEqual([{ creditType: 'GPU_HOURS', balance: '70', held: '20', available: '50' }]);
    const { creditGrants } = await api.client.request(CreditGrantsDocument, {
      dao: DAO,
      contributor: contributor.address,
    });
    expect(creditGrants.map((g) => [g.amount, g.remaining])).toEqual([
      ['7', '0'],
      ['100', '50'],
    ]);
    const { creditsConsistency } = await api.client.request(CreditsConsistencyDocument, { dao: DAO });
    expect(creditsConsistency).toEqual({
      ok: true,
      balances: [],
      held: [],
      lots: [],
      unbalancedTransfers: [],
    });
  });

  it('`guildhall credits check` passes on the ledger and fails, naming the account, on a balance edited by hand', async () => {
    const cli = CliRunner.build();
    try {
      const env = { GUILDHALL_API: api.url };
      const ok = await cli.run(['credits', 'check', '--dao', DAO], env);
      expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('holds together') as unknown });

      const [{ id }]: Array<{ id: string }> = await stack.database.dataSource.query(
        `SELECT account_id AS id FROM credit_balance b JOIN credit_account a ON a.id = b.account_id
          WHERE a.kind = 'CONTRIBUTOR' AND a.owner = $1`,
        [contributor.address],
      );
      await stack.database.dataSource.query(
        `UPDATE credit_balance SET balance = balance + 3 WHERE account_id = $1`,
        [id],
      );
      try {
        const off = await cli.run(['credits', 'check', '--dao', DAO], env);
        expect(off.code).toBe(1);
        expect(off.stdout).toContain('does not hold together');
        expect(off.stdout).toContain(id);
        const report = await cli.run(['credits', 'check', '--dao', DAO, '--json'], env);
        expect(JSON.parse(report.stdout)).toMatchObject({
          ok: false,
          balances: [{ accountId: id, stored: '73', derived: '70' }],
        });
      } finally {
        await stack.database.dataSource.query(
          `UPDATE credit_balance SET balance = balance - 3 WHERE account_id = $1`,
          [id],
        );
      }
    } finally {
      cli.remove();
    }
  }, 120_000);
});
