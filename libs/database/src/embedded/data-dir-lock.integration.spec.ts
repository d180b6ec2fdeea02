import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DatabaseErrorCode } from '../database.error.js';
import { LOCK_FILE_NAME, lockDirectory } from './data-dir-lock.js';

const run = promisify(execFile);

/** Tries the lock from a separate Node process (through tsx) and reports what happened. */
const lockFromAnotherProcess = async (
  dir: string,
): Promise<{ code?: string; message?: string; locked?: true }> => {
  const module = join(import.meta.dirname, 'data-dir-lock.ts');
  const script = `
    const { lockDirectory } = await import(${JSON.stringify(module)});
    try {
      const lock = await lockDirectory(${JSON.stringify(dir)});
      await lock.release();
      console.log(JSON.stringify({ locked: true }));
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
  return JSON.parse(stdout) as { code?: string; message?: string; locked?: true };
};

const deadPid = async (): Promise<number> =>
  Number((await run(process.execPath, ['--eval', 'console.log(process.pid)'])).stdout.trim());

describe('lockDirectory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'guildhall-lock-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('refuses a directory another live process holds, naming it, until that process releases it', async () => {
    const lock = await lockDirectory(dir);
    expect(lock.tookOverFrom).toBeUndefined();
    expect(await lockFromAnotherProcess(dir)).toEqual({
      code: DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED,
      message: expect.stringContaining(`in use by process ${process.pid}`) as string,
    });
    await expect(lockDirectory(dir)).rejects.toMatchObject({
      code: DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED,
      details: { pid: process.pid },
    });

    await lock.release();
    expect(await lockFromAnotherProcess(dir)).toEqual({ locked: true });
  }, 60_000);

  it('takes over the lock of a process that no longer runs, and says whose it was', async () => {
    const pid = await deadPid();
    await writeFile(
      join(dir, LOCK_FILE_NAME),
      JSON.stringify({ pid, hostname: hostname(), token: 'crashed' }),
    );
    const lock = await lockDirectory(dir);
    expect(lock.tookOverFrom).toEqual({ pid, hostname: hostname(), token: 'crashed' });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    await expect(readFile(join(dir, LOCK_FILE_NAME))).rejects.toThrow('ENOENT');
  });

  it('releases only its own lock, never one that another process holds since', async () => {
    const lock = await lockDirectory(dir);
    const other = JSON.stringify({ pid: process.pid, hostname: hostname(), token: 'another-owner' });
    await writeFile(join(dir, LOCK_FILE_NAME), other);
    await lock.release();
    expect(await readFile(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(other);
  });

  it('lets exactly one of several contenders take over the same stale lock, every time', async () => {
    const pid = await deadPid();
    for (let attempt = 0; attempt < 50; attempt += 1) {
      await writeFile(join(dir, LOCK_FILE_NAME), JSON.stringify({ pid, hostname: hostname() }));
      const contenders = await Promise.allSettled(Array.from({ length: 4 }, () => lockDirectory(dir)));
      const holders = contenders.flatMap((c) => (c.status === 'fulfilled' ? [c.value] : []));
      expect(holders).toHaveLength(1);
      const refusals = contenders.flatMap((c) =>
        c.status === 'rejected' ? [(c.reason as { code?: string }).code] : [],
      );
      expect(refusals).toEqual(Array(3).fill(DatabaseErrorCode.EMBEDDED_DATA_DIR_LOCKED));
      await holders[0].release();
      expect(await readdir(dir)).toEqual([]);
    }
  });

  it('takes over a lock file that names no process (written by hand or damaged)', async () => {
    await writeFile(join(dir, LOCK_FILE_NAME), 'not a lock');
    const lock = await lockDirectory(dir);
    expect(lock.tookOverFrom).toBeUndefined();
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE_NAME), 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
  });
});
