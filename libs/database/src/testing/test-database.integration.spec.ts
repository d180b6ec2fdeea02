import pg from 'pg';
import { migrations } from '../migrations/index.js';
import { createTestDatabase, templateDatabaseName, type TestDatabase } from './test-database.js';

// eslint-disable-next-line no-restricted-syntax -- the same server the harness uses, set by the jest globalSetup.
const serverUrl = process.env.TEST_DATABASE_URL!;

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client(serverUrl);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const databaseExists = (name: string): Promise<boolean> =>
  admin(
    async (client) =>
      (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1,
  );

const nameOf = (db: TestDatabase): string => new URL(db.url).pathname.slice(1);

describe('createTestDatabase', () => {
  it('gives every caller its own migrated database, cloned from one complete template', async () => {
    const [first, second] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(nameOf(first)).toMatch(/^guildhall_test_[0-9a-z]+_[0-9a-f]{8}$/);
      expect(nameOf(first)).not.toBe(nameOf(second));
      expect(await first.dataSource.query('SELECT name FROM migrations ORDER BY id')).toEqual(
        migrations.map((migration) => ({ name: migration.name })),
      );

      await first.dataSource.query(`INSERT INTO dao (slug, name, chain_id, governance_token, safe_address)
        VALUES ('only-in-first', 'First', 1, '0x${'1'.repeat(40)}', '0x${'2'.repeat(40)}')`);
      expect(await second.dataSource.query('SELECT slug FROM dao')).toEqual([]);

      const template = await admin(
        async (client) =>
          (
            await client.query<{ datistemplate: boolean; datallowconn: boolean }>(
              'SELECT datistemplate, datallowconn FROM pg_database WHERE datname = $1',
              [templateDatabaseName()],
            )
          ).rows,
      );
      expect(template).toEqual([{ datistemplate: true, datallowconn: false }]);
    } finally {
      await Promise.all([first.drop(), second.drop()]);
    }
  });

  it('drop() removes the database even while other connections are open', async () => {
    const db = await createTestDatabase();
    const straggler = new pg.Client(db.url);
    straggler.on('error', () => undefined); // terminated by the drop
    await straggler.connect();

    await db.drop();
    await db.drop(); // idempotent

    expect(await databaseExists(nameOf(db))).toBe(false);
    await expect(straggler.query('SELECT 1')).rejects.toThrow();
  });

  it('an empty database has no tables and no migrations', async () => {
    const db = await createTestDatabase({ migrated: false });
    try {
      expect(
        await db.dataSource.query(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
        ),
      ).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('drops what crashed runs left behind: old test databases and unfinished templates', async () => {
    const sevenHoursAgo = (Date.now() - 7 * 60 * 60 * 1000).toString(36);
    const abandoned = `guildhall_test_${sevenHoursAgo}_deadbeef`;
    const unfinishedTemplate = 'guildhall_tpl_0000000000000000';
    await admin(async (client) => {
      await client.query(`CREATE DATABASE "${abandoned}"`);
      await client.query(`CREATE DATABASE "${unfinishedTemplate}"`);
    });

    const db = await createTestDatabase();
    await db.drop();

    expect(await databaseExists(abandoned)).toBe(false);
    expect(await databaseExists(unfinishedTemplate)).toBe(false);
  });
});
