import { BountiesModule } from '@guildhall/bounties';
import { CreditsModule, CreditsService } from '@guildhall/credits';
import { DaoService } from '@guildhall/dao';
import { RewardsModule } from '@guildhall/rewards';
import {
  canonicalJson,
  documentHash,
  statementBody,
  StatementsErrorCode,
  StatementsModule,
  StatementsService,
  type Statement,
} from '@guildhall/statements';
import { TreasuryModule } from '@guildhall/treasury';
import { DataSource } from 'typeorm';
import { encodeFunctionData, erc20Abi } from 'viem';
// Deep import: the price writes are the statements module's own service.
import { TokenPrices } from '../../libs/statements/src/domain/token-prices.service.js';
import { devAccount } from '../support/actors.js';
import { createStubDao, stubChainWithStack, stubStack } from '../support/service-dao.js';
import { ServiceHarness } from '../support/service-harness.js';
import { signedInput } from '../support/signed-input.js';

const DAO = 'statements-guild';
const admin = devAccount(5);
const contributor = devAccount(6).address;
const other = devAccount(7).address;
const USDG = stubStack.payoutToken;
const GUILD = stubStack.governanceToken;
const DAY = 86_400_000;
const paidTx = `0x${'ab'.repeat(32)}`;

/**
 * A contributor's statement from every source at once (rewards, bounties, credits, the Safe's
 * transfers) on PostgreSQL: its lines, totals, USD values only at recorded prices, the period's
 * bounds, and nobody else's lines.
 */
describe('Contributor statements (service tier: every source on PostgreSQL, stub chain)', () => {
  let harness: ServiceHarness;
  let statements: StatementsService;
  let from: Date;
  let to: Date;
  let statement: Statement;

  const at = (days: number) => new Date(from.getTime() + days * DAY);
  const sql = <T = Array<Record<string, string>>>(text: string, params: unknown[]) =>
    harness.get(DataSource).query<T>(text, params);

  beforeAll(async () => {
    harness = await ServiceHarness.start(
      [RewardsModule, BountiesModule, CreditsModule, TreasuryModule, StatementsModule],
      stubChainWithStack(),
    );
    statements = harness.get(StatementsService);
    const dao = await createStubDao(harness.get(DaoService), admin, DAO);
    // The period holds now: the credits ledger journals its transfers at the time they are written.
    from = new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * DAY);
    to = at(10);

    const [round] = await sql(
      `INSERT INTO reward_round (dao_id, name, state, token, budget, submissions_open_at, submissions_close_at,
         review_deadline, snapshot_block, engine, yuma, reviewer_share_bps, pools, min_payout, vesting_cliff,
         vesting_duration, vesting_interval, min_reviews, acceptance_score, created_by, finalized_at)
       VALUES ($1, 'Round 1', 'PAYING', $2, 1000000000, $3, $4, $5, 0, 'MEAN', '{}', 0, '[]', 0, 0, 0, 0, 1, 50, $6, $7)
       RETURNING id`,
      [dao.id, USDG, at(-30), at(-20), at(-10), admin.address, from],
    );
    const explanation = { poolAmount: '900000000', plainShare: '600000000', outcome: { rule: 'PRO_RATA' } };
    for (const [recipient, amount] of [
      [contributor, 600_000_000],
      [other, 300_000_000],
    ] as const)
      await sql(
        `INSERT INTO round_allocation (round_id, pool, recipient, amount, explanation) VALUES ($1, 'CODE', $2, $3, $4)`,
        [round.id, recipient, amount, explanation],
      );
    const tranche = (recipient: string, seq: number, unlockAt: Date, paid: boolean) =>
      sql(
        `INSERT INTO vesting_tranche (round_id, pool, recipient, seq, amount, unlock_at, status, tx_hash, paid_block)
         VALUES ($1, 'CODE', $2, $3, 300000000, $4, $5, $6, $7)`,
        [
          round.id,
          recipient,
          seq,
          unlockAt,
          paid ? 'PAID' : 'PENDING',
          paid ? paidTx : null,
          paid ? 100 : null,
        ],
      );
    await tranche(contributor, 0, at(1), true);
    await tranche(contributor, 1, at(7), false);
    await tranche(contributor, 2, to, false); // at the period's end: outside it
    await tranche(other, 0, at(1), true);

    const [revenue] = await sql(
      `INSERT INTO revenue_record (dao_id, token, amount, period_start, period_end, reference, recorded_by)
       VALUES ($1, $2, 20000000, $3, $4, 'INV-7', $5) RETURNING id`,
      [dao.id, USDG, at(-40), at(-10), admin.address],
    );
    const [share] = await sql(
      `INSERT INTO revenue_share (dao_id, revenue_id, snapshot_block, excluded, state, target, min_payout, carried_in,
         carried_over, eligible_supply, allocated, unallocated, created_by, created_at)
       VALUES ($1, $2, 0, '{}', 'COMPUTED', 'HOLDERS', 0, 0, 0, 2, 20000000, 0, $3, $4) RETURNING id`,
      [dao.id, revenue.id, admin.address, at(3)],
    );
    for (const holder of [contributor, other])
      await sql(
        `INSERT INTO revenue_share_allocation (share_id, holder, balance, amount, status) VALUES ($1, $2, 1, 10000000, 'PENDING')`,
        [share.id, holder],
      );

    const [bounty] = await sql(
      `INSERT INTO bounty (dao_id, title, description, token, amount, deadline, max_claimants, claim_ttl, team_allowed,
         min_reviews, acceptance_score, reviewers, state, created_by, created_at)
       VALUES ($1, 'Fix the tokenizer', '', $2, 7000000000000000000, $3, 1, 3600, false, 1, 50, '{}', 'PAID', $4, $5)
       RETURNING id`,
      [dao.id, GUILD, at(20), admin.address, at(-3)],
    );
    await sql(
      `INSERT INTO bounty_claim (bounty_id, claimant, state, expires_at, decided_at) VALUES ($1, $2, 'ACCEPTED', $3, $4)`,
      [bounty.id, contributor, at(20), at(2)],
    );
    await sql(
      `INSERT INTO bounty_payout (bounty_id, payee, amount, status, tx_hash, paid_block)
       VALUES ($1, $2, 7000000000000000000, 'PAID', $3, 120)`,
      [bounty.id, contributor, paidTx],
    );

    const transfer = (payee: string) => ({
      to: USDG,
      value: '0',
      data: encodeFunctionData({
        abi: erc20Abi,
        functionName: 'transfer',
        args: [payee as `0x${string}`, 300_000_000n],
      }),
      operation: 0,
      humanReadable: `transfer 300 USDG to ${payee}`,
    });
    await sql(
      `INSERT INTO safe_transaction (safe_tx_hash, dao_id, chain_id, safe, to_address, value, data, operation, safe_tx_gas,
         base_gas, gas_price, gas_token, refund_receiver, nonce, origin, actions, status, execution_tx_hash,
         execution_block, updated_at)
       VALUES ($1, $2, 31337, $3, $4, 0, '0x', 1, 0, 0, 0, $5, $5, 0, 'PAYOUT', $6, 'EXECUTED', $7, 100, $8)`,
      [
        `0x${'cd'.repeat(32)}`,
        dao.id,
        stubStack.safe,
        USDG,
        '0x0000000000000000000000000000000000000000',
        JSON.stringify([transfer(contributor), transfer(other)]),
        paidTx,
        at(1),
      ],
    );

    const credits = harness.get(CreditsService);
    await credits.createCreditType(dao.id, {
      code: 'GPU_HOURS',
      name: 'GPU hours',
      unit: 'GPU-second',
      scale: 3,
    });
    for (const [who, amount] of [
      [contributor, 5_000n],
      [other, 1_000n],
    ] as const)
      await credits.grant(dao.id, {
        clientKey: `grant-${who}`,
        contributor: who,
        creditType: 'GPU_HOURS',
        amount,
      });
    await credits.spend(dao.id, {
      clientKey: 'spend-1',
      contributor,
      service: 'gpu-scheduler',
      creditType: 'GPU_HOURS',
      amount: 1_500n,
    });

    const prices = harness.get(TokenPrices);
    const price = async (usdPerToken: string, asOf: Date) =>
      prices.record(
        await signedInput(admin, 'RecordTokenPrice', {
          dao: DAO,
          token: USDG,
          usdPerToken,
          asOf: BigInt(asOf.getTime() / 1000),
        }),
      );
    await price('1.00', at(-30));
    await price('0.5', at(2.5));

    statement = await statements.statement(DAO, contributor, from, to);
  });

  afterAll(() => harness?.close());

  const line = (kind: string, description?: string) =>
    statement.lines.filter(
      (l) => l.kind === kind && (description === undefined || l.description === description),
    );

  it('lists every line of the contributor in the period, from every source, in date order', () => {
    expect(statement.lines.map((l) => [l.kind, l.amount, l.status])).toEqual([
      ['ROUND_ALLOCATION', 600_000_000n, null],
      ['TOKEN_PAYOUT', 300_000_000n, 'EXECUTED'],
      ['VESTING_TRANCHE', 300_000_000n, 'PAID'],
      ['BOUNTY_PAYOUT', 7_000_000_000_000_000_000n, 'PAID'],
      ['REVENUE_ALLOCATION', 10_000_000n, 'PENDING'],
      ['CREDIT_GRANT', 5_000n, null],
      ['CREDIT_SPEND', 1_500n, null],
      ['VESTING_TRANCHE', 300_000_000n, 'PENDING'],
    ]);
    const [allocation] = line('ROUND_ALLOCATION');
    expect(allocation.description).toBe('Round 1, pool CODE');
    expect(allocation.detail).toBe('PRO_RATA share of a pool of 900000000 (plain share 600000000)');
    const [paid] = line('VESTING_TRANCHE').filter((l) => l.status === 'PAID');
    expect([paid.txHash, paid.block]).toEqual([paidTx, 100n]);
    expect(line('BOUNTY_PAYOUT')[0]).toMatchObject({ description: 'Bounty Fix the tokenizer', block: 120n });
    expect(line('CREDIT_GRANT')[0]).toMatchObject({ asset: 'GPU_HOURS', symbol: 'GPU-second', decimals: 3 });
  });

  it('keeps to [from, to): a line at `from` is in, a line at `to` is out', () => {
    expect(line('ROUND_ALLOCATION')[0].at).toEqual(from);
    expect(statement.lines.some((l) => l.at.getTime() >= to.getTime())).toBe(false);
    expect(line('VESTING_TRANCHE')).toHaveLength(2);
  });

  it('values a token line in USD only at the latest price recorded at or before its date', () => {
    const usd = statement.lines.map((l) => [l.kind, l.usdPrice, l.usdValue]);
    expect(usd).toEqual([
      ['ROUND_ALLOCATION', '1', '600'],
      ['TOKEN_PAYOUT', '1', '300'],
      ['VESTING_TRANCHE', '1', '300'],
      ['BOUNTY_PAYOUT', null, null],
      ['REVENUE_ALLOCATION', '0.5', '5'],
      ['CREDIT_GRANT', null, null],
      ['CREDIT_SPEND', null, null],
      ['VESTING_TRANCHE', '0.5', '150'],
    ]);
    expect(statement.unpricedTokens).toEqual([GUILD]);
  });

  it('adds up per token (allocated, paid, pending) and per credit type', () => {
    expect(statement.tokenTotals).toEqual(
      [
        {
          token: GUILD,
          symbol: 'GUILD',
          decimals: 18,
          allocated: 7n * 10n ** 18n,
          paid: 7n * 10n ** 18n,
          pending: 0n,
        },
        {
          token: USDG,
          symbol: 'USDG',
          decimals: 6,
          allocated: 610_000_000n,
          paid: 300_000_000n,
          pending: 310_000_000n,
        },
      ].sort((a, b) => a.token.localeCompare(b.token)),
    );
    expect(statement.creditTotals).toEqual([
      {
        code: 'GPU_HOURS',
        unit: 'GPU-second',
        scale: 3,
        granted: 5_000n,
        spent: 1_500n,
        expired: 0n,
        net: 3_500n,
      },
    ]);
  });

  it('never shows another contributor’s lines; the export covers each contributor with a line', async () => {
    const theirs = await statements.statement(DAO, other, from, to);
    expect(theirs.contributor).toBe(other);
    expect(theirs.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['ROUND_ALLOCATION', 300_000_000n],
      ['TOKEN_PAYOUT', 300_000_000n],
      ['VESTING_TRANCHE', 300_000_000n],
      ['REVENUE_ALLOCATION', 10_000_000n],
      ['CREDIT_GRANT', 1_000n],
    ]);
    expect(statement.lines.some((l) => theirs.lines.some((t) => t.id === l.id))).toBe(false);

    const all = await statements.statements(DAO, from, to);
    expect(all.map((s) => s.contributor)).toEqual([contributor, other].sort());
    expect(all.find((s) => s.contributor === contributor)!.documentHash).toBe(statement.documentHash);
  });

  it('hashes the canonical JSON: the same statement read again has the same hash', async () => {
    expect(statement.documentHash).toBe(documentHash(statementBody(statement)));
    expect(canonicalJson(statementBody(statement))).toContain('"contributor":"' + contributor + '"');
    expect((await statements.statement(DAO, contributor, from, to)).documentHash).toBe(
      statement.documentHash,
    );
  });

  it('refuses a period that does not start before it ends, and another price for a recorded date', async () => {
    await expect(statements.statement(DAO, contributor, to, from)).rejects.toMatchObject({
      code: StatementsErrorCode.INVALID_PERIOD,
    });
    const input = await signedInput(admin, 'RecordTokenPrice', {
      dao: DAO,
      token: USDG,
      usdPerToken: '0.75',
      asOf: BigInt(at(2.5).getTime() / 1000),
    });
    await expect(harness.get(TokenPrices).record(input)).rejects.toMatchObject({
      code: StatementsErrorCode.PRICE_CONFLICT,
    });
  });
});
