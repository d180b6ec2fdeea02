import { DaoEntity } from '@guildhall/dao/datasources';
import { createTestDatabase, undoMigrationsAfter, type TestDatabase } from '@guildhall/database/testing';
import { entities } from '../entities.js';

const SAFE = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const PAYEE = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const hash = (digit: string) => `0x${digit.repeat(64)}`;

/**
 * The payables migration keeps what was in flight: tranches a Safe transaction carries and the
 * proposals Safe transactions execute become obligations of the same transactions, live exactly when
 * the transaction may still execute or was executed.
 */
describe('the payable obligations migration', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ entities });
    // Back to before this migration: the ones after it first.
    await undoMigrationsAfter(db.dataSource, 'PayableObligations1796700000000');
    await db.dataSource.undoLastMigration();
  });
  afterAll(() => db.drop());

  it('moves payout transfers and proposal executions into payable_obligation', async () => {
    const query = <T = { id: string }>(sql: string, parameters: unknown[] = []) =>
      db.dataSource.query<T[]>(sql, parameters);
    const { id: daoId } = await db.dataSource.getRepository(DaoEntity).save({
      slug: 'guild-one',
      name: 'Guild One',
      chainId: 31337,
      governanceToken: TOKEN,
      safeAddress: SAFE,
    });
    const [{ id: roundId }] = await query(
      `INSERT INTO reward_round (dao_id, name, state, token, budget, submissions_open_at, submissions_close_at,
         review_deadline, snapshot_block, engine, yuma, reviewer_share_bps, pools, min_payout, vesting_cliff,
         vesting_duration, vesting_interval, min_reviews, acceptance_score, created_by)
       VALUES ($1, 'R1', 'PAYING', $2, 100, now() - interval '3 days', now() - interval '2 days',
         now() - interval '1 day', 1, 'YUMA', '{}', 0, '[]', 0, 0, 0, 0, 1, 1, $3)
       RETURNING id`,
      [daoId, TOKEN, PAYEE],
    );
    const tranche = async (seq: number, amount: number): Promise<string> =>
      (
        await query(
          `INSERT INTO vesting_tranche (round_id, pool, recipient, seq, amount, unlock_at)
           VALUES ($1, 'FINE_TUNING', $2, $3, $4, now()) RETURNING id`,
          [roundId, PAYEE, seq, amount],
        )
      )[0].id;
    const [replacedTranche, liveTranche] = [await tranche(0, 40), await tranche(1, 60)];
    const [{ id: proposalId }] = await query(
      `INSERT INTO proposal (dao_id, author, title, body, discussion, vote_type, choices, actions, snapshot_block,
         start_at, end_at, quorum, supermajority_bps, allow_vote_change, state, tally)
       VALUES ($1, $2, 'Grant', '', '', 'SINGLE_CHOICE', '{For,Against}', '[]', 1, now() - interval '1 day', now(),
         0, 0, false,
         'QUEUED', '{}') RETURNING id`,
      [daoId, PAYEE],
    );
    const safeTx = async (
      digit: string,
      nonce: number,
      status: string,
      extra: { origin: string; round?: string; proposal?: string; block?: string },
    ): Promise<void> => {
      await query(
        `INSERT INTO safe_transaction (safe_tx_hash, dao_id, chain_id, safe, to_address, value, data, operation,
           safe_tx_gas, base_gas, gas_price, gas_token, refund_receiver, nonce, origin, proposal_id, round_id,
           actions, status, execution_block)
         VALUES ($1, $2, 31337, $3, $3, 0, '0x', 0, 0, 0, 0, $4, $4, $5, $6, $7, $8, '[]', $9, $10)`,
        [
          hash(digit),
          daoId,
          SAFE,
          '0x0000000000000000000000000000000000000000',
          nonce,
          extra.origin,
          extra.proposal ?? null,
          extra.round ?? null,
          status,
          extra.block ?? null,
        ],
      );
    };
    await safeTx('a', 0, 'REPLACED', { origin: 'PAYOUT', round: roundId });
    await safeTx('b', 0, 'READY', { origin: 'PAYOUT', round: roundId });
    await safeTx('c', 1, 'FAILED', { origin: 'PROPOSAL', proposal: proposalId, block: '9' });
    await safeTx('d', 2, 'AWAITING_CONFIRMATIONS', { origin: 'PROPOSAL', proposal: proposalId });
    await query(
      `INSERT INTO payout_transfer (safe_tx_hash, tranche_id, live) VALUES ($1, $2, false), ($3, $2, true), ($3, $4, true)`,
      [hash('a'), replacedTranche, hash('b'), liveTranche],
    );

    await db.dataSource.runMigrations({ transaction: 'all' });

    const rows = await query<{ safe_tx_hash: string; obligation_id: string }>(
      `SELECT safe_tx_hash, source, obligation_id, token, amount::text, live FROM payable_obligation`,
    );
    const row = (
      digit: string,
      source: string,
      id: string,
      token: string | null,
      amount: string | null,
      live: boolean,
    ) => ({
      safe_tx_hash: hash(digit),
      source,
      obligation_id: id,
      token,
      amount,
      live,
    });
    expect(rows).toHaveLength(5);
    expect(rows).toEqual(
      expect.arrayContaining([
        row('a', 'round-tranches', replacedTranche, TOKEN, '40', false),
        row('b', 'round-tranches', replacedTranche, TOKEN, '40', true),
        row('b', 'round-tranches', liveTranche, TOKEN, '60', true),
        row('c', 'proposals', proposalId, null, null, false),
        row('d', 'proposals', proposalId, null, null, true),
      ]),
    );
    const [{ exists }] = await query<{ exists: boolean }>(
      `SELECT to_regclass('payout_transfer') IS NOT NULL AS exists`,
    );
    expect(exists).toBe(false);
  });
});
