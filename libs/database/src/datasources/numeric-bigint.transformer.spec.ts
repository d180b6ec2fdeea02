import { DatabaseError, DatabaseErrorCode } from '../database.error.js';
import { numericBigintTransformer } from './numeric-bigint.transformer.js';

const MAX_UINT256 = 2n ** 256n - 1n;

describe('numericBigintTransformer', () => {
  it.each([0n, 1n, -7n, 10n ** 18n, MAX_UINT256])('round-trips %s through its decimal string', (amount) => {
    const stored: unknown = numericBigintTransformer.to(amount);
    expect(stored).toBe(amount.toString());
    expect(numericBigintTransformer.from(stored)).toBe(amount);
  });

  it('keeps the full precision of a uint256, which a JS number would round', () => {
    expect(numericBigintTransformer.from(MAX_UINT256.toString())).toBe(MAX_UINT256);
    expect(numericBigintTransformer.to(2n ** 53n + 1n)).toBe('9007199254740993');
  });

  it('passes null and undefined through (nullable columns, partial updates)', () => {
    expect(numericBigintTransformer.to(null)).toBeNull();
    expect(numericBigintTransformer.to(undefined)).toBeUndefined();
    expect(numericBigintTransformer.from(null)).toBeNull();
  });

  const thrownBy = (action: () => unknown): unknown => {
    try {
      action();
    } catch (error) {
      return error;
    }
    throw new Error('did not throw');
  };

  it.each([1, 1.5, '100', Number.MAX_SAFE_INTEGER, true, {}])(
    'refuses to write %p: only a bigint is an amount',
    (value) => {
      const error = thrownBy(() => numericBigintTransformer.to(value));
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error).toMatchObject({ code: DatabaseErrorCode.INVALID_AMOUNT, category: 'INTERNAL' });
    },
  );

  it.each(['1.5', '1.0', '1e18', '', ' 1', '0x10', '01', 12])('refuses to read %p as an amount', (value) => {
    const error = thrownBy(() => numericBigintTransformer.from(value));
    expect(error).toBeInstanceOf(DatabaseError);
    expect(error).toMatchObject({ code: DatabaseErrorCode.INVALID_AMOUNT, category: 'INTERNAL' });
  });
});
