/**
 * Fixed-point bigint arithmetic for the rules that make fractions (weighted, quadratic): a value v
 * is held as the integer v · 10^18, every division rounds down.
 */
export const FRACTION_DIGITS = 18;
export const SCALE = 10n ** BigInt(FRACTION_DIGITS);

/** ⌊√n⌋ for a non-negative bigint, exact at any size. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError(`isqrt of a negative number: ${n}`);
  if (n < 2n) return n;
  // A Newton step ⌊(x + ⌊n / x⌋) / 2⌋ never lands below ⌊√n⌋ (AM–GM), so the first step whose
  // square is at most n has found it. From a float estimate (53 good bits) one step is usually
  // enough for the sizes a tally meets (n < 2^200); bigger n only takes more steps.
  const estimate = Math.sqrt(Number(n));
  let x = Number.isFinite(estimate)
    ? BigInt(Math.ceil(estimate))
    : 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    x = (x + n / x) >> 1n;
    if (x * x <= n) return x;
  }
}

/** A non-negative fixed-point value as a decimal string: "12.5", "3", "0.000000000000000001". */
export function formatFixed(value: bigint): string {
  const whole = value / SCALE;
  const fraction = value % SCALE;
  if (fraction === 0n) return whole.toString();
  return `${whole}.${fraction.toString().padStart(FRACTION_DIGITS, '0').replace(/0+$/, '')}`;
}
