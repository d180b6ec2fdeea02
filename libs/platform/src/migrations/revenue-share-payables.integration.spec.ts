import { DaoEntity } from '@guildhall/dao/datasources';
import { createTestDatabase, undoMigrationsAfter, type TestDatabase } from '@guildhall/database/testing';
import { entities } from '../entities.js';

const SAFE = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512';
const TOKEN = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const HOLDER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

/**
 * The revenue share payables migration keeps stored shares as they were: a FINALIZED share becomes
 * COMPUTED, shared to HOLDERS with nothing carried, and each allocation gets its obligation id.
 */
describe('the revenue share payables migration', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ entities });
    await undoMigrationsAfter(db.dataSource, 'RevenueSharePayables1796800000000');
    await db.dataSource.undoLastMigration();
  });
  afterAll(() => db.drop());

  it('turns FINALIZED shares into COMPUTED shares to holders, their allocations payable', async () => {
    const query = <T = { id: string }>(sql: string, parameters: unknown[] = []) =>
      db.dataSource.query<T[]>(sql, parameters);
    const { id: daoId } = await db.dataSource.getRepository(DaoEntity).save({
      slug: 'guild-one',
      name: 'Guild One',
      chainId: 31337,
      governanceToken: TOKEN,
      safeAddress: SAFE,
    });
    const [{ id: revenueId }] = await query(
      `INSERT INTO revenue_record (dao_id, token, amount, period_start, period_end, reference, recorded_by)
       VALUES ($1, $2, 100, now() - interval '2 days', now() - interval '1 day', 'invoice', $3) RETURNING id`,
      [daoId, TOKEN, HOLDER],
    );
    const [{ id: shareId }] = await query(
      `INSERT INTO revenue_share (dao_id, revenue_id, snapshot_block, excluded, eligible_supply, allocated,
         unallocated, created_by)
       VALUES ($1, $2, 1, '{}', 10, 100, 0, $3) RETURNING id`,
      [daoId, revenueId, HOLDER],
    );
    await query(
      `INSERT INTO revenue_share_allocation (share_id, holder, balance, amount) VALUES ($1, $2, 10, 100)`,
      [shareId, HOLDER],
    );

    await db.dataSource.runMigrations({ transaction: 'all' });

    expect(
      await query(
        `SELECT state, target, model, lookback_rounds, min_payout::text, carried_in::text, carried_over::text,
                carried_into
           FROM revenue_share`,
      ),
    ).toEqual([
      {
        state: 'COMPUTED',
        target: 'HOLDERS',
        model: null,
        lookback_rounds: null,
        min_payout: '0',
        carried_in: '0',
        carried_over: '0',
        carried_into: null,
      },
    ]);
    const [allocation] = await query<{ id: string; status: string; paid_block: string | null }>(
      `SELECT id, status, paid_block FROM revenue_share_allocation`,
    );
    expect(allocation).toMatchObject({ status: 'PENDING', paid_block: null });
    expect(allocation.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
