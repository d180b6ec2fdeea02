import { createServer, type Server } from 'node:net';
import { inspect } from 'node:util';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { connectDataSource, createDataSource, runMigrations } from './data-source.js';
import { DatabaseError, DatabaseErrorCode } from './database.error.js';
import { migrations } from './migrations/index.js';
import { createTestDatabase, type TestDatabase } from './testing/index.js';

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });

const tablesIn = async (db: TestDatabase): Promise<string[]> => {
  const rows: Array<{ table_name: string }> = await db.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
};

describe('migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterEach(() => db.drop());

  it('roll back the whole run when one migration fails: no table, no migrations row', async () => {
    class CreateThenFail1900000000000 implements MigrationInterface {
      name = 'CreateThenFail1900000000000';
      async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query('CREATE TABLE "half_applied" ("id" integer)');
        await queryRunner.query('ALTER TABLE "no_such_table" ADD COLUMN "x" integer');
      }
      async down(): Promise<void> {}
    }
    const failing = createDataSource({ url: db.url, poolSize: 1 });
    failing.setOptions({ migrations: [...migrations, CreateThenFail1900000000000] });
    await failing.initialize();
    const failure = runMigrations(failing).finally(() => failing.destroy());
    await expect(failure).rejects.toBeInstanceOf(DatabaseError);
    await expect(failure).rejects.toMatchObject({
      code: DatabaseErrorCode.MIGRATION_FAILED,
      message: expect.stringContaining('no_such_table') as string,
    });

    expect(await tablesIn(db)).toEqual(['migrations']);
    expect(await db.dataSource.query('SELECT name FROM migrations')).toEqual([]);
    expect(
      await db.dataSource.query(`SELECT proname FROM pg_proc WHERE proname = 'signed_message_reject_change'`),
    ).toEqual([]);
  });
});

describe('connectDataSource', () => {
  it('fails at once with a typed error naming host and port, never the password, when nothing listens', async () => {
    const closed = createServer();
    const port = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));

    const error: unknown = await connectDataSource({
      url: `postgres://guildhall:s3cret-pw@127.0.0.1:${port}/guildhall`,
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({
      code: DatabaseErrorCode.DATABASE_UNREACHABLE,
      category: 'RETRYABLE',
      details: { server: `127.0.0.1:${port}/guildhall` },
    });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect(inspect(error, { depth: 10 })).not.toContain('s3cret-pw');
  });

  it('gives up after the connect timeout instead of hanging on a server that never answers', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent = createServer((socket) => sockets.add(socket));
    const port = await listen(silent);
    const started = Date.now();
    try {
      await expect(
        connectDataSource({
          url: `postgres://postgres:pw@127.0.0.1:${port}/postgres`,
          connectTimeoutMs: 300,
        }),
      ).rejects.toMatchObject({
        code: DatabaseErrorCode.DATABASE_UNREACHABLE,
        message: expect.stringMatching(
          new RegExp(`^Cannot connect to PostgreSQL at 127\\.0\\.0\\.1:${port}/postgres: .*timeout`),
        ) as string,
      });
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
