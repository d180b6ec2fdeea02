import { kthLargest } from './kth-largest.js';

export interface Rounded {
  readonly amounts: bigint[];
  /** Per share: whether it got one unit above its floor. */
  readonly roundedUp: boolean[];
}

/**
 * Largest-remainder (Hamilton) rounding: each exact share numerators[i] / denominator becomes its
 * floor, and the units still missing to reach `total` go one each to the largest remainders. Equal
 * remainders go in index order, so callers order their entries by the tie-break they want (the
 * recipient's address, the kind order). The caller guarantees Σ numerators = total · denominator,
 * so fewer units are missing than there are shares and the result sums to `total` exactly.
 */
export function largestRemainder(numerators: readonly bigint[], denominator: bigint, total: bigint): Rounded {
  const count = numerators.length;
  const amounts = new Array<bigint>(count);
  const remainders = new Array<bigint>(count);
  let missing = total;
  for (let index = 0; index < count; index++) {
    const amount = numerators[index] / denominator;
    amounts[index] = amount;
    remainders[index] = numerators[index] - amount * denominator;
    missing -= amount;
  }
  const roundedUp = new Array<boolean>(count).fill(false);
  if (missing === 0n) return { amounts, roundedUp };

  // Every remainder above the missing-th largest gets a unit; those equal to it share what is
  // left in index order. (It is positive: the remainders sum to missing · denominator and each is
  // below the denominator.)
  const threshold = kthLargest([...remainders], Number(missing));
  const bump = (index: number): void => {
    amounts[index] += 1n;
    roundedUp[index] = true;
    missing -= 1n;
  };
  for (let index = 0; index < count; index++) if (remainders[index] > threshold) bump(index);
  for (let index = 0; index < count && missing > 0n; index++)
    if (remainders[index] === threshold) bump(index);
  return { amounts, roundedUp };
}
