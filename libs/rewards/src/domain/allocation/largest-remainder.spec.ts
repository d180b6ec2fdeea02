import fc from 'fast-check';
import { largestRemainder } from './largest-remainder.js';

describe('largestRemainder', () => {
  it('gives the missing units to the largest remainders', () => {
    // 10 split 0.55 / 0.3 / 0.15: 5.5, 3, 1.5 → floors 5, 3, 1; one unit missing, ties between the
    // two halves go to the first.
    expect(largestRemainder([55n, 30n, 15n], 10n, 10n).amounts).toEqual([6n, 3n, 1n]);
    // 7 split 0.35 / 0.42 / 0.23: 2.45, 2.94, 1.61 → 2, 2, 1 and two units to .94 and .61.
    expect(largestRemainder([245n, 294n, 161n], 100n, 7n).amounts).toEqual([2n, 3n, 2n]);
  });

  it('breaks equal remainders by position', () => {
    expect(largestRemainder([1n, 1n, 1n], 3n, 1n).amounts).toEqual([1n, 0n, 0n]);
    expect(largestRemainder([10n, 10n, 10n], 3n, 10n).amounts).toEqual([4n, 3n, 3n]);
  });

  it('leaves exact shares alone', () => {
    expect(largestRemainder([40n, 60n], 10n, 10n).amounts).toEqual([4n, 6n]);
  });
});

describe('largestRemainder, against a full sort', () => {
  it('rounds like sorting every remainder, for random shares with many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 50n }), { minLength: 1, maxLength: 60 }),
        fc.bigInt({ min: 1n, max: 12n }),
        (parts, denominator) => {
          // Make the shares sum to a whole: the last one takes what is missing to a multiple.
          const sum = parts.reduce((total, part) => total + part, 0n);
          const numerators = [...parts, (denominator - (sum % denominator)) % denominator];
          const total = (sum + numerators[numerators.length - 1]) / denominator;
          const expected = numerators.map((numerator) => numerator / denominator);
          const missing = Number(total - expected.reduce((a, b) => a + b, 0n));
          numerators
            .map((numerator, index) => ({ index, remainder: numerator % denominator }))
            .sort((a, b) =>
              a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
            )
            .slice(0, missing)
            .forEach(({ index }) => (expected[index] += 1n));
          expect(largestRemainder(numerators, denominator, total).amounts).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
