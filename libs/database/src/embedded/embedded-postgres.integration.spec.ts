import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { createDataSource, runMigrations } from '../data-source.js';
import { ApiKeyEntity } from '../datasources/index.js';
import { DatabaseErrorCode } from '../database.error.js';
import { migrations } from '../migrations/index.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

/** initdb of a new cluster takes a second or two, more on a busy machine. */
const SLOW = 120_000;

const query = async (url: string, text: string): Promise<unknown[]> => {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(text)).rows;
  } finally {
    await client.end();
  }
};

describe('startEmbeddedPostgres', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = join(await mkdtemp(join(tmpdir(), 'guildhall-embedded-')), 'pgdata');
  });
  afterEach(() => rm(join(dataDir, '..'), { recursive: true, force: true }));

  it(
    'serves real PostgreSQL to the same DataSource, migrations and drift check as any server, and keeps it across a restart',
    async () => {
      const first = await startEmbeddedPostgres({ dataDir });
      expect(first.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const dataSource = await createDataSource({
        url: first.url,
        entities: [ApiKeyEntity],
        poolSize: 4,
      }).initialize();
      try {
        expect(await runMigrations(dataSource)).toEqual(migrations.map((migration) => migration.name));
        const drift = await dataSource.driver.createSchemaBuilder().log();
        expect(drift.upQueries.map((query) => query.query)).toEqual([]);

        // Several pooled connections at once, each in its own transaction, one of them rolled back.
        await Promise.all(
          ['a', 'b', 'c', 'd'].map((suffix) =>
            dataSource
              .transaction(async (manager) => {
                await manager.insert(ApiKeyEntity, { name: `key-${suffix}`, keyHash: suffix.repeat(64) });
                if (suffix === 'c') throw new Error('roll back');
              })
              .catch((error: Error) => expect(error.message).toBe('roll back')),
          ),
        );
      } finally {
        await dataSource.destroy();
        await first.close();
      }

      const second = await startEmbeddedPostgres({ dataDir });
      const reader = await createDataSource({ url: second.url, entities: [ApiKeyEntity] }).initialize();
      try {
        expect(await runMigrations(reader)).toEqual([]);
        const names = (await reader.getRepository(ApiKeyEntity).find({ order: { name: 'ASC' } })).map(
          (row) => row.name,
        );
        expect(names).toEqual(['key-a', 'key-b', 'key-d']);
      } finally {
        await reader.destroy();
        await second.close();
      }
    },
    SLOW,
  );

  it(
    'stops the server a killed owner left running on the data directory, and starts on its data',
    async () => {
      // Another process starts the server, writes, says so, and is killed with SIGKILL: its
      // PostgreSQL child keeps running, holding the data directory and its port.
      const module = join(import.meta.dirname, 'embedded-postgres.ts');
      const owner = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '--eval',
          `const { startEmbeddedPostgres } = await import(${JSON.stringify(module)});
           const pg = (await import('pg')).default;
           const { url } = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
           const client = new pg.Client(url);
           await client.connect();
           await client.query("CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
           await client.end();
           console.log(url);
           setInterval(() => undefined, 1_000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const [orphanUrl] = (await once(createInterface({ input: owner.stdout }), 'line')) as [string];
      owner.kill('SIGKILL');
      await once(owner, 'exit');
      expect(await query(orphanUrl, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);

      const embedded = await startEmbeddedPostgres({ dataDir });
      try {
        expect(await query(embedded.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
        if (embedded.url !== orphanUrl) await expect(query(orphanUrl, 'SELECT 1')).rejects.toThrow();
      } finally {
        await embedded.close();
      }
    },
    SLOW,
  );

  it(
    'answers a server that cannot start with a typed error carrying its own words',
    async () => {
      const taken = createServer().listen(0, '127.0.0.1');
      await once(taken, 'listening');
      const { port } = taken.address() as { port: number };
      try {
        await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toMatchObject({
          code: DatabaseErrorCode.EMBEDDED_START_FAILED,
          message: expect.stringMatching(/could not (bind|create listen)/i) as string,
        });
      } finally {
        taken.close();
      }
    },
    SLOW,
  );
});
