import { StatementsError, StatementsErrorCode } from './statements.error.js';

const DECIMAL = /^(0|[1-9][0-9]*)(?:\.([0-9]{1,18}))?$/;

/**
 * A USD price per whole token as given ("1.25", "0.000123"), in its shortest exact form (trailing
 * fractional zeros dropped), or INVALID_PRICE: no exponent, no sign, at most 18 fractional digits.
 */
export function normalizePrice(text: string): string {
  const match = DECIMAL.exec(text.trim());
  if (match === null)
    throw new StatementsError(
      StatementsErrorCode.INVALID_PRICE,
      `USD price ${JSON.stringify(text)} is not a decimal number such as 1.25 (at most 18 decimals)`,
      { price: text },
    );
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction === '' ? match[1] : `${match[1]}.${fraction}`;
}

/**
 * The exact USD value of `amount` base units of a token of `decimals` at `price` USD per whole
 * token, as a decimal string with no trailing fractional zeros: nothing is rounded.
 */
export function usdValue(amount: bigint, decimals: number, price: string): string {
  const [whole, fraction = ''] = price.split('.');
  const scale = decimals + fraction.length;
  const digits = (amount * BigInt(whole + fraction)).toString().padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const decimalsPart = digits.slice(digits.length - scale).replace(/0+$/, '');
  return decimalsPart === '' ? integer : `${integer}.${decimalsPart}`;
}
