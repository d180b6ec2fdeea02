/**
 * The hyperparameters of one Yuma epoch, as fractions. Subtensor stores most of them as integers;
 * each field says how its value maps onto the subtensor setting, so a subnet's parameters can be
 * carried over exactly.
 */
export interface YumaParams {
  /**
   * Consensus majority κ: the share of stake that must score a participant at least its consensus.
   * Subtensor `Kappa` (u16) / 65535; default 32767 / 65535 ≈ 0.5.
   */
  readonly kappa: number;
  /**
   * β: how far bond weights move from the weights towards the clipped weights (0 = bonds follow the
   * raw weights, 1 = only the part within consensus earns bonds). Subtensor `BondsPenalty` (u16) /
   * 65535; default 1.
   */
  readonly bondsPenalty: number;
  /**
   * Share of the old bonds kept each epoch; the EMA's α is 1 − this. Subtensor `BondsMovingAverage`
   * / 1_000_000 (900_000 → 0.9); default 0.9.
   */
  readonly bondsMovingAverage: number;
  /** Yuma 3 bonds (raw EMA, optional liquid alpha, stake-weighted dividends); subtensor `Yuma3On`. */
  readonly yuma3: boolean;
  /** Per-bond EMA rate from a sigmoid of how far a weight is from consensus. Yuma 3 only. */
  readonly liquidAlpha: LiquidAlphaParams;
}

export interface LiquidAlphaParams {
  /** Subtensor `LiquidAlphaOn`; default off. */
  readonly enabled: boolean;
  /** Lowest α. Subtensor `AlphaValues.0` (u16) / 65535; default 45875 / 65535 ≈ 0.7. */
  readonly low: number;
  /** Highest α. Subtensor `AlphaValues.1` (u16) / 65535; default 58982 / 65535 ≈ 0.9. */
  readonly high: number;
  /**
   * Sigmoid steepness, used as `steepness / 100` in the exponent. Subtensor `AlphaSigmoidSteepness`
   * (i16), unscaled; default 1000.
   */
  readonly steepness: number;
}

/** Any subset of the parameters; the rest take their defaults. */
export type YumaParamsInput = Partial<Omit<YumaParams, 'liquidAlpha'>> & {
  readonly liquidAlpha?: Partial<LiquidAlphaParams>;
};

export const DEFAULT_YUMA_PARAMS: YumaParams = {
  kappa: 32_767 / 65_535,
  bondsPenalty: 1,
  bondsMovingAverage: 0.9,
  yuma3: false,
  liquidAlpha: { enabled: false, low: 45_875 / 65_535, high: 58_982 / 65_535, steepness: 1000 },
};

/** Fills in the defaults field by field (an explicit `undefined` also takes the default). */
export function resolveYumaParams(params: YumaParamsInput = {}): YumaParams {
  const defaults = DEFAULT_YUMA_PARAMS;
  const liquidAlpha = params.liquidAlpha ?? {};
  return {
    kappa: params.kappa ?? defaults.kappa,
    bondsPenalty: params.bondsPenalty ?? defaults.bondsPenalty,
    bondsMovingAverage: params.bondsMovingAverage ?? defaults.bondsMovingAverage,
    yuma3: params.yuma3 ?? defaults.yuma3,
    liquidAlpha: {
      enabled: liquidAlpha.enabled ?? defaults.liquidAlpha.enabled,
      low: liquidAlpha.low ?? defaults.liquidAlpha.low,
      high: liquidAlpha.high ?? defaults.liquidAlpha.high,
      steepness: liquidAlpha.steepness ?? defaults.liquidAlpha.steepness,
    },
  };
}
