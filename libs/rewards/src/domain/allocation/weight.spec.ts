import { isValidWeight, scaleWeights } from './weight.js';

describe('scaleWeights', () => {
  it('turns binary fractions into integers with the same ratios', () => {
    expect(scaleWeights([0.5, 0.25, 1, 0])).toEqual([2n, 1n, 4n, 0n]);
  });

  it('keeps integers as they are when nothing is fractional', () => {
    expect(scaleWeights([3, 5n, 0n, 2 ** 60])).toEqual([3n, 5n, 0n, 2n ** 60n]);
  });

  it('mixes bigints and numbers exactly', () => {
    expect(scaleWeights([3n, 0.5])).toEqual([6n, 1n]);
  });

  it('is exact for any double, not for the decimal it was written as', () => {
    // 0.1 and 0.3 are the doubles nearest to them: 0.3 is not exactly three times 0.1.
    const [tenth, threeTenths] = scaleWeights([0.1, 0.3]);
    expect(threeTenths).not.toBe(3n * tenth);
    // 0.2 is 0.1 doubled exactly in binary.
    const [a, b] = scaleWeights([0.1, 0.2]);
    expect(b).toBe(2n * a);
  });

  it('handles the smallest subnormal next to the largest double (2^-1074 and (2^53 - 1) · 2^971)', () => {
    const [tiny, huge] = scaleWeights([Number.MIN_VALUE, Number.MAX_VALUE]);
    expect(tiny).toBe(1n);
    expect(huge).toBe((2n ** 53n - 1n) << 2045n);
  });

  it('matches the value of a double bit for bit', () => {
    const [unit, weight] = scaleWeights([2 ** -60, 0.123456789]);
    expect(unit).toBe(1n);
    // 0.123456789 · 2^60 is an integer, and exact in float64.
    expect(weight).toBe(BigInt(0.123456789 * 2 ** 60));
  });
});

describe('isValidWeight', () => {
  it.each([0, 1.5, 0n, 10n ** 30n])('accepts %p', (weight) => expect(isValidWeight(weight)).toBe(true));
  it.each([-1, -1n, NaN, Infinity, '1', null])('rejects %p', (weight) =>
    expect(isValidWeight(weight)).toBe(false),
  );
});
