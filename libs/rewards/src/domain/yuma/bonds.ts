import {
  clamp,
  colMaxUpscale,
  colNormalize,
  mapEntries,
  mergeEntries,
  normalize,
  rowDots,
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
 */
export function yuma2Bonds({ stake, bondWeights, incentive, bondsPrev, params }: BondsStep): BondsOutcome {
  const previous = colNormalize(bondsPrev);
  const delta = colNormalize(mapEntries(bondWeights, (weight, i) => weight * stake[i]));
  const alpha = 1 - params.bondsMovingAverage;
  const ema = colNormalize(
    mergeEntries(delta, previous, (value, bond) => alpha * value + (1 - alpha) * bond),
  );
  return { dividends: normalize(rowDots(ema, incentive)), bonds: colMaxUpscale(ema) };
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
