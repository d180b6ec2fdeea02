import { formatUnits, parseUnits } from 'viem';
import {
  AmountError,
  AmountErrorCode,
  formatTokenAmount,
  formatTokenValue,
  parseTokenAmount,
} from './amount.js';
import { errorOf } from './testing/error-of.js';

const MAX_UINT256 = 2n ** 256n - 1n;

describe('formatTokenAmount', () => {
  it.each([
    [0n, 6, '0'],
    [0n, 18, '0'],
    [0n, 0, '0'],
    [1n, 18, '0.000000000000000001'],
    [1n, 6, '0.000001'],
    [1n, 0, '1'],
    [500_000n, 6, '0.5'],
    [250_000_000n, 6, '250'],
    [1_234_500_000n, 6, '1,234.5'],
    [999n, 0, '999'],
    [1000n, 0, '1,000'],
    [1_000_000n * 10n ** 18n, 18, '1,000,000'],
    [123_456_789_012_345_678_901n, 18, '123.456789012345678901'],
    [10n ** 30n + 5n, 18, '1,000,000,000,000.000000000000000005'],
    [
      MAX_UINT256,
      0,
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457,584,007,913,129,639,935',
    ],
    [
      MAX_UINT256,
      18,
      '115,792,089,237,316,195,423,570,985,008,687,907,853,269,984,665,640,564,039,457.584007913129639935',
    ],
  ])('%s base units with %s decimals → %s', (amount, decimals, text) => {
    expect(formatTokenAmount(amount, decimals)).toBe(text);
  });

  it('agrees with viem formatUnits on the digits (grouping and trimming aside)', () => {
    for (const [amount, decimals] of [
      [1n, 18],
      [10n ** 18n, 18],
      [123_456_700n, 6],
      [MAX_UINT256, 77],
      [7n, 255],
    ] as const)
      expect(formatTokenAmount(amount, decimals).replace(/,/g, '')).toBe(formatUnits(amount, decimals));
  });

  it('refuses a negative amount and impossible decimals with typed errors', () => {
    const negative = errorOf(() => formatTokenAmount(-1n, 6));
    expect(negative).toBeInstanceOf(AmountError);
    expect(negative).toMatchObject({ code: AmountErrorCode.AMOUNT_NEGATIVE, category: 'BAD_INPUT' });
    for (const decimals of [-1, 1.5, 256, Number.NaN])
      expect(errorOf(() => formatTokenAmount(1n, decimals))).toMatchObject({
        code: AmountErrorCode.DECIMALS_INVALID,
      });
  });

  it('formatTokenValue appends the symbol', () => {
    expect(formatTokenValue(250_000_000n, { symbol: 'dUSDC', decimals: 6 })).toBe('250 dUSDC');
    expect(formatTokenValue(10n ** 24n, { symbol: 'GUILD', decimals: 18 })).toBe('1,000,000 GUILD');
  });
});

describe('parseTokenAmount', () => {
  it.each([
    ['0', 6, 0n],
    ['0.0', 0, 0n],
    ['1,000.5', 6, 1_000_500_000n],
    ['1000.5', 6, 1_000_500_000n],
    ['.5', 6, 500_000n],
    ['5.', 6, 5_000_000n],
    ['  250 ', 6, 250_000_000n],
    ['0.000000000000000001', 18, 1n],
    ['1,000,000', 18, 10n ** 24n],
    ['1.50', 1, 15n],
    ['42', 0, 42n],
    ['007', 0, 7n],
  ])('%j with %s decimals → %s', (text, decimals, amount) => {
    expect(parseTokenAmount(text, decimals)).toBe(amount);
  });

  it('inverts formatTokenAmount, and matches viem parseUnits, on huge values', () => {
    for (const [amount, decimals] of [
      [MAX_UINT256, 18],
      [MAX_UINT256, 0],
      [1n, 18],
      [123_456_789n, 6],
      [10n ** 70n + 1n, 30],
    ] as const) {
      const text = formatTokenAmount(amount, decimals);
      expect(parseTokenAmount(text, decimals)).toBe(amount);
      expect(parseTokenAmount(text, decimals)).toBe(parseUnits(text.replace(/,/g, ''), decimals));
    }
  });

  it('refuses more fractional digits than the token has decimals (AMOUNT_TOO_PRECISE)', () => {
    for (const [text, decimals] of [
      ['0.0000001', 6],
      ['1.5', 0],
      ['0.0000000000000000001', 18],
    ] as const)
      expect(errorOf(() => parseTokenAmount(text, decimals))).toMatchObject({
        code: AmountErrorCode.AMOUNT_TOO_PRECISE,
        category: 'BAD_INPUT',
        details: { amount: text, decimals },
      });
  });

  it('refuses a negative amount (AMOUNT_NEGATIVE)', () => {
    for (const text of ['-1', ' -0.5', '-0'])
      expect(errorOf(() => parseTokenAmount(text, 6))).toMatchObject({
        code: AmountErrorCode.AMOUNT_NEGATIVE,
      });
  });

  it.each(['', ' ', '.', '1.2.3', '1e3', '0x10', '+1', '1,00', '1,0000', ',100', '1 000', 'NaN', '١٢'])(
    'refuses %j as not a decimal number (AMOUNT_INVALID)',
    (text) => {
      expect(errorOf(() => parseTokenAmount(text, 6))).toMatchObject({
        code: AmountErrorCode.AMOUNT_INVALID,
      });
    },
  );
});
