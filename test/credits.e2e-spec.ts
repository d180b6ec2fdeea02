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
  CaptureHoldDocument,
  CreditSpendAccountDocument,
  GuildhallClient,
  HoldCreditsDocument,
  RevokeCreditSpendingKeyDocument,
  SpendCreditsDocument,
  VoidHoldDocument,
} from '@guildhall/sdk';
import { CliRunner } from '../apps/cli/src/testing/cli-runner.js';
import { DEV_ACCOUNTS } from '../libs/chain/src/devnet/dev-accounts.js';
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

  describe('a service spends with its key: GraphQL and the metering endpoint', () => {
    let gatewayKey: string;
    let gatewayKeyId: string;
    const cli = CliRunner.build();
    const adminEnv = () => ({ GUILDHALL_API: api.url, GUILDHALL_PRIVATE_KEY: DEV_ACCOUNTS[5].privateKey });
    const keyed = (key: string) =>
      new GuildhallClient({ url: api.url, headers: { authorization: `Bearer ${key}` } });
    /** A POST to the metering endpoint: its status and JSON body. */
    const meter = async (
      path: string,
      body: unknown,
      headers: Record<string, string>,
    ): Promise<{ status: number; body: Record<string, unknown> }> => {
      const response = await fetch(`${api.url.replace(/\/graphql$/, '')}/credits/v1/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const ledgerCounts = async (): Promise<unknown> =>
      stack.database.dataSource.query(
        `SELECT (SELECT count(*) FROM credit_transfer) AS transfers, (SELECT count(*) FROM credit_hold) AS holds`,
      );

    it('`guildhall credits key create` prints the secret once; `key list` never shows it', async () => {
      const created = await cli.run(
        [
          'credits',
          'key',
          'create',
          '--dao',
          DAO,
          '--service',
          'inference-gateway',
          '--name',
          'gateway',
          '--json',
        ],
        adminEnv(),
      );
      expect(created.code).toBe(0);
      const { secret, key } = JSON.parse(created.stdout) as { secret: string; key: { id: string } };
      expect(secret).toMatch(/^gh_sk_[0-9a-f]{32}_/);
      gatewayKey = secret;
      gatewayKeyId = key.id;
      const listed = await cli.run(['credits', 'key', 'list', '--dao', DAO], { GUILDHALL_API: api.url });
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain(key.id);
      expect(listed.stdout).toContain('inference-gateway');
      expect(listed.stdout).not.toContain(secret.slice(39));
    }, 120_000);

    it('holds, captures, voids and spends over GraphQL with the key; reads only its own account', async () => {
      const client = keyed(gatewayKey);
      const { holdCredits: hold } = await client.request(HoldCreditsDocument, {
        dao: DAO,
        input: {
          clientKey: 'gql-hold-1',
          contributor: contributor.address,
          creditType: 'GPU_HOURS',
          amount: '10',
          timeoutSeconds: 60,
        },
      });
      expect(hold).toMatchObject({ service: 'inference-gateway', amount: '10', status: 'ACTIVE' });
      const capture = { dao: DAO, input: { clientKey: 'gql-capture-1', holdId: hold.id, amount: '8' } };
      const { captureHold } = await client.request(CaptureHoldDocument, capture);
      expect(captureHold).toMatchObject({ status: 'CAPTURED', captured: '8' });
      expect((await client.request(CaptureHoldDocument, capture)).captureHold).toEqual(captureHold);

      const { holdCredits: second } = await client.request(HoldCreditsDocument, {
        dao: DAO,
        input: {
          clientKey: 'gql-hold-2',
          contributor: contributor.address,
          creditType: 'GPU_HOURS',
          amount: '3',
          timeoutSeconds: 60,
        },
      });
      expect((await client.request(VoidHoldDocument, { dao: DAO, id: second.id })).voidHold.status).toBe(
        'VOIDED',
      );
      const { spendCredits } = await client.request(SpendCreditsDocument, {
        dao: DAO,
        input: {
          clientKey: 'gql-spend-1',
          contributor: contributor.address,
          creditType: 'GPU_HOURS',
          amount: '2',
        },
      });
      expect(spendCredits.kind).toBe('SPEND');
      const { creditSpendAccount } = await client.request(CreditSpendAccountDocument, { dao: DAO });
      expect(creditSpendAccount).toEqual({
        service: 'inference-gateway',
        balances: [{ creditType: 'GPU_HOURS', balance: '10', held: '0', available: '10' }],
      });

      const before = await ledgerCounts();
      const spend = {
        dao: DAO,
        input: {
          clientKey: 'gql-spend-2',
          contributor: contributor.address,
          creditType: 'GPU_HOURS',
          amount: '1',
        },
      };
      expect((await rejection(api.client.request(SpendCreditsDocument, spend))).code).toBe('INVALID_KEY');
      expect(
        (await rejection(keyed(`${gatewayKey.slice(0, -1)}x`).request(SpendCreditsDocument, spend))).code,
      ).toBe('INVALID_KEY');
      expect((await rejection(client.request(SpendCreditsDocument, { ...spend, dao: 'demo' }))).code).toBe(
        'WRONG_DAO',
      );
      expect(
        (
          await rejection(
            client.request(SpendCreditsDocument, { ...spend, input: { ...spend.input, amount: '1000000' } }),
          )
        ).code,
      ).toBe('INSUFFICIENT_CREDITS');
      expect(await ledgerCounts()).toEqual(before);
    });

    it('serves the metering endpoint: JSON, decimal strings, Idempotency-Key, typed errors with HTTP statuses', async () => {
      const auth = { authorization: `Bearer ${gatewayKey}` };
      const body = {
        dao: DAO,
        contributor: contributor.address,
        creditType: 'GPU_HOURS',
        amount: '6',
        timeoutSeconds: 60,
      };
      const held = await meter('holds', body, { ...auth, 'idempotency-key': 'http-hold-1' });
      expect(held).toMatchObject({
        status: 200,
        body: { amount: '6', status: 'ACTIVE', service: 'inference-gateway' },
      });
      const again = await meter('holds', body, { ...auth, 'idempotency-key': 'http-hold-1' });
      expect(again.body.id).toBe(held.body.id);
      const reused = await meter(
        'holds',
        { ...body, amount: '7' },
        { ...auth, 'idempotency-key': 'http-hold-1' },
      );
      expect(reused).toMatchObject({ status: 409, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } } });

      const id = held.body.id as string;
      const over = await meter(
        `holds/${id}/capture`,
        { dao: DAO, amount: '7' },
        { ...auth, 'idempotency-key': 'http-cap-0' },
      );
      expect(over).toMatchObject({ status: 400, body: { error: { code: 'HOLD_EXCEEDED' } } });
      const captured = await meter(
        `holds/${id}/capture`,
        { dao: DAO, amount: '4' },
        { ...auth, 'idempotency-key': 'http-cap-1' },
      );
      expect(captured).toMatchObject({ status: 200, body: { status: 'CAPTURED', captured: '4' } });

      const other = await meter(
        'holds',
        { ...body, amount: '1' },
        { ...auth, 'idempotency-key': 'http-hold-2' },
      );
      const voided = await meter(`holds/${other.body.id as string}/void`, { dao: DAO }, auth);
      expect(voided).toMatchObject({ status: 200, body: { status: 'VOIDED' } });

      const spent = await meter(
        'spends',
        { dao: DAO, contributor: contributor.address, creditType: 'GPU_HOURS', amount: '3' },
        { ...auth, 'idempotency-key': 'http-spend-1' },
      );
      expect(spent).toMatchObject({ status: 200, body: { kind: 'SPEND', clientKey: 'http-spend-1' } });

      const before = await ledgerCounts();
      const spendBody = { dao: DAO, contributor: contributor.address, creditType: 'GPU_HOURS', amount: '1' };
      expect(await meter('spends', spendBody, { 'idempotency-key': 'http-spend-2' })).toMatchObject({
        status: 403,
        body: { error: { code: 'INVALID_KEY' } },
      });
      expect(await meter('spends', spendBody, auth)).toMatchObject({
        status: 400,
        body: { error: { code: 'BAD_INPUT' } },
      });
      expect(
        await meter('spends', { ...spendBody, amount: '-1' }, { ...auth, 'idempotency-key': 'http-spend-3' }),
      ).toMatchObject({ status: 400 });
      expect(
        await meter('spends', { ...spendBody, dao: 'demo' }, { ...auth, 'idempotency-key': 'http-spend-4' }),
      ).toMatchObject({ status: 400, body: { error: { code: 'WRONG_DAO' } } });
      expect(await ledgerCounts()).toEqual(before);
    });

    it('refuses a key once an admin revoked it (KEY_REVOKED), over GraphQL and HTTP', async () => {
      await api.client.request(
        RevokeCreditSpendingKeyDocument,
        await admin.revokeCreditSpendingKey({ dao: DAO, keyId: gatewayKeyId }),
      );
      const before = await ledgerCounts();
      const spend = {
        dao: DAO,
        input: {
          clientKey: 'after-revoke',
          contributor: contributor.address,
          creditType: 'GPU_HOURS',
          amount: '1',
        },
      };
      expect((await rejection(keyed(gatewayKey).request(SpendCreditsDocument, spend))).code).toBe(
        'KEY_REVOKED',
      );
      expect(
        await meter(
          'spends',
          { dao: DAO, ...spend.input },
          {
            authorization: `Bearer ${gatewayKey}`,
            'idempotency-key': 'after-revoke',
          },
        ),
      ).toMatchObject({ status: 403, body: { error: { code: 'KEY_REVOKED' } } });
      expect(await ledgerCounts()).toEqual(before);
      const { creditsConsistency } = await api.client.request(CreditsConsistencyDocument, { dao: DAO });
      expect(creditsConsistency.ok).toBe(true);
    });
  });
});
