/**
 * Time and peak memory of one Yuma epoch, Yuma 2 and Yuma 3 with liquid alpha, each carrying the
 * bonds of a previous epoch over the same seeded random weights:
 * - the issue's shapes, through runEpochSparse (validators × miners): dense, 256 reviewers each
 *   scoring all 10,000 contributors; sparse, 1,000 reviewers × 100,000 contributors with 1,000,000
 *   scores (1,000 distinct contributors per reviewer);
 * - small n×n epochs through runEpoch (subtensor's uid layout), a tenth of the participants
 *   validators weighing every miner.
 * Each case runs in a child process of its own, so the peak RSS it reports
 * (`process.resourceUsage().maxRSS`) is that case's alone: Node itself, the input, the untimed
 * first epoch that makes the bonds, and the timed epochs. Prints the median time of the rounds.
 *
 *   npm run bench:yuma               # 3 rounds
 *   npm run bench:yuma -- 7
 */
import { fork } from 'node:child_process';
import { runEpoch, runEpochSparse, type SparseMatrix, type YumaParamsInput } from '@guildhall/rewards/domain';
import { seededRandom } from './support/seeded-random.js';

/** Builds a case's input; given the parameters, runs the first epoch and returns the timed one. */
type Prepare = (params: YumaParamsInput) => () => unknown;

const SHAPES: Record<string, () => Prepare> = {
  'dense 256 × 10,000': () => sparseEpoch(256, 10_000, 10_000),
  'sparse 1,000 × 100,000, 1,000,000 scores': () => sparseEpoch(1_000, 100_000, 1_000),
  'n×n, n = 256': () => squareEpoch(256),
  'n×n, n = 1,024': () => squareEpoch(1_024),
};
const ENGINES: Record<string, YumaParamsInput> = {
  'Yuma 2': {},
  'Yuma 3 + liquid alpha': { yuma3: true, liquidAlpha: { enabled: true } },
};

interface Measure {
  readonly medianMs: number;
  /** RSS of the child once its modules are loaded, before it builds anything. */
  readonly startMiB: number;
  /** RSS once the input is built, before any epoch. */
  readonly inputMiB: number;
  readonly peakMiB: number;
}

const MiB = 1024 * 1024;
const mib = (value: number): string => `${value.toFixed(0)} MiB`;

if (process.argv[2] === '--case') {
  const [shape, engine, rounds] = process.argv.slice(3);
  const startMiB = process.memoryUsage().rss / MiB;
  const prepare = SHAPES[shape]();
  const inputMiB = process.memoryUsage().rss / MiB;
  const epoch = prepare(ENGINES[engine]);
  const times = Array.from({ length: Number(rounds) }, () => {
    const started = performance.now();
    epoch();
    return performance.now() - started;
  }).sort((a, b) => a - b);
  const measure: Measure = {
    medianMs: times[Math.floor(times.length / 2)],
    startMiB,
    inputMiB,
    peakMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
  };
  process.send!(measure);
} else {
  const rounds = Number(process.argv[2] ?? 3);
  console.log(
    `Yuma epoch with the previous epoch's bonds, median of ${rounds} rounds; one child process per case,`,
  );
  console.log('peak RSS = its process.resourceUsage().maxRSS (Node, input, first epoch and timed epochs)');
  for (const shape of Object.keys(SHAPES))
    for (const engine of Object.keys(ENGINES)) {
      const child = fork(import.meta.filename, ['--case', shape, engine, String(rounds)]);
      const measure = await new Promise<Measure>((resolve, reject) => {
        child.once('message', (message) => resolve(message as Measure));
        child.once('exit', (code) => reject(new Error(`${shape}, ${engine}: the case exited with ${code}`)));
      });
      console.log(
        `  ${`${shape}, ${engine}:`.padEnd(66)} ${measure.medianMs.toFixed(0).padStart(5)} ms, ` +
          `peak RSS ${mib(measure.peakMiB)} (at start ${mib(measure.startMiB)}, input built ${mib(measure.inputMiB)})`,
      );
    }
}

/** `validators` rows with stake, each scoring `perRow` distinct miners of `miners` with u16 weights. */
function sparseEpoch(validators: number, miners: number, perRow: number): Prepare {
  const random = seededRandom(validators + miners + perRow);
  const stake = Array.from({ length: validators }, () => 1 + random() * 99);
  const weights: SparseMatrix = {
    columns: miners,
    rows: stake.map(() => {
      const indices = someColumns(random, miners, perRow);
      return { indices, values: Float64Array.from(indices, () => 1 + Math.floor(random() * 65_535)) };
    }),
  };
  return (params) => {
    const { bonds } = runEpochSparse({ stake, weights, params });
    return () => runEpochSparse({ stake, weights, bondsPrev: bonds, params });
  };
}

/** `count` distinct columns below `columns`, increasing (Floyd's sampling). */
function someColumns(random: () => number, columns: number, count: number): Int32Array {
  const chosen = new Set<number>();
  for (let j = columns - count; j < columns; j += 1) {
    const pick = Math.floor(random() * (j + 1));
    chosen.add(chosen.has(pick) ? j : pick);
  }
  return Int32Array.from(chosen).sort();
}

/** n participants, every tenth a validator weighing every miner, through the n×n runEpoch. */
function squareEpoch(n: number): Prepare {
  const random = seededRandom(n);
  const isValidator = (uid: number): boolean => uid % 10 === 0;
  const stake = Array.from({ length: n }, (_, uid) => (isValidator(uid) ? 1 + random() * 99 : 0));
  const weights = stake.map((_, i) =>
    stake.map((_, j) => (isValidator(i) && !isValidator(j) ? Math.floor(random() * 65_536) : 0)),
  );
  return (params) => {
    const { bonds } = runEpoch({ stake, weights, params });
    return () => runEpoch({ stake, weights, bondsPrev: bonds, params });
  };
}
