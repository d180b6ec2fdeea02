import { execFile } from 'node:child_process';
import { access, cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { createDataSource, runMigrations } from '../data-source.js';
import { DatabaseError, DatabaseErrorCode } from '../database.error.js';
import { DaoEntity } from '@guildhall/governance/datasources';
import { migrations } from '../migrations/index.js';
import { LOCK_FILE_NAME } from './data-dir-lock.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const run = promisify(execFile);
/** PGlite compiles its WASM and runs initdb on a cold start: seconds, more on a busy machine. */
const SLOW = 120_000;

const dao = {
  slug: 'embedded-dao',
  name: 'Embedded DAO',
  chainId: 31337,
  governanceToken: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  safeAddress: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
};

/** Opens the data dir from a separate Node process (through tsx) and reports what happened. */
const openFromAnotherProcess = async (
  dataDir: string,
): Promise<{ code?: string; message?: string; opened?: true }> => {
  const module = join(import.meta.dirname, 'embedded-postgres.ts');
  const script = `
    const { startEmbeddedPostgres } = await import(${JSON.stringify(module)});
    try {
      const embedded = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
      await embedded.close();
      console.log(JSON.stringify({ opened: true }));
    } catch (error) {
      console.log(JSON.stringify({ code: error.code, message: error.message }));
    }`;
  const { stdout } = await run(process.execPath, [
    '--import',
    'tsx',
    '--input-type=module',
    '--eval',
    script,
  ]);
  return JSON.parse(stdout) as { code?: string; message?: string; opened?: true };
};

describe('startEmbeddedPostgres', () => {
  /** A data directory initialized once (initdb is the slow part); each test gets a copy. */
  let seedDir: string;
  let dataDir: string;

  beforeAll(async () => {
    seedDir = await mkdtemp(join(tmpdir(), 'guildhall-embedded-seed-'));
    await (await startEmbeddedPostgres({ dataDir: seedDir })).close();
  }, SLOW);
  afterAll(() => rm(seedDir, { recursive: true, force: true }));

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'guildhall-embedded-'));
    await cp(seedDir, dataDir, { recursive: true });
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it(
    'serves PGlite over the wire protocol to the same DataSource, migrations and drift check as a real server',
    async () => {
      const embedded = await startEmbeddedPostgres();
      const dataSource = await createDataSource({ url: embedded.url, poolSize: 4 }).initialize();
      try {
        expect(embedded.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
        expect(await runMigrations(dataSource)).toEqual(migrations.map((migration) => migration.name));
        const drift = await dataSource.driver.createSchemaBuilder().log();
        expect(drift.upQueries.map((query) => query.query)).toEqual([]);

        // Several pooled connections at once, each in its own transaction, one of them rolled back.
        await Promise.all(
          ['a', 'b', 'c', 'd'].map((suffix) =>
            dataSource
              .transaction(async (manager) => {
                await manager.insert(DaoEntity, { ...dao, slug: `dao-${suffix}${suffix}` });
                if (suffix === 'c') throw new Error('roll back');
              })
              .catch((error: Error) => expect(error.message).toBe('roll back')),
          ),
        );
        const slugs = (await dataSource.getRepository(DaoEntity).find({ order: { slug: 'ASC' } })).map(
          (row) => row.slug,
        );
        expect(slugs).toEqual(['dao-aa', 'dao-bb', 'dao-dd']);
      } finally {
        await dataSource.destroy();
        await embedded.close();
      }
    },
    SLOW,
  );

  it(
    'flushes the data directory on close so the next start reads what was written',
    async () => {
      const first = await startEmbeddedPostgres({ dataDir });
      const writer = await createDataSource({ url: first.url }).initialize();
      await runMigrations(writer);
      await writer.getRepository(DaoEntity).insert({ ...dao });
      await writer.destroy();
      await first.close();
      await expect(access(join(dataDir, LOCK_FILE_NAME))).rejects.toThrow('ENOENT');

      const second = await startEmbeddedPostgres({ dataDir });
      const reader = await createDataSource({ url: second.url }).initialize();
      try {
        expect(await runMigrations(reader)).toEqual([]);
        expect(await reader.getRepository(DaoEntity).findOneByOrFail({ slug: dao.slug })).toMatchObject(dao);
      } finally {
        await reader.destroy();
        await second.close();
      }
    },
    SLOW,
  );

  it(
    'refuses a data directory another process has open, with a typed error, and leaves it intact',
    async () => {
      const embedded = await startEmbeddedPostgres({ dataDir });
      try {
        const client = new pg.Client(embedded.url);
        await client.connect();
        await client.query('CREATE TABLE kept (value text)');
        await client.query(`INSERT INTO kept VALUES ('still here')`);
        await client.end();

        const other = await openFromAnotherProcess(dataDir);
        expect(other).toEqual({
          code: DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED,
          message: expect.stringContaining(`process ${process.pid}`) as string,
        });
        // The same process opening it twice is refused as well.
        await expect(startEmbeddedPostgres({ dataDir })).rejects.toBeInstanceOf(DatabaseError);
      } finally {
        await embedded.close();
      }

      const reopened = await startEmbeddedPostgres({ dataDir });
      const client = new pg.Client(reopened.url);
      await client.connect();
      try {
        expect((await client.query('SELECT value FROM kept')).rows).toEqual([{ value: 'still here' }]);
      } finally {
        await client.end();
        await reopened.close();
      }
    },
    SLOW,
  );

  it(
    'takes over the lock a crashed process left behind',
    async () => {
      const { stdout } = await run(process.execPath, ['--eval', 'console.log(process.pid)']);
      const deadPid = Number(stdout.trim());
      await writeFile(join(dataDir, LOCK_FILE_NAME), JSON.stringify({ pid: deadPid, hostname: hostname() }));

      const embedded = await startEmbeddedPostgres({ dataDir });
      await embedded.close();
      await expect(access(join(dataDir, LOCK_FILE_NAME))).rejects.toThrow('ENOENT');
    },
    SLOW,
  );
});
