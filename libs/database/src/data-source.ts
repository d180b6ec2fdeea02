import { DataSource, type DataSourceOptions, type LoggerOptions } from 'typeorm';
import { DatabaseError, DatabaseErrorCode } from './database.error.js';
import { migrations } from './migrations/index.js';
import { describeServer, redactPassword } from './server-address.js';

export interface DataSourceConfig {
  /** A `postgres://` URL: a real PostgreSQL server or the embedded one (`startEmbeddedPostgres`). */
  readonly url: string;
  /**
   * The TypeORM entities to map (listed, never globbed: globs break under ESM and jest): the
   * process's composition root passes every lib's. None by default: enough for migrations and SQL.
   */
  readonly entities?: NonNullable<DataSourceOptions['entities']>;
  /** Connections in the pool (pg's `max`). */
  readonly poolSize?: number;
  readonly logging?: LoggerOptions;
  /** How long opening one connection may take before it fails. */
  readonly connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * The one TypeORM DataSource definition, for PostgreSQL through `pg`. The schema only ever changes
 * through the listed migrations, which run in a single transaction: a failure leaves nothing behind.
 */
export const createDataSource = ({
  url,
  entities = [],
  poolSize = 10,
  logging = false,
  connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS,
}: DataSourceConfig): DataSource =>
  new DataSource({
    type: 'postgres',
    url,
    poolSize,
    logging,
    connectTimeoutMS: connectTimeoutMs,
    entities,
    migrations,
    migrationsTransactionMode: 'all',
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL ≥ 13; never try to install an extension.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
  });

/**
 * Creates and connects the DataSource, failing fast (within `connectTimeoutMs`) with a
 * `DATABASE_UNREACHABLE` error that names the server but never its password.
 */
export const connectDataSource = async (config: DataSourceConfig): Promise<DataSource> => {
  const dataSource = createDataSource(config);
  try {
    return await dataSource.initialize();
  } catch (error) {
    const server = describeServer(config.url);
    const reason = redactPassword(error instanceof Error ? error.message : String(error), config.url);
    throw new DatabaseError(
      DatabaseErrorCode.DATABASE_UNREACHABLE,
      `Cannot connect to PostgreSQL at ${server}: ${reason}`,
      { server },
    );
  }
};

/** Applies the pending migrations in one transaction and returns their names, oldest first. */
export const runMigrations = async (dataSource: DataSource): Promise<string[]> => {
  try {
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    return applied.map((migration) => migration.name);
  } catch (error) {
    throw new DatabaseError(
      DatabaseErrorCode.MIGRATION_FAILED,
      `Migrations failed and were rolled back: ${error instanceof Error ? error.message : String(error)}`,
      {},
      { cause: error },
    );
  }
};
