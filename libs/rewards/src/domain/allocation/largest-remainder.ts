/**
 * Largest-remainder (Hamilton) rounding: each exact share numerators[i] / denominator becomes its
 * floor, and the units still missing to reach `total` go one each to the largest remainders. Equal
 * remainders go in index order, so callers order their entries by the tie-break they want (the
 * recipient's address, the kind order). The caller guarantees Σ numerators = total · denominator,
 * so fewer units are missing than there are shares and the result sums to `total` exactly.
 */
export function largestRemainder(
  numerators: readonly bigint[],
  denominator: bigint,
  total: bigint,
): bigint[] {
  const amounts = numerators.map((numerator) => numerator / denominator);
  let missing = total - amounts.reduce((sum, amount) => sum + amount, 0n);
  if (missing === 0n) return amounts;
  const remainders = numerators.map((numerator) => numerator % denominator);
  const byRemainder = remainders
    .map((_, index) => index)
    .filter((index) => remainders[index] > 0n)
    .sort((a, b) => (remainders[a] === remainders[b] ? a - b : remainders[a] > remainders[b] ? -1 : 1));
  for (const index of byRemainder) {
    if (missing === 0n) break;
    amounts[index] += 1n;
    missing -= 1n;
  }
  return amounts;
}
