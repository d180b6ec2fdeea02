/**
 * Devnet start and dev stack deployment (Safe 1.4.1 at canonical addresses, tokens, funding,
 * delegation, the 2-of-3 Safe), in one process as `npm start` does. Prints the figures.
 *
 *   npm run bench:devnet -- 5
 */
import { deployDevStack, Devnet } from '@guildhall/chain';

const rounds = Number(process.argv[2] ?? 5);
const rows: Array<{ start: number; deploy: number }> = [];
for (let round = 0; round < rounds; round += 1) {
  const t0 = performance.now();
  const devnet = await Devnet.start();
  const t1 = performance.now();
  await deployDevStack(devnet.url);
  const t2 = performance.now();
  await devnet.close();
  rows.push({ start: t1 - t0, deploy: t2 - t1 });
}
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
rows.forEach((row, i) =>
  console.log(
    `round ${i + 1}${i === 0 ? ' (first in process)' : ''}: devnet start ${fmt(row.start)}, dev stack deployment ${fmt(row.deploy)}`,
  ),
);
