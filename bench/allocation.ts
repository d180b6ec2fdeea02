/**
 * Time of one round's allocation (allocateRound) for 100,000 contributors with Yuma-like,
 * heavy-tailed incentives (seeded Pareto, as floats summing to 1) and 1,000 reviewers: once spread
 * over the seven kind pools, once all in one pool. A 0.5% per-contributor cap holds the heaviest
 * contributors (several redistribution steps) and a minimum payout of 2 tokens drops the lightest.
 * Prints the median of the rounds.
 *
 *   npm run bench:allocation         # 5 rounds
 *   npm run bench:allocation -- 11
 */
import {
  allocateRound,
  ATTESTATION_KINDS,
  type AllocationEntry,
  type AllocationInput,
  type AllocationResult,
  type AttestationKind,
} from '@guildhall/rewards/domain';
import { seededRandom } from './support/seeded-random.js';

const rounds = Number(process.argv[2] ?? 5);
const CONTRIBUTORS = 100_000;
const REVIEWERS = 1_000;
const TOKEN = 10n ** 18n;

/** A random-looking 20-byte address, in mixed case as checksummed addresses are. */
const address = (random: () => number): string =>
  `0x${Array.from({ length: 40 }, () => '0123456789abcdefABCDEF'[Math.floor(random() * 22)]).join('')}`;

/** Pareto(α = 1.2) weights normalized to sum 1, as Yuma's incentive and dividends are. */
function paretoEntries(count: number, seed: number): AllocationEntry<null>[] {
  const random = seededRandom(seed);
  const raw = Array.from({ length: count }, () => (1 - random()) ** (-1 / 1.2));
  const total = raw.reduce((sum, value) => sum + value, 0);
  return raw.map((value) => ({ recipient: address(random), weight: value / total, details: null }));
}

function roundOf(kinds: readonly AttestationKind[]): AllocationInput<null> {
  const contributors = paretoEntries(CONTRIBUTORS, 1);
  const byKind = Object.fromEntries(
    kinds.map((kind, k) => [kind, contributors.filter((_, index) => index % kinds.length === k)]),
  );
  const kindPools = Object.fromEntries(
    ATTESTATION_KINDS.map((kind, k) => [
      kind,
      { shareBps: k === 0 ? 10_000 - 1_500 * 6 : 1_500, floorBps: 500 },
    ]),
  );
  return {
    params: { budget: 1_000_000n * TOKEN, kindPools, contributorCapBps: 50, minPayout: 2n * TOKEN },
    contributors: byKind,
    reviewers: paretoEntries(REVIEWERS, 2),
  };
}

function measure(input: AllocationInput<null>): { ms: number; result: AllocationResult<null> } {
  let result = allocateRound(input);
  const times = Array.from({ length: rounds }, () => {
    const started = performance.now();
    result = allocateRound(input);
    return performance.now() - started;
  }).sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

console.log(`allocateRound, ${CONTRIBUTORS.toLocaleString('en')} contributors, median of ${rounds} rounds`);
for (const [label, kinds] of [
  ['7 kind pools', ATTESTATION_KINDS],
  ['1 kind pool ', ATTESTATION_KINDS.slice(0, 1)],
] as const) {
  const { ms, result } = measure(roundOf(kinds));
  const capped = result.pools.reduce((sum, pool) => sum + pool.capped, 0);
  const belowMinimum = result.pools.reduce((sum, pool) => sum + pool.belowMinimum, 0);
  const exact = result.allocated + result.unallocated === result.budget ? 'sum exact' : 'SUM MISMATCH';
  console.log(
    `  ${label}: ${ms.toFixed(0)} ms (${capped} capped, ${belowMinimum.toLocaleString('en')} below the minimum, ${exact})`,
  );
}
