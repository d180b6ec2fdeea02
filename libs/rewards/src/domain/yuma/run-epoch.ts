import { yuma2Bonds, yuma3Bonds } from './bonds.js';
import {
  EMPTY_ROW,
  fromDense,
  normalize,
  rowNormalize,
  toDense,
  type SparseMatrix,
  type SparseRow,
  type Vector,
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
  const { validatorTrust, incentive, bondWeights } = clipAtConsensus(
    weights,
    consensus,
    stake,
    params.bondsPenalty,
  );
  const bondsStep = {
    stake,
    bondWeights,
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
    bonds: { columns, rows: bonds.rows.map((row, i) => (isValidator[i] ? storedBonds(row) : EMPTY_ROW)) },
  };
}

/**
 * The weights clipped at consensus `W̄ = min(W, c)`, in one pass that keeps only what the epoch reads
 * of them: each row's sum (validator trust), the stake-weighted column sums normalized (incentive),
 * and the bond weights `Wb = (1 − β) W + β W̄`.
 */
function clipAtConsensus(weights: SparseMatrix, consensus: Vector, stake: Vector, penalty: number) {
  const columnSums = new Array<number>(weights.columns).fill(0);
  const validatorTrust: number[] = [];
  const rows = weights.rows.map(({ indices, values }, i) => {
    const bondWeights = new Float64Array(values.length);
    let trust = 0;
    for (let k = 0; k < values.length; k += 1) {
      const weight = values[k];
      const clipped = Math.min(weight, consensus[indices[k]]);
      trust += clipped;
      columnSums[indices[k]] += stake[i] * clipped;
      bondWeights[k] = (1 - penalty) * weight + penalty * clipped;
    }
    validatorTrust.push(trust);
    return { indices, values: bondWeights };
  });
  return {
    validatorTrust,
    incentive: normalize(columnSums),
    bondWeights: { columns: weights.columns, rows },
  };
}

/** A row of bonds as the result holds them: inside [0, 1], zeros left out. */
function storedBonds({ indices, values }: SparseRow): SparseRow {
  let kept = 0;
  for (let k = 0; k < values.length; k += 1) if (unit(values[k]) !== 0) kept += 1;
  const row = { indices: new Int32Array(kept), values: new Float64Array(kept) };
  for (let k = 0, n = 0; k < values.length; k += 1) {
    const value = unit(values[k]);
    if (value !== 0) {
      row.indices[n] = indices[k];
      row.values[n++] = value;
    }
  }
  return row;
}

/** Keeps float rounding (a row of normalized weights summing to 1 + 1e-16) inside [0, 1]. */
const unit = (value: number): number => Math.min(1, Math.max(0, value));
