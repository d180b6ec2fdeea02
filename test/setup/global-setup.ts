import pg from 'pg';

const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * globalSetup of the service, integration and e2e projects. Checks that the test PostgreSQL answers — a run
 * without it fails here, it never skips — and hands its URL to the workers, which inherit this
 * process's environment. Each suite then calls `createTestDatabase()` from
 * libs/database/src/testing, which builds the migrated template database once (under an advisory
 * lock) and clones it. That work cannot happen here: jest loads globalSetup as CommonJS without
 * its moduleNameMapper, so this file can import packages but not the libs' ESM sources.
 */
export default async function globalSetup(): Promise<void> {
  const configured = process.env.TEST_DATABASE_URL;
  const url = configured ?? DEFAULT_TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = url;

  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const where = URL.canParse(url)
      ? `${new URL(url).hostname}:${new URL(url).port || '5432'}`
      : 'an unparseable URL';
    const source =
      configured === undefined ? 'the default, TEST_DATABASE_URL is unset' : 'from TEST_DATABASE_URL';
    throw new Error(
      `Integration tests need PostgreSQL: nothing answered at ${where} (${source}): ` +
        `${error instanceof Error ? error.message : String(error)}. ` +
        'Start PostgreSQL, or set TEST_DATABASE_URL=postgres://user@host:port/database (a superuser or CREATEDB role).',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
