/**
 * The offline recount against snapshot.js: for each vote type, a proposal export of 100,000 seeded
 * random votes with 10 choices (basic: its 3; ranked choice also with 20), and the largest case,
 * 1,000,000 single-choice votes. Each file is counted by two whole processes, alternating round by
 * round: `guildhall recount --input FILE` (the built CLI) and snapshot.js 0.17's voting class of
 * the type reading, parsing and counting the same file (bench/support/snapshot-recount.ts). Prints
 * the median wall time of each, their ratio (judged: ≤ 0.8 on every type, ≤ 0.5 on the largest),
 * how much of snapshot.js's process is loading its package, and checks that the two results agree
 * within float error (snapshot.js counts in float64). Also prints the load average before and
 * after: on a shared machine only the ratio means much.
 *
 *   npm run bench:recount              # 3 rounds per case
 *   npm run bench:recount -- 5
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { checksumAddress, keccak256Hex, type VoteType } from '@guildhall/core';
import { someVotes } from '../libs/governance/src/domain/tally/testing/votes.builder.js';

const run = promisify(execFile);
const rounds = Number(process.argv[2] ?? 3);
const CLI = 'dist/apps/cli/src/main.js';
const SNAPSHOT = 'dist/bench/support/snapshot-recount.js';

interface Case {
  readonly type: VoteType;
  readonly choices: number;
  readonly votes: number;
  readonly target: number;
}
const CASES: readonly Case[] = [
  { type: 'single-choice', choices: 10, votes: 100_000, target: 0.8 },
  { type: 'approval', choices: 10, votes: 100_000, target: 0.8 },
  { type: 'quadratic', choices: 10, votes: 100_000, target: 0.8 },
  { type: 'ranked-choice', choices: 10, votes: 100_000, target: 0.8 },
  { type: 'ranked-choice', choices: 20, votes: 100_000, target: 0.8 },
  { type: 'weighted', choices: 10, votes: 100_000, target: 0.8 },
  { type: 'basic', choices: 3, votes: 100_000, target: 0.8 },
  { type: 'single-choice', choices: 10, votes: 1_000_000, target: 0.5 },
];

interface SnapshotOutput {
  readonly scores: number[];
  readonly scoresTotal: number;
  readonly importMs: number;
}
interface RecountOutput {
  readonly scores: string[];
  readonly scoresTotal: string;
}

/** The export as `guildhall export proposal` writes it: checksummed voters, amounts as strings. */
function exportText({ type, choices, votes }: Case): string {
  const generated = someVotes(type)
    .withChoices(choices)
    .withCount(votes)
    .withSeed(votes + choices)
    .build();
  const index = new Uint8Array(4);
  const view = new DataView(index.buffer);
  return JSON.stringify({
    type,
    choices: Array.from({ length: choices }, (_, choice) => `Choice ${choice + 1}`),
    quorum: '0',
    votes: generated.map((vote, voter) => {
      view.setUint32(0, voter);
      return {
        voter: checksumAddress(`0x${keccak256Hex(index).slice(-40)}`),
        choice: vote.choice,
        vp: vote.vp.toString(),
      };
    }),
  });
}

async function timed(args: string[]): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 });
  return { ms: performance.now() - started, stdout };
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/** Our exact scores against snapshot.js's floats: equal within 1e-9 of the total. */
function disagreement(ours: RecountOutput, theirs: SnapshotOutput): string | null {
  const total = Number(ours.scoresTotal);
  const tolerance = total * 1e-9;
  if (Math.abs(total - theirs.scoresTotal) > tolerance) {
    return `scoresTotal ${ours.scoresTotal} vs ${theirs.scoresTotal}`;
  }
  const index = ours.scores.findIndex(
    (score, at) => !(Math.abs(Number(score) - theirs.scores[at]) <= tolerance),
  );
  return index === -1 ? null : `choice ${index + 1}: ${ours.scores[index]} vs ${theirs.scores[index]}`;
}

const dir = await mkdtemp(join(tmpdir(), 'guildhall-bench-recount-'));
try {
  console.log(
    `recount: guildhall vs snapshot.js, whole processes, median of ${rounds} rounds; load ${load()}`,
  );
  let failures = 0;
  for (const test of CASES) {
    const file = join(dir, `${test.type}-${test.choices}-${test.votes}.json`);
    await writeFile(file, exportText(test));
    const ours: number[] = [];
    const theirs: number[] = [];
    const loading: number[] = [];
    let problem: string | null = null;
    for (let round = 0; round < rounds; round += 1) {
      const recount = await timed([CLI, 'recount', '--input', file]);
      const snapshot = await timed([SNAPSHOT, file]);
      const snapshotOutput = JSON.parse(snapshot.stdout) as SnapshotOutput;
      ours.push(recount.ms);
      theirs.push(snapshot.ms);
      loading.push(snapshotOutput.importMs);
      problem ??= disagreement(JSON.parse(recount.stdout) as RecountOutput, snapshotOutput);
    }
    await rm(file);
    const ratio = median(ours) / median(theirs);
    const verdict = problem !== null ? `DISAGREE (${problem})` : ratio <= test.target ? 'ok' : 'over target';
    if (verdict !== 'ok') failures += 1;
    console.log(
      `  ${`${test.type}, ${test.choices} choices, ${test.votes.toLocaleString('en')} votes:`.padEnd(46)}` +
        ` guildhall ${median(ours).toFixed(0).padStart(5)} ms, snapshot.js ${median(theirs).toFixed(0).padStart(5)} ms` +
        ` (loading the package ${median(loading).toFixed(0)} ms), ratio ${ratio.toFixed(2)} (target ≤ ${test.target}) ${verdict}`,
    );
  }
  console.log(
    `load ${load()}; ${failures === 0 ? 'every case on target' : `${failures} case(s) not on target`}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
