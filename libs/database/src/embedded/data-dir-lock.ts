import { randomBytes } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { DatabaseError, DatabaseErrorCode } from '../database.error.js';

export const LOCK_FILE_NAME = 'guildhall.lock';

export interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
  /** Tells this lock from an earlier one of the same pid, so only its owner releases it. */
  readonly token: string;
}

export interface DirectoryLock {
  /** A lock left by a process that no longer runs, which this one took over. */
  readonly tookOverFrom: LockOwner | undefined;
  /** Removes the lock file if it is still this lock's (never another process's). */
  release(): Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
};

/** The lock file's text, or undefined when there is none. */
const readLock = async (path: string): Promise<string | undefined> => {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** Who a lock file's text names; undefined for text that names nobody (written by hand, damaged). */
const ownerOf = (text: string): LockOwner | undefined => {
  try {
    const owner = JSON.parse(text) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string'
      ? { pid: owner.pid, hostname: owner.hostname, token: String(owner.token ?? '') }
      : undefined;
  } catch {
    return undefined;
  }
};

/** A takeover takes milliseconds; a takeover mutex older than this was left by a crash. */
const TAKEOVER_STALE_MS = 10_000;
const TAKEOVER_RETRY_MS = 25;

/**
 * Takes `dir`'s lock file, so one process at a time uses what the directory holds (GUILDHALL_HOME:
 * the embedded database and the devnet journal). The file is written whole and then hard-linked
 * into place, which either succeeds or finds an existing lock. A lock held by a live process is
 * refused with `EMBEDDED_DATA_DIR_LOCKED` naming it; one left by a process that no longer runs on
 * this host (a crash) is taken over and reported in `tookOverFrom`.
 */
export const lockDirectory = async (dir: string): Promise<DirectoryLock> => {
  const path = join(dir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), token: randomBytes(12).toString('hex') };
  const draft = `${path}.${me.token}`;
  await writeFile(draft, JSON.stringify(me));
  let tookOverFrom: LockOwner | undefined;
  try {
    for (;;) {
      try {
        await link(draft, path);
        return { tookOverFrom, release: () => release(path, me) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await readLock(path);
      if (text === undefined) continue; // released in between: try again
      const owner = ownerOf(text);
      if (owner !== undefined && (owner.hostname !== me.hostname || isAlive(owner.pid))) {
        throw new DatabaseError(
          DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED,
          `${dir} is in use by process ${owner.pid} on ${owner.hostname}. ` +
            `Stop that process first, or delete ${path} if it is certainly not running.`,
          { dir, pid: owner.pid, hostname: owner.hostname },
        );
      }
      tookOverFrom = owner;
      if (!(await removeStale(path, text))) await setTimeout(TAKEOVER_RETRY_MS);
    }
  } finally {
    await unlink(draft);
  }
};

/**
 * Removes the stale lock whose text is `stale`, if it is still there. Several processes may find
 * the same stale lock at once; a takeover mutex (created exclusively) lets one at a time check and
 * remove it, so none removes a lock another has taken since. Answers false when another process
 * holds the mutex (the caller tries again).
 */
const removeStale = async (path: string, stale: string): Promise<boolean> => {
  const mutex = `${path}.takeover`;
  try {
    await writeFile(mutex, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = await stat(mutex).then(
      (stats) => Date.now() - stats.mtimeMs,
      () => 0,
    );
    if (age > TAKEOVER_STALE_MS) await unlink(mutex).catch(ignoreMissing);
    return false;
  }
  try {
    if ((await readLock(path)) === stale) await unlink(path).catch(ignoreMissing);
    return true;
  } finally {
    await unlink(mutex).catch(ignoreMissing);
  }
};

const ignoreMissing = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'ENOENT') throw error;
};

const release = async (path: string, me: LockOwner): Promise<void> => {
  const text = await readLock(path);
  if (text === undefined || ownerOf(text)?.token !== me.token) return;
  await unlink(path).catch(ignoreMissing);
};
