import { Column, DataSource, Entity, In, MoreThan, PrimaryColumn } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { DatabaseErrorCode } from '../database.error.js';
import { numericBigintTransformer } from './numeric-bigint.transformer.js';

@Entity({ name: 'amount_probe' })
class AmountProbe {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  amount!: bigint;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer, nullable: true })
  optional!: bigint | null;
}

const MAX_UINT256 = 2n ** 256n - 1n;

describe('numericBigintTransformer on a numeric(78,0) column', () => {
  let db: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ migrated: false });
    await db.dataSource.query(
      'CREATE TABLE amount_probe (id integer PRIMARY KEY, amount numeric(78,0) NOT NULL, optional numeric(78,0))',
    );
    dataSource = await new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [AmountProbe],
    }).initialize();
    await dataSource.getRepository(AmountProbe).save([
      { id: 1, amount: MAX_UINT256, optional: null },
      { id: 2, amount: 10n ** 18n + 1n, optional: 0n },
      { id: 3, amount: 7n, optional: 2n ** 53n + 1n },
    ]);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });

  it('reads back every digit of a uint256, and null as null', async () => {
    const rows = await dataSource.getRepository(AmountProbe).find({ order: { id: 'ASC' } });
    expect(rows.map(({ amount, optional }) => [amount, optional])).toEqual([
      [MAX_UINT256, null],
      [10n ** 18n + 1n, 0n],
      [7n, 2n ** 53n + 1n],
    ]);
  });

  it('compares in the database, through find operators', async () => {
    const above = await dataSource.getRepository(AmountProbe).findBy({ amount: MoreThan(10n ** 18n) });
    expect(above.map((row) => row.id).sort()).toEqual([1, 2]);
    const exact = await dataSource.getRepository(AmountProbe).findBy({ amount: In([7n, MAX_UINT256]) });
    expect(exact.map((row) => row.id).sort()).toEqual([1, 3]);
  });

  it('refuses to write a JS number, before anything reaches the database', async () => {
    await expect(
      dataSource.getRepository(AmountProbe).insert({ id: 4, amount: 1.5 as unknown as bigint }),
    ).rejects.toMatchObject({ code: DatabaseErrorCode.INVALID_AMOUNT });
    expect(await dataSource.getRepository(AmountProbe).countBy({ id: 4 })).toBe(0);
  });
});
