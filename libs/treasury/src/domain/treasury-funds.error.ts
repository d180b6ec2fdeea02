import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const TreasuryFundsErrorCode = {
  /** The Safe cannot cover what the DAO already owes plus what is asked for. */
  INSUFFICIENT_TREASURY_FUNDS: 'INSUFFICIENT_TREASURY_FUNDS',
} as const;
export type TreasuryFundsErrorCode = (typeof TreasuryFundsErrorCode)[keyof typeof TreasuryFundsErrorCode];

export class TreasuryFundsError extends GuildhallError<TreasuryFundsErrorCode> {
  readonly category: ErrorCategory = 'CONFLICT';
}
