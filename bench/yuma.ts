/**
 * Time of one Yuma epoch (runEpoch, Yuma 2 and Yuma 3 with liquid alpha) for growing numbers of
 * participants, a tenth of them validators weighing every miner with seeded random weights and
 * carrying the previous epoch's bonds. Prints the median of the rounds per size.
 *
 *   npm run bench:yuma               # 5 rounds
 *   npm run bench:yuma -- 11
 */
import { runEpoch, type YumaParamsInput } from '@guildhall/rewards/domain';

const rounds = Number(process.argv[2] ?? 5);

/** mulberry32: the same weights on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function epochOf(n: number): { stake: number[]; weights: number[][] } {
  const random = seededRandom(n);
  const isValidator = (uid: number): boolean => uid % 10 === 0;
  const stake = Array.from({ length: n }, (_, uid) => (isValidator(uid) ? 1 + random() * 99 : 0));
  const weights = stake.map((_, i) =>
    stake.map((_, j) => (isValidator(i) && !isValidator(j) ? Math.floor(random() * 65_536) : 0)),
  );
  return { stake, weights };
}

function medianMs(n: number, params: YumaParamsInput): number {
  const { stake, weights } = epochOf(n);
  const bondsPrev = runEpoch({ stake, weights, params }).bonds;
  const times = Array.from({ length: rounds }, () => {
    const started = performance.now();
    runEpoch({ stake, weights, bondsPrev, params });
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

console.log(`runEpoch, median of ${rounds} rounds`);
for (const n of [64, 256, 512, 1024]) {
  const yuma2 = medianMs(n, {});
  const yuma3 = medianMs(n, { yuma3: true, liquidAlpha: { enabled: true } });
  console.log(`  n = ${String(n).padStart(4)}: Yuma 2 ${yuma2.toFixed(1)} ms, Yuma 3 ${yuma3.toFixed(1)} ms`);
}
