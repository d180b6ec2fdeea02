/**
 * Time from `npm start` to ready (GET /health answers 200), cold (empty GUILDHALL_HOME) and warm
 * (the same home again: database kept, devnet replayed from its journal). Prints the figures.
 *
 *   npm run bench:startup            # 3 rounds
 *   npm run bench:startup -- 5
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@guildhall/config/testing';

const rounds = Number(process.argv[2] ?? 3);

async function timeToReady(home: string): Promise<number> {
  const [port, devnetPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    env: {
      // eslint-disable-next-line no-restricted-syntax -- the child inherits this shell's environment
      ...process.env,
      GUILDHALL_HOME: home,
      PORT: String(port),
      DEVNET_PORT: String(devnetPort),
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error('not ready within 120 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    process.kill(-child.pid!, 'SIGINT');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const cold: number[] = [];
const warm: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  const home = mkdtempSync(join(tmpdir(), 'guildhall-bench-'));
  try {
    cold.push(await timeToReady(home));
    warm.push(await timeToReady(home));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${(sorted[Math.floor(sorted.length / 2)] / 1000).toFixed(1)} s (min ${(sorted[0] / 1000).toFixed(1)}, max ${(sorted.at(-1)! / 1000).toFixed(1)}, n=${values.length})`;
};
console.log(`npm start → /health 200, cold (empty GUILDHALL_HOME): ${summary(cold)}`);
console.log(`npm start → /health 200, warm (kept data, devnet replayed): ${summary(warm)}`);
