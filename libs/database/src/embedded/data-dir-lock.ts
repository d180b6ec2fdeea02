import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DatabaseError, DatabaseErrorCode } from '../database.error.js';

export const LOCK_FILE_NAME = 'guildhall.lock';

interface LockOwner {
  readonly pid: number;
  readonly hostname: string;
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
      ? { pid: owner.pid, hostname: owner.hostname }
      : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/**
 * Takes the data directory's lock file, so a second process cannot open (and corrupt) a data
 * directory PGlite already has open. The file is written whole and then hard-linked into place,
 * which either succeeds or finds an existing lock. A lock left by a process that no longer runs on
 * this host (a crash) is taken over. Returns the function that releases the lock.
 */
export const lockDataDir = async (dataDir: string): Promise<() => Promise<void>> => {
  const path = join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, hostname: hostname() };
  const draft = `${path}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, JSON.stringify(me));
  try {
    for (;;) {
      try {
        await link(draft, path);
        return () => unlink(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = await readOwner(path);
      if (owner !== undefined && (owner.hostname !== me.hostname || isAlive(owner.pid))) {
        throw new DatabaseError(
          DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED,
          `The embedded database in ${dataDir} is already open (process ${owner.pid} on ${owner.hostname}). ` +
            `Stop that process, or delete ${path} if it is certainly not running.`,
          { dataDir, pid: owner.pid, hostname: owner.hostname },
        );
      }
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  } finally {
    await unlink(draft);
  }
};
