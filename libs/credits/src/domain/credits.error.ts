import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const CreditsErrorCode = {
  /** A journal whose postings do not sum to zero per credit type, or with fewer than two postings. */
  UNBALANCED: 'UNBALANCED',
  /** An amount that must be positive is zero or negative. */
  NEGATIVE_AMOUNT: 'NEGATIVE_AMOUNT',
  UNKNOWN_CREDIT_TYPE: 'UNKNOWN_CREDIT_TYPE',
  CREDIT_TYPE_EXISTS: 'CREDIT_TYPE_EXISTS',
  INVALID_CREDIT_TYPE: 'INVALID_CREDIT_TYPE',
  INVALID_SERVICE: 'INVALID_SERVICE',
  INVALID_GRANT_WINDOW: 'INVALID_GRANT_WINDOW',
  INVALID_HOLD_TIMEOUT: 'INVALID_HOLD_TIMEOUT',
  INVALID_CLIENT_KEY: 'INVALID_CLIENT_KEY',
  /** More than the account's spendable credits (effective, unexpired grants not held). */
  INSUFFICIENT_CREDITS: 'INSUFFICIENT_CREDITS',
  /** A capture larger than its hold. */
  HOLD_EXCEEDED: 'HOLD_EXCEEDED',
  /** The hold timed out (voided by the worker, or past its expiry and about to be). */
  HOLD_EXPIRED: 'HOLD_EXPIRED',
  /** The hold was captured or voided already. */
  HOLD_NOT_ACTIVE: 'HOLD_NOT_ACTIVE',
  HOLD_NOT_FOUND: 'HOLD_NOT_FOUND',
  TRANSFER_NOT_FOUND: 'TRANSFER_NOT_FOUND',
  /** The client key was used before with another body: nothing written. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  /** A hold of another DAO, or a spending key used for another DAO than its own. */
  WRONG_DAO: 'WRONG_DAO',
  /** No spending key, a malformed one, or a wrong secret. */
  INVALID_KEY: 'INVALID_KEY',
  /** The spending key was revoked. */
  KEY_REVOKED: 'KEY_REVOKED',
  /** No spending key with this id in the DAO (revoking). */
  KEY_NOT_FOUND: 'KEY_NOT_FOUND',
  INVALID_KEY_NAME: 'INVALID_KEY_NAME',
} as const;
export type CreditsErrorCode = (typeof CreditsErrorCode)[keyof typeof CreditsErrorCode];

const categories: Record<CreditsErrorCode, ErrorCategory> = {
  UNBALANCED: 'BAD_INPUT',
  NEGATIVE_AMOUNT: 'BAD_INPUT',
  UNKNOWN_CREDIT_TYPE: 'NOT_FOUND',
  CREDIT_TYPE_EXISTS: 'CONFLICT',
  INVALID_CREDIT_TYPE: 'BAD_INPUT',
  INVALID_SERVICE: 'BAD_INPUT',
  INVALID_GRANT_WINDOW: 'BAD_INPUT',
  INVALID_HOLD_TIMEOUT: 'BAD_INPUT',
  INVALID_CLIENT_KEY: 'BAD_INPUT',
  INSUFFICIENT_CREDITS: 'CONFLICT',
  HOLD_EXCEEDED: 'BAD_INPUT',
  HOLD_EXPIRED: 'CONFLICT',
  HOLD_NOT_ACTIVE: 'CONFLICT',
  HOLD_NOT_FOUND: 'NOT_FOUND',
  TRANSFER_NOT_FOUND: 'NOT_FOUND',
  IDEMPOTENCY_KEY_REUSED: 'CONFLICT',
  WRONG_DAO: 'BAD_INPUT',
  INVALID_KEY: 'UNAUTHORIZED',
  KEY_REVOKED: 'UNAUTHORIZED',
  KEY_NOT_FOUND: 'NOT_FOUND',
  INVALID_KEY_NAME: 'BAD_INPUT',
};

export class CreditsError extends GuildhallError<CreditsErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
