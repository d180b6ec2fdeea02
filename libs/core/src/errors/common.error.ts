import { GuildhallError, type ErrorCategory } from './guildhall.error.js';

export const CommonErrorCode = {
  BAD_INPUT: 'BAD_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  PAGE_SIZE_EXCEEDED: 'PAGE_SIZE_EXCEEDED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  UPSTREAM_BAD_RESPONSE: 'UPSTREAM_BAD_RESPONSE',
  PORT_IN_USE: 'PORT_IN_USE',
  /** Concurrent writes kept changing the record this write depends on; the same request may succeed later. */
  CONTENDED: 'CONTENDED',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];

const categories: Record<CommonErrorCode, ErrorCategory> = {
  BAD_INPUT: 'BAD_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  PAGE_SIZE_EXCEEDED: 'BAD_INPUT',
  UPSTREAM_UNAVAILABLE: 'RETRYABLE',
  UPSTREAM_BAD_RESPONSE: 'RETRYABLE',
  PORT_IN_USE: 'CONFLICT',
  CONTENDED: 'RETRYABLE',
};

/** Errors every feature can raise: invalid input, a missing record, an upstream that failed. */
export class CommonError extends GuildhallError<CommonErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
