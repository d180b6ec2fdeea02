import { yuma2Bonds, yuma3Bonds } from './bonds.js';
import {
  EMPTY_ROW,
  fromDense,
  mapEntries,
  mergeEntries,
  normalize,
  rowNormalize,
  sum,
  toDense,
  weightedColumnSums,
  withoutZeros,
  type SparseMatrix,
} from './matrix.js';
import { weightedMedianCol } from './weighted-median.js';
import {
  invalidYumaInput,
  sparseYumaInputIssues,
  yumaInputIssues,
  type SparseYumaInput,
  type YumaInput,
} from './yuma-input.js';
import { resolveYumaParams } from './yuma-params.js';

/** One epoch's outcome in validator × miner form; every number is in [0, 1]. */
export interface SparseYumaResult {
  /** Per miner: the stake-weighted κ-quantile of the weights it received. */
  readonly consensus: number[];
  /** Per miner: its share of the consensus-clipped, stake-weighted weights (sums to 1 or 0). */
  readonly incentive: number[];
  /** Per row: its share of the validators' reward through its bonds (sums to 1 or 0). */
  readonly dividends: number[];
  /** Per row: how much of its weight survived clipping (0 for rows without stake). */
  readonly validatorTrust: number[];
  /** rows × miners: what the next epoch takes as `bondsPrev` (rows without stake are empty). */
  readonly bonds: SparseMatrix;
}

/** One epoch's outcome over n participants; every number is in [0, 1]. */
export interface YumaResult {
  /** Per participant: the stake-weighted κ-quantile of the weights it received. */
  readonly consensus: number[];
  /** Per participant: its share of the consensus-clipped, stake-weighted weights (sums to 1 or 0). */
  readonly incentive: number[];
  /** Per participant: its share of the validators' reward through its bonds (sums to 1 or 0). */
  readonly dividends: number[];
  /** Per participant: how much of its weight survived clipping (0 for non-validators). */
  readonly validatorTrust: number[];
  /** n×n: what the next epoch takes as `bondsPrev`. */
  readonly bonds: number[][];
}

/**
 * One epoch of Yuma Consensus over n participants, in subtensor's uid layout: row and column i of
 * the n×n weights are participant i, and those with stake are the validators. It is
 * `runEpochSparse` with every participant as a row and as a column, self-weights dropped.
 *
 * @throws YumaError INVALID_YUMA_INPUT when weights or bondsPrev are not n×n, or liquid alpha's low
 *   exceeds its high.
 */
export function runEpoch(input: YumaInput): YumaResult {
  const issues = yumaInputIssues(input);
  if (issues.length > 0) throw invalidYumaInput(issues);
  const result = runEpochSparse({
    stake: input.stake,
    weights: fromDense(input.weights, (i, j) => i !== j),
    bondsPrev: input.bondsPrev && fromDense(input.bondsPrev),
    params: input.params,
  });
  return { ...result, bonds: toDense(result.bonds) };
}

/**
 * One epoch of Yuma Consensus as subtensor's `epoch` runs it, in
 * float64, on validators × miners: normalize stake; the rows with stake are the validators; drop
 * the weights of the others, row-normalize; consensus per miner as the stake-weighted κ-quantile;
 * clip weights at consensus; validator trust, incentive; bonds (Yuma 2 or Yuma 3) and dividends.
 * As subtensor does for a participant without a validator permit, the bonds of a row without stake
 * are cleared in the result (it still earns dividends this epoch from the bonds it brought in).
 *
 * The matrices are sparse: the work and memory follow the number of weights and bonds, not rows ×
 * miners. A weight that is absent is 0; a bond whose weight is 0 decays as subtensor's does.
 *
 * Entries are assumed non-negative and finite; a stake vector summing to zero, all-zero weights or
 * no miners give zeros, never NaN.
 *
 * @throws YumaError INVALID_YUMA_INPUT when weights or bondsPrev do not have a row per stake entry
 *   and the same miners, a row's columns are not strictly increasing, or liquid alpha's low exceeds
 *   its high.
 */
export function runEpochSparse(input: SparseYumaInput): SparseYumaResult {
  const issues = sparseYumaInputIssues(input);
  if (issues.length > 0) throw invalidYumaInput(issues);
  const params = resolveYumaParams(input.params);
  const { columns } = input.weights;

  const stake = normalize(input.stake);
  const isValidator = stake.map((value) => value > 0);
  const weights = rowNormalize({
    columns,
    rows: input.weights.rows.map((row, i) => (isValidator[i] ? row : EMPTY_ROW)),
  });

  const consensus = weightedMedianCol(stake, weights, params.kappa);
  const clipped = mapEntries(weights, (weight, _i, j) => Math.min(weight, consensus[j]));
  const validatorTrust = clipped.rows.map((row) => sum(row.values));
  const incentive = normalize(weightedColumnSums(clipped, stake));

  const penalty = params.bondsPenalty;
  const bondsStep = {
    stake,
    bondWeights: mergeEntries(weights, clipped, (weight, clip) => (1 - penalty) * weight + penalty * clip),
    consensus,
    incentive,
    bondsPrev: input.bondsPrev ?? { columns, rows: stake.map(() => EMPTY_ROW) },
    params,
  };
  const { dividends, bonds } = params.yuma3 ? yuma3Bonds(bondsStep) : yuma2Bonds(bondsStep);

  return {
    consensus: consensus.map(unit),
    incentive: incentive.map(unit),
    dividends: dividends.map(unit),
    validatorTrust: validatorTrust.map(unit),
    bonds: {
      columns,
      rows: mapEntries(bonds, unit).rows.map((row, i) => (isValidator[i] ? withoutZeros(row) : EMPTY_ROW)),
    },
  };
}

/** Keeps float rounding (a row of normalized weights summing to 1 + 1e-16) inside [0, 1]. */
const unit = (value: number): number => Math.min(1, Math.max(0, value));
