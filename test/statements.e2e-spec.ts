import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ContributorStatementDocument,
  CreateCreditTypeDocument,
  CreateDaoDocument,
  GrantCreditsDocument,
  RecordTokenPriceDocument,
  StatementsExportDocument,
} from '@guildhall/sdk';
import { CliRunner } from '../apps/cli/src/testing/cli-runner.js';
import { devSigner, permissiveRules } from './support/actors.js';
import { rejection } from './support/rejection.js';
import { TestStack, type TestApi } from './support/test-stack.js';

const DAO = 'statement-guild';
const DAY = 86_400_000;

describe('Contributor statements through the API and the CLI (real PostgreSQL, devnet)', () => {
  let stack: TestStack;
  let api: TestApi;
  const admin = devSigner(5);
  const contributor = devSigner(6);
  const from = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * DAY);
  const to = new Date(from.getTime() + 20 * DAY);
  const variables = {
    dao: DAO,
    contributor: contributor.address,
    from: from.toISOString(),
    to: to.toISOString(),
  };

  beforeAll(async () => {
    stack = await TestStack.start();
    api = await stack.api();
    const { createDao } = await api.client.request(
      CreateDaoDocument,
      await admin.createDao({
        dao: DAO,
        name: 'Statement Guild',
        governanceToken: stack.chain.stack.governanceToken,
        safe: stack.chain.stack.daoSafe,
        rules: permissiveRules,
      }),
    );
    // A finalized round's allocation, as the round's finalization writes it (its rules are tested elsewhere).
    const [round] = await stack.database.dataSource.query<Array<{ id: string }>>(
      `INSERT INTO reward_round (dao_id, name, state, token, budget, submissions_open_at, submissions_close_at,
         review_deadline, snapshot_block, engine, yuma, reviewer_share_bps, pools, min_payout, vesting_cliff,
         vesting_duration, vesting_interval, min_reviews, acceptance_score, created_by, finalized_at)
       VALUES ($1, 'Round 1', 'FINALIZED', $2, 1000000000, $3, $4, $5, 0, 'MEAN', '{}', 0, '[]', 0, 0, 0, 0, 1, 50, $6, $7)
       RETURNING id`,
      [
        createDao.id,
        stack.chain.stack.payoutToken,
        new Date(from.getTime() - 30 * DAY),
        new Date(from.getTime() - 20 * DAY),
        new Date(from.getTime() - 10 * DAY),
        admin.address,
        new Date(from.getTime() + DAY),
      ],
    );
    await stack.database.dataSource.query(
      `INSERT INTO round_allocation (round_id, pool, recipient, amount, explanation) VALUES ($1, 'CODE', $2, 250000000, '{}')`,
      [round.id, contributor.address],
    );
    await api.client.request(
      CreateCreditTypeDocument,
      await admin.createCreditType({
        dao: DAO,
        code: 'GPU_HOURS',
        name: 'GPU hours',
        unit: 'GPU-second',
        scale: 0,
      }),
    );
    await api.client.request(
      GrantCreditsDocument,
      await admin.grantCredits({
        dao: DAO,
        contributor: contributor.address,
        creditType: 'GPU_HOURS',
        amount: 40n,
      }),
    );
  });
  afterAll(() => stack?.close());

  it('records a price only by an admin, and values the line at it; the hash is that of the canonical JSON', async () => {
    const price = {
      dao: DAO,
      token: stack.chain.stack.payoutToken,
      usdPerToken: '0.98',
      asOf: BigInt(from.getTime() / 1000),
    };
    expect(
      (
        await rejection(
          api.client.request(RecordTokenPriceDocument, await contributor.recordTokenPrice(price)),
        )
      ).code,
    ).toBe('NOT_A_DAO_ADMIN');
    const { recordTokenPrice } = await api.client.request(
      RecordTokenPriceDocument,
      await admin.recordTokenPrice(price),
    );
    expect(recordTokenPrice.usdPerToken).toBe('0.98');

    const { contributorStatement: statement } = await api.client.request(
      ContributorStatementDocument,
      variables,
    );
    expect(statement.daoName).toBe('Statement Guild');
    expect(statement.lines.map((l) => [l.kind, l.amount, l.usdValue])).toEqual([
      ['ROUND_ALLOCATION', '250000000', '245'],
      ['CREDIT_GRANT', '40', null],
    ]);
    expect(statement.tokenTotals).toEqual([
      expect.objectContaining({ symbol: 'dUSDC', allocated: '250000000', paid: '0', pending: '0' }),
    ]);
    expect(statement.documentHash).toBe(createHash('sha256').update(statement.canonicalJson).digest('hex'));

    const { statementsExport } = await api.client.request(StatementsExportDocument, {
      dao: DAO,
      from: variables.from,
      to: variables.to,
    });
    expect(statementsExport.contributors).toBe(1);
    expect(statementsExport.csv).toContain(statement.documentHash);
  });

  it('writes the statement as a PDF and as JSON with the same hash (guildhall statement)', async () => {
    const { contributorStatement: statement } = await api.client.request(
      ContributorStatementDocument,
      variables,
    );
    const cli = CliRunner.build();
    const dir = mkdtempSync(join(tmpdir(), 'statement-'));
    try {
      const args = ['statement', '--dao', DAO, '--contributor', contributor.address];
      const period = ['--from', variables.from, '--to', variables.to];
      const env = { GUILDHALL_API: api.url };
      const out = join(dir, 'statement.pdf');
      const pdf = await cli.run([...args, ...period, '--format', 'pdf', '--out', out], env);
      expect(pdf).toMatchObject({ code: 0 });
      const bytes = await readFile(out);
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
      // The hash is the PDF's Subject: the Info dictionary is never compressed.
      expect(bytes.toString('latin1')).toContain(`(${statement.documentHash})`);

      const json = await cli.run([...args, ...period, '--format', 'json'], env);
      expect(JSON.parse(json.stdout)).toMatchObject({
        documentHash: statement.documentHash,
        contributor: contributor.address,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
