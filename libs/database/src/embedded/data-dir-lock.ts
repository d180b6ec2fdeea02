import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
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

const readOwner = async (path: string): Promise<LockOwner | undefined> => {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.hostname === 'string'
      ? { pid: owner.pid, hostname: owner.hostname, token: String(owner.token ?? '') }
      : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
};

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
      const owner = await readOwner(path);
      if (owner !== undefined && (owner.hostname !== me.hostname || isAlive(owner.pid))) {
        throw new DatabaseError(
          DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED,
          `${dir} is in use by process ${owner.pid} on ${owner.hostname}. ` +
            `Stop that process first, or delete ${path} if it is certainly not running.`,
          { dir, pid: owner.pid, hostname: owner.hostname },
        );
      }
      tookOverFrom = owner;
      await removeStale(path, owner, me);
    }
  } finally {
    await unlink(draft);
  }
};

/**
 * Removes the stale lock `owner` left. Two processes may find the same stale lock: the lock is
 * first moved aside atomically, so each removes only the stale lock it found; a live lock moved
 * aside by mistake (another process took over in between) is put back.
 */
const removeStale = async (path: string, owner: LockOwner | undefined, me: LockOwner): Promise<void> => {
  const aside = `${path}.stale.${me.token}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (owner !== undefined && moved?.token !== owner.token) {
    await link(aside, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  await unlink(aside);
};

const release = async (path: string, me: LockOwner): Promise<void> => {
  if ((await readOwner(path))?.token !== me.token) return;
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
};
