import { fromDense, type Matrix } from './matrix.js';
import { weightedMedianCol as sparseWeightedMedianCol } from './weighted-median.js';

/** The median of a dense matrix, through its sparse form. */
const weightedMedianCol = (stake: number[], scores: Matrix, kappa: number): number[] =>
  sparseWeightedMedianCol(stake, fromDense(scores), kappa);

/** One column of scores as the n×1 matrix weightedMedianCol takes. */
const column = (scores: number[]): number[][] => scores.map((score) => [score]);

describe('weightedMedianCol (stake-weighted κ-quantile from the top)', () => {
  // subtensor tests/math.rs test_math_weighted_median_col: 4 rows (validators) × 3 columns.
  const scores = [
    [0, 0.1, 0],
    [0, 0.2, 0.4],
    [0, 0.3, 0.1],
    [0, 0.4, 0.5],
  ];

  it('reproduces subtensor test_math_weighted_median_col', () => {
    expect(weightedMedianCol([0, 0.75, 0.25, 0], scores, 0.24)).toEqual([0, 0.3, 0.4]);
    expect(weightedMedianCol([0, 0.75, 0.25, 0], scores, 0.26)).toEqual([0, 0.2, 0.4]);
    expect(weightedMedianCol([0, 0.75, 0.25, 0], scores, 0.76)).toEqual([0, 0.2, 0.1]);
    const lastRowWithoutColumn2 = scores.map((row, i) => (i === 3 ? [0, 0, 0.5] : row));
    expect(weightedMedianCol([0, 0.3, 0.2, 0.5], lastRowWithoutColumn2, 0.51)).toEqual([0, 0, 0.4]);
  });

  it.each([
    { stake: [0.49, 0.51], scores: [0.5, 1], median: 1 },
    { stake: [0.51, 0.49], scores: [0.5, 1], median: 0.5 },
    { stake: [0.49, 0, 0.51], scores: [0.5, 0.7, 1], median: 1 },
    { stake: [0.49, 0.01, 0.5], scores: [0.5, 0.7, 1], median: 0.7 },
    { stake: [0.49, 0.51, 0], scores: [0.5, 0.7, 1], median: 0.7 },
    { stake: [0, 0.49, 0, 0.51], scores: [0.5, 0.5, 1, 1], median: 1 },
    { stake: [0.2, 0.2, 0.2, 0.2, 0.2], scores: [0.8, 0.2, 1, 0.6, 0.4], median: 0.6 },
    {
      stake: new Array<number>(10).fill(0.1),
      scores: [0.8, 0.8, 0.2, 0.2, 1, 1, 0.6, 0.6, 0.4, 0.4],
      median: 0.6,
    },
  ])(
    'reproduces subtensor test_math_weighted_median: $stake on $scores → $median',
    ({ stake, scores, median }) => {
      expect(weightedMedianCol(stake, column(scores), 0.51)).toEqual([median]);
    },
  );

  it('pools the stake of tied scores, so a tie straddling the quantile is the consensus', () => {
    // 0.3 of the stake scores 0.9; 0.4 (two tied validators) score 0.5; 0.3 score 0.
    const stake = [0.3, 0.2, 0.2, 0.3];
    expect(weightedMedianCol(stake, column([0.9, 0.5, 0.5, 0]), 0.5)).toEqual([0.5]);
    // The tie holds the quantile for κ up to 0.7 …
    expect(weightedMedianCol(stake, column([0.9, 0.5, 0.5, 0]), 0.69)).toEqual([0.5]);
    // … and only a larger κ reaches down past it.
    expect(weightedMedianCol(stake, column([0.9, 0.5, 0.5, 0]), 0.71)).toEqual([0]);
  });

  it('keeps a score that exactly κ of the stake gives at least (S(score ≥ c) ≥ κ)', () => {
    // Six equal validators: three score 0.5, three give nothing; half the stake is at 0.5.
    expect(weightedMedianCol([1, 1, 1, 1, 1, 1], column([0.5, 0, 0.5, 0, 0.5, 0]), 0.5)).toEqual([0.5]);
  });

  it('reads only the voters who weigh a column; the others vote 0 together', () => {
    const scores = fromDense([
      [0.9, 0, 0],
      [0, 0.4, 0],
      [0.8, 0.4, 0],
    ]);
    expect(sparseWeightedMedianCol([0.3, 0.3, 0.4], scores, 0.25)).toEqual([0.9, 0.4, 0]);
    expect(sparseWeightedMedianCol([0.3, 0.3, 0.4], scores, 0.5)).toEqual([0.8, 0.4, 0]);
    expect(sparseWeightedMedianCol([0.3, 0.3, 0.4], scores, 0.75)).toEqual([0, 0, 0]);
  });

  it('normalizes the stake of the voting rows and ignores rows without stake', () => {
    expect(weightedMedianCol([8, 1, 1, 0], column([0.2, 1, 1, 1]), 0.5)).toEqual([0.2]);
    expect(weightedMedianCol([0.8, 0.1, 0.1, 0], column([0.2, 1, 1, 1]), 0.5)).toEqual([0.2]);
  });

  it('takes the largest score at κ = 0 and the smallest at κ = 1', () => {
    expect(weightedMedianCol([1, 1, 1], column([0.2, 0.9, 0.4]), 0)).toEqual([0.9]);
    expect(weightedMedianCol([1, 1, 1], column([0.2, 0.9, 0.4]), 1)).toEqual([0.2]);
  });

  it('gives 0 when nobody has stake, and nothing for no columns', () => {
    expect(
      weightedMedianCol(
        [0, 0],
        [
          [0.5, 0.5],
          [0.5, 0.5],
        ],
        0.5,
      ),
    ).toEqual([0, 0]);
    expect(weightedMedianCol([], [], 0.5)).toEqual([]);
  });
});
