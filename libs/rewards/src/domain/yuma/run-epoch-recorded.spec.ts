import { createHash } from 'node:crypto';
import type { SparseMatrix } from './matrix.js';
import { runEpoch, runEpochSparse, type SparseYumaResult } from './run-epoch.js';
import type { YumaParamsInput } from './yuma-params.js';

/**
 * Bit-for-bit regression of the epoch: SHA-256 of every output's float64 bytes on a few fixed
 * inputs, recorded from the implementation before its consensus, clipping and bonds steps were
 * rewritten for speed. A faster epoch must give these very numbers, not merely close ones; change
 * a digest only with an intended change of the algorithm.
 */

/** A fixed, well-mixed integer per (row, column, salt): inputs without a random generator. */
const mix = (i: number, j: number, salt: number): number =>
  (Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(j + 1, 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35)) >>> 0;

interface Shape {
  readonly validators: number;
  readonly miners: number;
  /** One weight in `sparsity` is absent. */
  readonly sparsity: number;
  /** Weights are 1..levels (few levels: many ties). */
  readonly levels: number;
}

function sparseInput({ validators, miners, sparsity, levels }: Shape, salt: number) {
  const stake = Array.from({ length: validators }, (_, i) =>
    i % 7 === 6 ? 0 : 1 + (mix(i, 0, salt) % 1000),
  );
  const weights: SparseMatrix = {
    columns: miners,
    rows: stake.map((_, i) => {
      const columns = Array.from({ length: miners }, (_, j) => j).filter(
        (j) => mix(i, j, salt + 1) % sparsity !== 0,
      );
      return {
        indices: Int32Array.from(columns),
        values: Float64Array.from(columns, (j) => 1 + (mix(i, j, salt + 2) % levels)),
      };
    }),
  };
  return { stake, weights };
}

/** Two epochs, the second carrying the first's bonds: the one recorded. */
function twoEpochs(shape: Shape, salt: number, params: YumaParamsInput): SparseYumaResult {
  const { stake, weights } = sparseInput(shape, salt);
  const { bonds } = runEpochSparse({ stake, weights, params });
  return runEpochSparse({ stake, weights, bondsPrev: bonds, params });
}

function digests(result: SparseYumaResult): Record<string, string> {
  const digest = (numbers: Iterable<number>) =>
    createHash('sha256').update(Float64Array.from(numbers)).digest('hex').slice(0, 16);
  return {
    consensus: digest(result.consensus),
    incentive: digest(result.incentive),
    dividends: digest(result.dividends),
    validatorTrust: digest(result.validatorTrust),
    bonds: digest(
      result.bonds.rows.flatMap(({ indices, values }) => [indices.length, ...indices, ...values]),
    ),
  };
}

const SMALL: Shape = { validators: 16, miners: 300, sparsity: 2, levels: 65_535 };
const TIES: Shape = { validators: 64, miners: 2_000, sparsity: 3, levels: 5 };
const DENSE: Shape = { validators: 40, miners: 500, sparsity: 1_000_000, levels: 65_535 };

describe('runEpochSparse, recorded outputs', () => {
  it.each([
    ['Yuma 2, 16 × 300, half the weights', SMALL, {}],
    ['Yuma 3 with liquid alpha, 16 × 300', SMALL, { yuma3: true, liquidAlpha: { enabled: true } }],
    ['Yuma 2, κ 0.3, penalty 0.5, 64 × 2,000, tied weights', TIES, { kappa: 0.3, bondsPenalty: 0.5 }],
    ['Yuma 3, κ 0.7, 64 × 2,000, tied weights', TIES, { yuma3: true, kappa: 0.7 }],
    ['Yuma 2, dense 40 × 500', DENSE, {}],
  ] as const)('%s', (name, shape, params) => {
    expect(digests(twoEpochs(shape, name.length, params))).toEqual(RECORDED[name]);
  });

  it('runEpoch, 60 participants in subtensor layout', () => {
    const n = 60;
    const stake = Array.from({ length: n }, (_, uid) => (uid % 5 === 0 ? 1 + (mix(uid, 0, 3) % 100) : 0));
    const weights = stake.map((_, i) =>
      stake.map((_, j) => (stake[i] > 0 && i !== j ? mix(i, j, 4) % 65_536 : 0)),
    );
    const first = runEpoch({ stake, weights });
    const result = runEpoch({ stake, weights, bondsPrev: first.bonds });
    const rows = result.bonds.map((row) => ({
      indices: Int32Array.from(row, (_, j) => j),
      values: Float64Array.from(row),
    }));
    expect(digests({ ...result, bonds: { columns: n, rows } })).toEqual(RECORDED['runEpoch 60']);
  });
});

const RECORDED: Record<string, Record<string, string>> = {
  'Yuma 2, 16 × 300, half the weights': {
    bonds: 'c2c4d1cae9f337b6',
    consensus: '8b42d96b6373add0',
    dividends: '3971e4f8c98eca1c',
    incentive: '2f3714fb01331944',
    validatorTrust: '48feeaf41cff48a3',
  },
  'Yuma 3 with liquid alpha, 16 × 300': {
    bonds: '648a5feae4219197',
    consensus: '8b42d96b6373add0',
    dividends: '3d20173008fc84d0',
    incentive: '2f3714fb01331944',
    validatorTrust: '48feeaf41cff48a3',
  },
  'Yuma 2, κ 0.3, penalty 0.5, 64 × 2,000, tied weights': {
    bonds: '9640c3d0557e55a7',
    consensus: '0c38a20f92298c1e',
    dividends: 'ddab98e16acb7515',
    incentive: '72bace71f90e804f',
    validatorTrust: 'b9543690dd6a7ce9',
  },
  'Yuma 3, κ 0.7, 64 × 2,000, tied weights': {
    bonds: 'c280aa216c7388d8',
    consensus: 'a21ea0649d8e1e1c',
    dividends: 'f9e2a97c6dcd924a',
    incentive: '1d484080efb53b95',
    validatorTrust: '08a29d7f6eb79442',
  },
  'Yuma 2, dense 40 × 500': {
    bonds: '56dcb2288966e413',
    consensus: '02ec386bb920f175',
    dividends: '1c9e4e88cf27c035',
    incentive: '21dbf6da49b5517d',
    validatorTrust: '9cbff601ed3f5b3d',
  },
  'runEpoch 60': {
    bonds: '2dad4194e5e962e5',
    consensus: 'ab503ec77c77b6f5',
    dividends: 'c1c42ae907a7985c',
    incentive: 'd486060da3c89588',
    validatorTrust: 'c201833d0edf08a1',
  },
};
