import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const StatementsErrorCode = {
  /** A period whose start is not before its end. */
  INVALID_PERIOD: 'INVALID_PERIOD',
  /** A USD price that is not a plain non-negative decimal with at most 18 fractional digits. */
  INVALID_PRICE: 'INVALID_PRICE',
  /** Another price of the token was recorded for the same date: a recorded price is never changed. */
  PRICE_CONFLICT: 'PRICE_CONFLICT',
} as const;
export type StatementsErrorCode = (typeof StatementsErrorCode)[keyof typeof StatementsErrorCode];

const categories: Record<StatementsErrorCode, ErrorCategory> = {
  INVALID_PERIOD: 'BAD_INPUT',
  INVALID_PRICE: 'BAD_INPUT',
  PRICE_CONFLICT: 'CONFLICT',
};

export class StatementsError extends GuildhallError<StatementsErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
