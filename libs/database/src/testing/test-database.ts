import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { connectDataSource, createDataSource, runMigrations } from '../data-source.js';
import { migrations } from '../migrations/index.js';

export interface TestDatabaseOptions {
  /** false: an empty database (no tables, no migrations), for testing migrations themselves. */
  readonly migrated?: boolean;
  /** The entities `dataSource` maps (none by default: SQL only). */
  readonly entities?: NonNullable<DataSourceOptions['entities']>;
}

export interface TestDatabase {
  /** URL of this suite's own database. */
  readonly url: string;
  /** Connected to `url`; migrated unless asked for an empty database. */
  readonly dataSource: DataSource;
  /** Closes `dataSource` and drops the database, terminating any connection still open. */
  drop(): Promise<void>;
}

const TEST_DATABASE_PREFIX = 'guildhall_test_';
const TEMPLATE_PREFIX = 'guildhall_tpl_';
/** Databases of crashed runs and templates of other migration sets are dropped after this. */
const MAX_AGE_MS = 6 * 60 * 60 * 1000;
/** pg_advisory_lock key that serializes template builds and clean-ups across jest runs. */
const HARNESS_LOCK_KEY = 0x6775_696c_6468; // "guildh"

/** The test server, as the jest globalSetup (test/setup/global-setup.ts) checked and passed it on. */
const serverUrl = (): string => {
  // eslint-disable-next-line no-restricted-syntax -- test harness input from the jest globalSetup, not app config.
  const url = process.env.TEST_DATABASE_URL;
  if (url === undefined) {
    throw new Error(
      'createTestDatabase() runs in the jest service, integration or e2e project, whose globalSetup sets TEST_DATABASE_URL',
    );
  }
  return url;
};

const withDatabase = (url: string, database: string): string => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

/**
 * The template's name: a hash of every migration's name and code, so an edited migration gets a
 * fresh template instead of a stale one.
 */
export const templateDatabaseName = (): string => {
  const hash = createHash('sha256');
  for (const migration of migrations) hash.update(`${migration.name}\n${String(migration)}\n`);
  return `${TEMPLATE_PREFIX}${hash.digest('hex').slice(0, 16)}`;
};

const withAdminClient = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: serverUrl(), connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

const dropDatabase = async (client: pg.Client, name: string): Promise<void> => {
  await client.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE false`).catch((error: { code?: string }) => {
    if (error.code !== '3D000') throw error; // invalid_catalog_name: already gone
  });
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
};

/** Drops the test databases of runs that crashed before their `drop()`, and out-of-date templates. */
const dropExpired = async (client: pg.Client, template: string): Promise<void> => {
  const { rows } = await client.query<{ datname: string; complete: boolean; comment: string | null }>(
    `SELECT datname, datistemplate AS complete, shobj_description(oid, 'pg_database') AS comment
       FROM pg_database WHERE datname LIKE 'guildhall\\_%'`,
  );
  const expired = rows.filter(({ datname, complete, comment }) => {
    if (datname.startsWith(TEST_DATABASE_PREFIX)) {
      const createdAt = parseInt(datname.slice(TEST_DATABASE_PREFIX.length).split('_')[0], 36);
      return Date.now() - createdAt > MAX_AGE_MS;
    }
    if (!datname.startsWith(TEMPLATE_PREFIX) || datname === template) return false;
    // Templates are only built under the harness lock, which we hold: an incomplete one is a leftover.
    return !complete || Date.now() - Date.parse(comment ?? '') > MAX_AGE_MS;
  });
  for (const { datname } of expired) await dropDatabase(client, datname);
};

/**
 * Makes sure the migrated template exists: built once, then reused by every suite and every later
 * run until the migrations change. Two jest runs racing are serialized by an advisory lock.
 */
const ensureTemplate = async (client: pg.Client): Promise<string> => {
  const template = templateDatabaseName();
  await client.query('SELECT pg_advisory_lock($1)', [HARNESS_LOCK_KEY]);
  try {
    await dropExpired(client, template);
    const { rows } = await client.query<{ complete: boolean }>(
      'SELECT datistemplate AS complete FROM pg_database WHERE datname = $1',
      [template],
    );
    if (rows[0]?.complete === true) return template;
    if (rows.length > 0) await dropDatabase(client, template);

    await client.query(`CREATE DATABASE "${template}"`);
    const dataSource = await createDataSource({
      url: withDatabase(serverUrl(), template),
      poolSize: 1,
    }).initialize();
    try {
      await runMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
    // Marked complete (datistemplate) only once migrated; no connections, so cloning never waits.
    await client.query(`COMMENT ON DATABASE "${template}" IS '${new Date().toISOString()}'`);
    await client.query(`ALTER DATABASE "${template}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    return template;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [HARNESS_LOCK_KEY]);
  }
};

/**
 * A fresh database for one test suite, on the server in TEST_DATABASE_URL: a clone of the migrated
 * template (no migrations run per suite), or empty. Call it in `beforeAll`, `drop()` in `afterAll`:
 *
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await createTestDatabase(); });
 *   afterAll(() => db.drop());
 */
export const createTestDatabase = async ({
  migrated = true,
  entities,
}: TestDatabaseOptions = {}): Promise<TestDatabase> => {
  // The creation time is part of the name, so a later run can drop what a crashed run left behind.
  const name = `${TEST_DATABASE_PREFIX}${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    const template = migrated ? await ensureTemplate(client) : 'template0';
    await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  });
  const url = withDatabase(serverUrl(), name);
  const dataSource = await connectDataSource({
    url,
    poolSize: 5,
    ...(entities === undefined ? {} : { entities }),
  });
  let dropped = false;
  return {
    url,
    dataSource,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdminClient((client) => dropDatabase(client, name));
    },
  };
};

/**
 * Undoes the migrations run after `name` (a migration class's name), newest first: the database as it
 * was right after `name`, whatever migrations later work added.
 */
export async function undoMigrationsAfter(dataSource: DataSource, name: string): Promise<void> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  for (;;) {
    const [last] = await dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM "${table}" ORDER BY id DESC LIMIT 1`,
    );
    if (last === undefined) throw new Error(`Migration ${name} has not run`);
    if (last.name === name) return;
    await dataSource.undoLastMigration();
  }
}
