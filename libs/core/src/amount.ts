import { GuildhallError } from './errors/guildhall.error.js';

// Token amounts between base units (bigint, as stored, signed and sent on-chain) and the units
// people read and type ("1,000.5 dUSDC"). Exact both ways: never through a JS number. No node:
// import, so the web app uses the same functions.

export const AmountErrorCode = {
  /** Not a decimal number: letters, a sign, two points, misplaced thousands separators, empty. */
  AMOUNT_INVALID: 'AMOUNT_INVALID',
  /** Below zero: token amounts are never negative. */
  AMOUNT_NEGATIVE: 'AMOUNT_NEGATIVE',
  /** More fractional digits than the token has decimals: it cannot be paid exactly. */
  AMOUNT_TOO_PRECISE: 'AMOUNT_TOO_PRECISE',
  /** A token's decimals outside 0–255 (ERC-20's uint8) or not an integer. */
  DECIMALS_INVALID: 'DECIMALS_INVALID',
} as const;
export type AmountErrorCode = (typeof AmountErrorCode)[keyof typeof AmountErrorCode];

/** An amount that cannot be formatted or parsed; always the caller's input. */
export class AmountError extends GuildhallError<AmountErrorCode> {
  readonly category = 'BAD_INPUT';
}

function assertDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 255)
    throw new AmountError(
      AmountErrorCode.DECIMALS_INVALID,
      `decimals must be an integer from 0 to 255, got ${decimals}`,
      { decimals },
    );
}

/** "1234567" → "1,234,567". */
const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * A base-unit amount in the token's units: thousands separators in the integer part, the fraction
 * exact with its trailing zeros trimmed. 250000000n with 6 decimals → "250"; 500000n → "0.5";
 * 1n with 18 → "0.000000000000000001"; 10n ** 24n with 18 → "1,000,000". Negative amounts are
 * refused (AMOUNT_NEGATIVE): no token balance or transfer is below zero.
 */
export function formatTokenAmount(amount: bigint, decimals: number): string {
  assertDecimals(decimals);
  if (amount < 0n)
    throw new AmountError(AmountErrorCode.AMOUNT_NEGATIVE, `amount ${amount} is negative`, {
      amount: amount.toString(),
    });
  const digits = amount.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return fraction === '' ? groupThousands(whole) : `${groupThousands(whole)}.${fraction}`;
}

/** An amount followed by the token's symbol: "250 dUSDC". */
export const formatTokenValue = (amount: bigint, token: { symbol: string; decimals: number }): string =>
  `${formatTokenAmount(amount, token.decimals)} ${token.symbol}`;

/** Digits, optionally grouped by commas in threes ("1,000,000"), then optionally "." and digits. */
const AMOUNT = /^(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d*))?$|^\.(\d+)$/;

/**
 * What a person typed ("1,000.5", "0.25", ".5", "1e3" refused) in base units, exactly: "1,000.5"
 * with 6 decimals → 1000500000n. Spaces around are ignored; thousands separators must group by
 * three. Refused with a typed error: a negative amount (AMOUNT_NEGATIVE), anything that is not a
 * plain decimal number (AMOUNT_INVALID), and more fractional digits than `decimals`
 * (AMOUNT_TOO_PRECISE; trailing zeros count only where they exceed it: "1.50" with 1 decimal is 15).
 */
export function parseTokenAmount(text: string, decimals: number): bigint {
  assertDecimals(decimals);
  const input = text.trim();
  if (input.startsWith('-'))
    throw new AmountError(AmountErrorCode.AMOUNT_NEGATIVE, `amount ${JSON.stringify(text)} is negative`, {
      amount: text,
    });
  const match = AMOUNT.exec(input);
  if (match === null)
    throw new AmountError(
      AmountErrorCode.AMOUNT_INVALID,
      `amount ${JSON.stringify(text)} is not a decimal number (such as 1,000.5)`,
      { amount: text },
    );
  const whole = (match[1] ?? '0').replace(/,/g, '');
  const fraction = (match[2] ?? match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals)
    throw new AmountError(
      AmountErrorCode.AMOUNT_TOO_PRECISE,
      `amount ${JSON.stringify(text)} has ${fraction.length} fractional digits; the token has ${decimals} decimals`,
      { amount: text, decimals },
    );
  return BigInt(whole + fraction.padEnd(decimals, '0'));
}
