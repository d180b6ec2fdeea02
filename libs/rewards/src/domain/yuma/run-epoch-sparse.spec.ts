import fc from 'fast-check';
import { EMPTY_ROW, fromDense, toDense, type Matrix, type SparseMatrix } from './matrix.js';
import { runEpoch, runEpochSparse, type SparseYumaResult } from './run-epoch.js';
import { YumaError } from './yuma.error.js';
import type { YumaParamsInput } from './yuma-params.js';

/** A validators × miners epoch written densely: `weights[i][j]` is what validator i gave miner j. */
interface DenseEpoch {
  readonly stake: number[];
  readonly weights: number[][];
  readonly bondsPrev?: number[][];
  readonly params: YumaParamsInput;
}

/** Every entry listed, zeros included: the dense form of a sparse matrix. */
const everyEntry = (m: Matrix): SparseMatrix => ({
  columns: m[0]?.length ?? 0,
  rows: m.map((row) => ({ indices: Int32Array.from(row, (_, j) => j), values: Float64Array.from(row) })),
});

const sparse = ({ stake, weights, bondsPrev, params }: DenseEpoch, form = fromDense) =>
  runEpochSparse({ stake, weights: form(weights), bondsPrev: bondsPrev && form(bondsPrev), params });

/** The same epoch in subtensor's uid layout: validators first, then miners, through runEpoch. */
function square({ stake, weights, bondsPrev, params }: DenseEpoch): SparseYumaResult {
  const [rows, miners] = [stake.length, weights[0].length];
  const pad = (m: number[][]): number[][] => [
    ...m.map((row) => [...new Array<number>(rows).fill(0), ...row]),
    ...Array.from({ length: miners }, () => new Array<number>(rows + miners).fill(0)),
  ];
  const result = runEpoch({
    stake: [...stake, ...new Array<number>(miners).fill(0)],
    weights: pad(weights),
    bondsPrev: bondsPrev && pad(bondsPrev),
    params,
  });
  expect(result.consensus.slice(0, rows)).toEqual(new Array<number>(rows).fill(0));
  expect(result.dividends.slice(rows)).toEqual(new Array<number>(miners).fill(0));
  return {
    consensus: result.consensus.slice(rows),
    incentive: result.incentive.slice(rows),
    dividends: result.dividends.slice(0, rows),
    validatorTrust: result.validatorTrust.slice(0, rows),
    bonds: fromDense(result.bonds.slice(0, rows).map((row) => row.slice(rows))),
  };
}

const dense = (result: SparseYumaResult) => ({ ...result, bonds: toDense(result.bonds) });

const expectClose = (actual: number[], expected: number[]): void => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 12));
};

const matrixOf = (rows: number, columns: number, entry: fc.Arbitrary<number>) =>
  fc.array(fc.array(entry, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows });
/** Mostly absent; small integers so that scores tie; any fraction. */
const weight = fc.oneof(
  fc.constant(0),
  fc.constant(0),
  fc.integer({ min: 1, max: 3 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const epochs: fc.Arbitrary<DenseEpoch> = fc
  .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }))
  .chain(([rows, miners]) =>
    fc.record({
      stake: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100 }), fraction), {
        minLength: rows,
        maxLength: rows,
      }),
      weights: matrixOf(rows, miners, weight),
      bondsPrev: fc.option(matrixOf(rows, miners, fc.oneof(fc.constant(0), fraction)), { nil: undefined }),
      params: fc.record({
        kappa: fc.oneof(fc.constant(0.5), fc.constant(32_767 / 65_535), fraction),
        bondsPenalty: fc.oneof(fc.constant(1), fraction),
        yuma3: fc.boolean(),
        liquidAlpha: fc.record({ enabled: fc.boolean() }),
      }),
    }),
  );

describe('runEpochSparse (validators × miners)', () => {
  it('gives exactly what runEpoch gives for the same epoch in the uid layout, over two epochs', () => {
    fc.assert(
      fc.property(epochs, (epoch) => {
        const first = sparse(epoch);
        expect(dense(first)).toEqual(dense(square(epoch)));
        const next = { ...epoch, bondsPrev: toDense(first.bonds) };
        expect(dense(sparse(next))).toEqual(dense(square(next)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same result whether zero weights and bonds are listed or left out', () => {
    fc.assert(
      fc.property(epochs, (epoch) => {
        expect(dense(sparse(epoch, everyEntry))).toEqual(dense(sparse(epoch)));
      }),
      { numRuns: 300 },
    );
  });

  // Validators 0 and 1 (stake 3 and 1) weigh miners 0 and 1; nobody weighs miner 2; validator 2
  // (stake 1) sets no weights; row 3 has no stake but bonds from an earlier epoch.
  const epoch: DenseEpoch = {
    stake: [3, 1, 1, 0],
    weights: [
      [1, 1, 0],
      [1, 3, 0],
      [0, 0, 0],
      [0, 0, 0],
    ],
    bondsPrev: [
      [0.5, 0.5, 0.5],
      [0.5, 0.5, 0],
      [0.5, 0, 0.5],
      [0.5, 0.5, 0.5],
    ],
    params: { yuma3: true },
  };

  it('gives a miner nobody weighs no consensus or incentive, and lets its bonds decay', () => {
    const { consensus, incentive, bonds } = dense(sparse(epoch));
    expect([consensus[2], incentive[2]]).toEqual([0, 0]);
    // Yuma 3, α = 0.1: the bonds on miner 2 keep 0.9 of their value.
    expectClose(
      bonds.map((row) => row[2]),
      [0.9 * 0.5, 0, 0.9 * 0.5, 0],
    );
  });

  it('gives a validator without weights no trust, pays it by its bonds and lets them decay', () => {
    const { validatorTrust, dividends, bonds } = dense(sparse(epoch));
    expect(validatorTrust[2]).toBe(0);
    expect(dividends[2]).toBeGreaterThan(0);
    expectClose(bonds[2], [0.9 * 0.5, 0, 0.9 * 0.5]);
  });

  it('clears the bonds of a row without stake; under Yuma 2 they still pay it this epoch', () => {
    const yuma2 = { ...epoch, params: {} };
    expect(dense(sparse(yuma2)).dividends[3]).toBeGreaterThan(0);
    expect(dense(sparse(yuma2)).bonds[3]).toEqual([0, 0, 0]);
    expect(sparse(epoch).bonds.rows[3].indices).toHaveLength(0);
  });

  it('stores no bond where there is neither weight nor bond', () => {
    const { bonds } = sparse({ ...epoch, bondsPrev: undefined });
    expect(bonds.rows.map((row) => [...row.indices])).toEqual([[0, 1], [0, 1], [], []]);
  });

  it('gives zeros, never NaN, for an epoch without miners or without stake', () => {
    const noMiners = runEpochSparse({ stake: [1, 2], weights: { columns: 0, rows: [EMPTY_ROW, EMPTY_ROW] } });
    expect(noMiners).toMatchObject({
      consensus: [],
      incentive: [],
      dividends: [0, 0],
      validatorTrust: [0, 0],
    });
    const noStake = dense(sparse({ ...epoch, stake: [0, 0, 0, 0] }));
    expect([
      ...noStake.consensus,
      ...noStake.incentive,
      ...noStake.dividends,
      ...noStake.bonds.flat(),
    ]).toEqual(new Array<number>(3 + 3 + 4 + 12).fill(0));
  });

  it.each([
    [
      'weights: must have 2 rows, one per stake entry (has 1)',
      { stake: [1, 1], weights: fromDense([[1, 0]]) },
    ],
    [
      'bondsPrev: must have 2 columns, as weights (has 3)',
      { stake: [1], weights: fromDense([[1, 0]]), bondsPrev: fromDense([[0, 0, 1]]) },
    ],
    [
      'weights[0]: must list columns strictly increasing within 2',
      {
        stake: [1],
        weights: { columns: 2, rows: [{ indices: Int32Array.of(1, 0), values: Float64Array.of(1, 1) }] },
      },
    ],
    [
      'weights[0]: must list columns strictly increasing within 2',
      {
        stake: [1],
        weights: { columns: 2, rows: [{ indices: Int32Array.of(2), values: Float64Array.of(1) }] },
      },
    ],
  ])('rejects an input whose %s', (message, input) => {
    expect(() => runEpochSparse(input)).toThrow(YumaError);
    expect(() => runEpochSparse(input)).toThrow(message);
  });
});
