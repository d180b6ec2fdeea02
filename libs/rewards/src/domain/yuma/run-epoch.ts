import { yuma2Bonds, yuma3Bonds } from './bonds.js';
import { interpolate, normalize, rowNormalize, sum, weightedColumnSums, zeros } from './matrix.js';
import { weightedMedianCol } from './weighted-median.js';
import { invalidYumaInput, yumaInputIssues, type YumaInput } from './yuma-input.js';
import { resolveYumaParams } from './yuma-params.js';

/** One epoch's outcome; every number is in [0, 1]. */
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
 * One epoch of Yuma Consensus as subtensor's `epoch` runs it (REFERENCE.md, "Yuma Consensus"), in
 * float64: normalize stake; validators are the participants with stake; drop the weights of
 * non-validators and self-weights, row-normalize; consensus per participant as the stake-weighted
 * κ-quantile; clip weights at consensus; validator trust, incentive; bonds (Yuma 2 or Yuma 3) and
 * dividends. As subtensor does for a participant without a validator permit, the bonds of a
 * participant without stake are cleared in the result (it still earns dividends this epoch from the
 * bonds it brought in).
 *
 * Entries are assumed non-negative and finite (`parseYumaInput` checks them at the boundary); a
 * stake vector summing to zero, all-zero weights or a single participant give zeros, never NaN.
 *
 * @throws YumaError INVALID_YUMA_INPUT when weights or bondsPrev are not n×n, or liquid alpha's low
 *   exceeds its high.
 */
export function runEpoch(input: YumaInput): YumaResult {
  const issues = yumaInputIssues(input);
  if (issues.length > 0) throw invalidYumaInput(issues);
  const params = resolveYumaParams(input.params);
  const n = input.stake.length;

  const stake = normalize(input.stake);
  const isValidator = stake.map((value) => value > 0);
  const weights = rowNormalize(
    input.weights.map((row, i) => row.map((weight, j) => (isValidator[i] && i !== j ? weight : 0))),
  );

  const consensus = weightedMedianCol(stake, weights, params.kappa);
  const clipped = weights.map((row) => row.map((weight, j) => Math.min(weight, consensus[j])));
  const validatorTrust = clipped.map(sum);
  const incentive = normalize(weightedColumnSums(clipped, stake));

  const bondsStep = {
    stake,
    bondWeights: interpolate(weights, clipped, params.bondsPenalty),
    consensus,
    incentive,
    bondsPrev: input.bondsPrev ?? zeros(n),
    params,
  };
  const { dividends, bonds } = params.yuma3 ? yuma3Bonds(bondsStep) : yuma2Bonds(bondsStep);

  return {
    consensus: consensus.map(unit),
    incentive: incentive.map(unit),
    dividends: dividends.map(unit),
    validatorTrust: validatorTrust.map(unit),
    bonds: bonds.map((row, i) => row.map((bond) => (isValidator[i] ? unit(bond) : 0))),
  };
}

/** Keeps float rounding (a row of normalized weights summing to 1 + 1e-16) inside [0, 1]. */
const unit = (value: number): number => Math.min(1, Math.max(0, value));
