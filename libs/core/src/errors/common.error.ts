import { GuildhallError, type ErrorCategory } from './guildhall.error.js';

export const CommonErrorCode = {
  BAD_INPUT: 'BAD_INPUT',
  /** A text holds NUL or a lone UTF-16 surrogate: it can be neither stored nor signed. */
  INVALID_TEXT: 'INVALID_TEXT',
  /** A name (DAO name or slug, round name, choice) holds a control, bidirectional or invisible character. */
  INVALID_NAME: 'INVALID_NAME',
  /** An integer of a signed message is outside its EIP-712 type's range (e.g. a uint64 timestamp). */
  INTEGER_OUT_OF_RANGE: 'INTEGER_OUT_OF_RANGE',
  /** A URI names a user or a password (`https://user:password@host/…`). */
  URI_WITH_CREDENTIALS: 'URI_WITH_CREDENTIALS',
  NOT_FOUND: 'NOT_FOUND',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  PORT_IN_USE: 'PORT_IN_USE',
  /** Concurrent writes kept changing the record this write depends on; the same request may succeed later. */
  CONTENDED: 'CONTENDED',
  /** Too many operations from this client IP or signer: wait `details.retryAfterSeconds`. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The x-api-key header names no key, or a revoked one. */
  API_KEY_INVALID: 'API_KEY_INVALID',
  /** A graphql-ws connection already runs as many subscriptions as it may. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];

const categories: Record<CommonErrorCode, ErrorCategory> = {
  BAD_INPUT: 'BAD_INPUT',
  INVALID_TEXT: 'BAD_INPUT',
  INVALID_NAME: 'BAD_INPUT',
  INTEGER_OUT_OF_RANGE: 'BAD_INPUT',
  URI_WITH_CREDENTIALS: 'BAD_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  PAGE_SIZE_EXCEEDED: 'BAD_INPUT',
  UPSTREAM_UNAVAILABLE: 'RETRYABLE',
  UPSTREAM_BAD_RESPONSE: 'RETRYABLE',
  PORT_IN_USE: 'CONFLICT',
  CONTENDED: 'RETRYABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  API_KEY_INVALID: 'UNAUTHORIZED',
  TOO_MANY_SUBSCRIPTIONS: 'CONFLICT',
};

/** Errors every feature can raise: invalid input, a missing record, an upstream that failed. */
export class CommonError extends GuildhallError<CommonErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
