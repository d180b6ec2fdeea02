import {
  clamp,
  colNormalize,
  mergeEntries,
  normalize,
  rowDots,
  unionOf,
  type SparseMatrix,
  type Vector,
} from './matrix.js';
import type { LiquidAlphaParams, YumaParams } from './yuma-params.js';

/** What the bonds step hands back: this epoch's dividends and the bonds the next epoch starts from. */
export interface BondsOutcome {
  readonly dividends: number[];
  /** Yuma 2: column-max-upscaled (as subtensor stores them); Yuma 3: the raw EMA. */
  readonly bonds: SparseMatrix;
}

export interface BondsStep {
  /** Normalized stake of this epoch (0 for everyone who is not a validator). */
  readonly stake: Vector;
  /** Bond weights `Wb = W + β (W̄ − W)`, validators × miners. */
  readonly bondWeights: SparseMatrix;
  readonly consensus: Vector;
  readonly incentive: Vector;
  /** The previous epoch's `bonds`, exactly as it returned them (same shape as bondWeights). */
  readonly bondsPrev: SparseMatrix;
  readonly params: YumaParams;
}

/**
 * Yuma 2 (subtensor's default): bonds are stake-weighted bond weights, column-normalized, blended
 * into the column-normalized previous bonds with α = 1 − bondsMovingAverage. Dividends are each
 * validator's share of the incentive through its bonds.
 *
 * The column normalizations, the blend, the column-max upscale and the dividends' dot products run
 * as loops over the entries, each value computed by the same float64 operations in the same order
 * as the matrix steps would (column sums in row order), without a matrix between the steps.
 */
export function yuma2Bonds({ stake, bondWeights, incentive, bondsPrev, params }: BondsStep): BondsOutcome {
  const { columns } = bondWeights;
  const alpha = 1 - params.bondsMovingAverage;
  const previousSums = new Array<number>(columns).fill(0);
  for (const { indices, values } of bondsPrev.rows)
    for (let k = 0; k < indices.length; k += 1) previousSums[indices[k]] += values[k];
  const deltaSums = new Array<number>(columns).fill(0);
  bondWeights.rows.forEach(({ indices, values }, i) => {
    for (let k = 0; k < indices.length; k += 1) deltaSums[indices[k]] += values[k] * stake[i];
  });

  // The EMA of the column-normalized delta and previous bonds, over the entries of either.
  const emaSums = new Array<number>(columns).fill(0);
  const ema = bondWeights.rows.map(({ indices: deltaIndices, values: weights }, i) => {
    const { indices: previousIndices, values: previous } = bondsPrev.rows[i];
    const indices = unionOf(deltaIndices, previousIndices);
    const values = new Float64Array(indices.length);
    for (let k = 0, p = 0, q = 0; k < indices.length; k += 1) {
      const j = indices[k];
      const delta = p < deltaIndices.length && deltaIndices[p] === j ? weights[p++] * stake[i] : 0;
      const bond = q < previousIndices.length && previousIndices[q] === j ? previous[q++] : 0;
      const deltaSum = deltaSums[j];
      const previousSum = previousSums[j];
      const value =
        alpha * (deltaSum === 0 ? delta : delta / deltaSum) +
        (1 - alpha) * (previousSum === 0 ? bond : bond / previousSum);
      values[k] = value;
      emaSums[j] += value;
    }
    return { indices, values };
  });

  // Column-normalize the EMA; its dot product with the incentive is the row's dividend share.
  const maxima = new Array<number>(columns).fill(0);
  const shares = ema.map(({ indices, values }) => {
    let share = 0;
    for (let k = 0; k < indices.length; k += 1) {
      const j = indices[k];
      const value = emaSums[j] === 0 ? values[k] : values[k] / emaSums[j];
      values[k] = value;
      maxima[j] = Math.max(maxima[j], value);
      share += value * incentive[j];
    }
    return share;
  });
  for (const { indices, values } of ema)
    for (let k = 0; k < indices.length; k += 1) {
      const maximum = maxima[indices[k]];
      if (maximum !== 0) values[k] /= maximum;
    }
  return { dividends: normalize(shares), bonds: { columns, rows: ema } };
}

/**
 * Yuma 3: bonds are an EMA of the bond weights themselves (capped at 1), with one α per bond when
 * liquid alpha is on and some participant has non-zero consensus. Dividends are each validator's
 * column-normalized bonds applied to the incentive, times its stake.
 */
export function yuma3Bonds({
  stake,
  bondWeights,
  consensus,
  incentive,
  bondsPrev,
  params,
}: BondsStep): BondsOutcome {
  const liquid = params.liquidAlpha.enabled && consensus.some((value) => value > 0);
  const fixedAlpha = 1 - params.bondsMovingAverage;
  // A bond without weight decays; where there is neither, the bond stays 0 and is not stored.
  const ema = mergeEntries(bondWeights, bondsPrev, (weight, bond, _i, j) => {
    const alpha = liquid ? liquidAlpha(weight, bond, consensus[j], params.liquidAlpha) : fixedAlpha;
    return Math.min(1, (1 - alpha) * bond + alpha * Math.max(0, weight));
  });
  const shares = rowDots(colNormalize(ema), incentive);
  return { dividends: normalize(shares.map((share, i) => share * stake[i])), bonds: ema };
}

/**
 * Liquid alpha for one bond (`alpha_sigmoid`): buying (weight ≥ bond) moves faster the further the
 * weight is above consensus, selling the further the weight has fallen below the bond; a sigmoid
 * centred on a distance of 0.5 maps that onto [low, high]. The exponent is clamped to ±20 (the range
 * of subtensor's `exp_safe`) so extreme steepness saturates instead of overflowing.
 */
export function liquidAlpha(
  weight: number,
  bond: number,
  consensus: number,
  { low, high, steepness }: LiquidAlphaParams,
): number {
  const distance = weight >= bond ? clamp(weight - consensus, 0, 1) : clamp(bond - weight, 0, 1);
  const exponent = clamp((-steepness / 100) * (distance - 0.5), -20, 20);
  const sigmoid = 1 / (1 + Math.exp(exponent));
  return clamp(low + sigmoid * (high - low), low, high);
}
