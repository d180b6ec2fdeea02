/**
 * A recipient's weight in its pool: a Yuma incentive or dividend (a float in [0, 1]), a MEAN or
 * MEDIAN score, or an integer. Only ratios within one pool matter.
 */
export type Weight = number | bigint;

export const isValidWeight = (weight: unknown): weight is Weight =>
  typeof weight === 'bigint'
    ? weight >= 0n
    : typeof weight === 'number' && Number.isFinite(weight) && weight >= 0;

const float64 = new DataView(new ArrayBuffer(8));

/** A finite double x ≥ 0 as mantissa · 2^exponent exactly, with an odd mantissa (or 0). */
function dyadic(x: number): { mantissa: number; exponent: number } {
  float64.setFloat64(0, x);
  const high = float64.getUint32(0);
  const low = float64.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const top = biased === 0 ? high & 0xfffff : (high & 0xfffff) + 0x100000;
  if (top === 0 && low === 0) return { mantissa: 0, exponent: 0 };
  const trailingZeros = low !== 0 ? countTrailingZeros(low) : 32 + countTrailingZeros(top);
  return {
    mantissa: (top * 2 ** 32 + low) / 2 ** trailingZeros,
    exponent: (biased === 0 ? -1074 : biased - 1075) + trailingZeros,
  };
}

const countTrailingZeros = (word: number): number => 31 - Math.clz32(word & -word);

/**
 * Valid weights as integers with exactly the same ratios: every double is m · 2^e, so shifting
 * each to the smallest exponent among them loses nothing. No rounding, so the same weights always
 * give the same integers.
 */
export function scaleWeights(weights: readonly Weight[]): bigint[] {
  const parts = weights.map((weight) =>
    typeof weight === 'bigint' ? { mantissa: weight, exponent: 0 } : dyadic(weight),
  );
  // Integers and zeros have exponent 0 or more, so the lowest exponent is at most 0.
  const lowest = parts.reduce((lowest, { exponent }) => Math.min(lowest, exponent), 0);
  return parts.map(({ mantissa, exponent }) => BigInt(mantissa) << BigInt(exponent - lowest));
}
