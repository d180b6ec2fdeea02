import { SCALE, formatFixed, isqrt } from './fixed-point.js';
import { SeededRandom } from './testing/seeded-random.js';

describe('fixed point', () => {
  it('takes exact integer square roots, small and huge', () => {
    expect([0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n].map(isqrt)).toEqual([0n, 1n, 1n, 1n, 2n, 3n, 4n, 4n]);
    const root = 10n ** 40n + 12345n;
    expect(isqrt(root * root)).toBe(root);
    expect(isqrt(root * root - 1n)).toBe(root - 1n);
    const beyondFloat = 2n ** 1100n + 3n; // Number() of it is Infinity
    expect(isqrt(beyondFloat * beyondFloat + beyondFloat)).toBe(beyondFloat);
    expect(() => isqrt(-1n)).toThrow(RangeError);
  });

  it('brackets every root: r² ≤ n < (r + 1)²', () => {
    const random = new SeededRandom(11);
    for (let round = 0; round < 2000; round += 1) {
      const n =
        BigInt(random.int(0, 2 ** 30)) * 10n ** BigInt(random.int(0, 60)) + BigInt(random.int(0, 1000));
      const r = isqrt(n);
      expect(r * r <= n && n < (r + 1n) * (r + 1n)).toBe(true);
    }
  });

  it('formats 18-decimal values without trailing zeros', () => {
    expect(formatFixed(0n)).toBe('0');
    expect(formatFixed(42n * SCALE)).toBe('42');
    expect(formatFixed(12n * SCALE + SCALE / 2n)).toBe('12.5');
    expect(formatFixed(1n)).toBe('0.000000000000000001');
    expect(formatFixed(10n ** 42n + 10n ** 17n)).toBe('1000000000000000000000000.1');
  });
});
