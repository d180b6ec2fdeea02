import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from './data-dir-lock.js';

export interface EmbeddedPostgresOptions {
  /** Where PGlite keeps its files; undefined keeps the database in memory. */
  readonly dataDir?: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /**
   * Client connections the server accepts at once. PGlite runs one backend: the server's
   * multiplexer runs one query at a time and keeps an open transaction on its own connection.
   */
  readonly maxConnections?: number;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@host:port/postgres`, for `pg` and `createDataSource` like any server. */
  readonly url: string;
  /** Stops the server and closes the database, flushing it to `dataDir`. Close clients first. */
  close(): Promise<void>;
}

/**
 * PostgreSQL in-process: PGlite (PostgreSQL in WASM) served over the wire protocol on a local
 * port, so the embedded mode uses the same `pg` driver and DataSource as a real server. A data
 * directory is locked while open: a second process gets `EMBEDDED_DATA_DIR_LOCKED`.
 */
export const startEmbeddedPostgres = async ({
  dataDir,
  host = '127.0.0.1',
  port = 0,
  maxConnections = 100,
}: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> => {
  const cleanup: Array<() => Promise<void>> = [];
  // Undone in reverse, every step even when one fails, so the data directory is never left locked.
  const close = async (): Promise<void> => {
    const failures: unknown[] = [];
    for (const step of cleanup.splice(0).reverse()) {
      await step().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  };
  try {
    if (dataDir !== undefined) {
      await mkdir(dataDir, { recursive: true });
      cleanup.push(await lockDataDir(dataDir));
    }
    const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    cleanup.push(() => db.close());
    const server = new PGLiteSocketServer({ db, host, port, maxConnections });
    await server.start();
    cleanup.push(() => server.stop());
    const boundPort = server.getServerConn().split(':').at(-1);
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return { url: `postgres://postgres@${urlHost}:${boundPort}/postgres`, close };
  } catch (error) {
    await close();
    throw error;
  }
};
