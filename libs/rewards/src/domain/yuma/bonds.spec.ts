import {
  liquidAlpha,
  yuma2Bonds as sparseYuma2Bonds,
  yuma3Bonds as sparseYuma3Bonds,
  type BondsOutcome,
  type BondsStep,
} from './bonds.js';
import { fromDense, toDense, type Matrix } from './matrix.js';
import { resolveYumaParams } from './yuma-params.js';

const u16 = (x: number): number => Math.floor(x * 65_535);

/** A bonds step written with dense matrices, run on their sparse form. */
type DenseStep = Omit<BondsStep, 'bondWeights' | 'bondsPrev'> & {
  readonly bondWeights: Matrix;
  readonly bondsPrev: Matrix;
};
const onDense =
  (bondsStep: (step: BondsStep) => BondsOutcome) =>
  ({ bondWeights, bondsPrev, ...step }: DenseStep) => {
    const sparse = { ...step, bondWeights: fromDense(bondWeights), bondsPrev: fromDense(bondsPrev) };
    const { dividends, bonds } = bondsStep(sparse);
    return { dividends, bonds: toDense(bonds) };
  };
const yuma2Bonds = onDense(sparseYuma2Bonds);
const yuma3Bonds = onDense(sparseYuma3Bonds);

describe('liquidAlpha', () => {
  const range = { enabled: true, low: 0.1, high: 0.3, steepness: 1000 };

  it('buys slowly at consensus and fast far above it', () => {
    // d = w − c = 0: α = 0.1 + 0.2 / (1 + e^5); from no bond that is the 0.1013 of test_yuma_3_*.
    expect(liquidAlpha(1, 0, 1, range)).toBeCloseTo(0.1 + 0.2 / (1 + Math.exp(5)), 12);
    expect(liquidAlpha(1, 0, 1, range)).toBeCloseTo(0.1013, 4);
    expect(liquidAlpha(0.5, 0, 0, range)).toBeCloseTo(0.2, 12); // d = 0.5: the midpoint
    expect(liquidAlpha(1, 0, 0, range)).toBeCloseTo(0.2987, 4); // d = 1: test_yuma_3_*'s 0.2987
  });

  it('sells by how far the weight fell below the bond, whatever the consensus', () => {
    expect(liquidAlpha(0, 0.8, 1, range)).toBe(liquidAlpha(0, 0.8, 0, range));
    expect(liquidAlpha(0, 0.8, 0, range)).toBeCloseTo(0.1 + 0.2 / (1 + Math.exp(-3)), 12);
  });

  it('stays within [low, high] and finite at the extreme steepness of an i16', () => {
    for (const steepness of [32_767, -32_768]) {
      for (const [weight, bond, consensus] of [
        [1, 0, 1],
        [1, 0, 0],
        [0, 1, 0],
      ]) {
        const alpha = liquidAlpha(weight, bond, consensus, { ...range, steepness });
        expect(alpha).toBeGreaterThanOrEqual(0.1);
        expect(alpha).toBeLessThanOrEqual(0.3);
      }
    }
    // The exponent is clamped to ±20: e^−20 of the range above low, not exactly low.
    expect(liquidAlpha(1, 0, 1, { ...range, steepness: 32_767 }) - 0.1).toBeCloseTo(
      0.2 / (1 + Math.exp(20)),
      15,
    );
  });
});

describe('yuma2Bonds', () => {
  // subtensor test_active_stake, the epoch at block 5002: validator 0 (the only active stake) and
  // validator 1 (inactive, stake masked) both weigh servers 2 and 3 equally; both start with
  // column-max-upscaled bonds of 1.
  const step: DenseStep = {
    stake: [1, 0, 0, 0],
    bondWeights: [
      [0, 0, 0.5, 0.5],
      [0, 0, 0.5, 0.5],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
    consensus: [0, 0, 0.5, 0.5],
    incentive: [0, 0, 0.5, 0.5],
    bondsPrev: [
      [0, 0, 1, 1],
      [0, 0, 1, 1],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ],
    params: resolveYumaParams(),
  };

  it('blends the stake-weighted bond weights into the previous bonds (test_active_stake)', () => {
    const { dividends, bonds } = yuma2Bonds(step);
    expect(dividends.map(u16)).toEqual([36_044, 29_490, 0, 0]); // 0.55 and 0.45
    expect(bonds.map((row) => row.map(u16))).toEqual([
      [0, 0, 65_535, 65_535],
      [0, 0, 53_619, 53_619], // 0.45 / 0.55, column-max-upscaled
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('reads previous bonds scale-free, as they are column-normalized first', () => {
    const scaled = { ...step, bondsPrev: step.bondsPrev.map((row) => row.map((bond) => bond * 0.25)) };
    expect(yuma2Bonds(scaled)).toEqual(yuma2Bonds(step));
  });
});

describe('yuma3Bonds', () => {
  // subtensor test_liquid_alpha_equal_values_against_itself: liquid alpha with low = high =
  // u16::MAX / 10 gives the same bonds as a fixed α with bonds moving average 0.9.
  const step = (liquid: boolean): DenseStep => ({
    stake: [0.25, 0.25, 0.25, 0.25],
    bondWeights: [
      [0, 0.1, 0],
      [0, 0.2, 0.4],
      [0, 0.3, 0.1],
      [0, 0.4, 0.5],
    ],
    consensus: [0.3, 0.2, 0.1, 0.4],
    incentive: [0, 0.5, 0.5],
    bondsPrev: [
      [0.1, 0.1, 0.5],
      [0, 0, 0.4],
      [0.5, 0.1, 0.1],
      [0, 0.4, 0.2],
    ],
    params: resolveYumaParams({
      yuma3: true,
      bondsMovingAverage: 0.9,
      liquidAlpha: { enabled: liquid, low: 6_553 / 65_535, high: 6_553 / 65_535 },
    }),
  });

  it('with low = high, liquid alpha is the fixed alpha (test_liquid_alpha_equal_values_against_itself)', () => {
    const liquid = yuma3Bonds(step(true)).bonds.flat();
    const fixed = yuma3Bonds(step(false)).bonds.flat();
    liquid.forEach((bond, k) => expect(Math.abs(bond - fixed[k])).toBeLessThanOrEqual(1e-3));
  });

  it('keeps raw EMA bonds, decays what is no longer weighted and pays dividends by bonds times stake', () => {
    const { bonds, dividends } = yuma3Bonds(step(false));
    [0.9 * 0.1, 0.9 * 0.1 + 0.1 * 0.1, 0.9 * 0.5].forEach((bond, j) =>
      expect(bonds[0][j]).toBeCloseTo(bond, 12),
    );
    // Column shares of the bonds, applied to the incentive, times equal stake.
    const columnTotals = [0, 1, 2].map((j) => bonds.reduce((total, row) => total + row[j], 0));
    const shares = bonds.map((row) => 0.5 * (row[1] / columnTotals[1]) + 0.5 * (row[2] / columnTotals[2]));
    dividends.forEach((dividend, i) => expect(dividend).toBeCloseTo(shares[i], 12));
  });
});
