import { largestRemainder } from './largest-remainder.js';

describe('largestRemainder', () => {
  it('gives the missing units to the largest remainders', () => {
    // 10 split 0.55 / 0.3 / 0.15: 5.5, 3, 1.5 → floors 5, 3, 1; one unit missing, ties between the
    // two halves go to the first.
    expect(largestRemainder([55n, 30n, 15n], 10n, 10n)).toEqual([6n, 3n, 1n]);
    // 7 split 0.35 / 0.42 / 0.23: 2.45, 2.94, 1.61 → 2, 2, 1 and two units to .94 and .61.
    expect(largestRemainder([245n, 294n, 161n], 100n, 7n)).toEqual([2n, 3n, 2n]);
  });

  it('breaks equal remainders by position', () => {
    expect(largestRemainder([1n, 1n, 1n], 3n, 1n)).toEqual([1n, 0n, 0n]);
    expect(largestRemainder([10n, 10n, 10n], 3n, 10n)).toEqual([4n, 3n, 3n]);
  });

  it('leaves exact shares alone', () => {
    expect(largestRemainder([40n, 60n], 10n, 10n)).toEqual([4n, 6n]);
  });
});
