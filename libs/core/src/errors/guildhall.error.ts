/**
 * How a domain error reaches a client. Every feature error class picks one per code; the GraphQL
 * error filter maps them onto `extensions.code` plus these categories.
 */
export type ErrorCategory =
  | 'BAD_INPUT' // the caller sent something invalid; retrying the same request will fail again
  | 'UNAUTHORIZED' // the signer may not do this
  | 'NOT_FOUND'
  | 'CONFLICT' // valid, but conflicts with the current state
  | 'RETRYABLE' // an upstream (RPC, database) failed; the same request may succeed later
  | 'RATE_LIMITED' // the caller sent too much; the same request succeeds after a wait
  | 'INTERNAL';

/** The HTTP status of a category: GraphQL errors carry it as `extensions.status`, HTTP routes answer it. */
export function httpStatusOf(category: ErrorCategory): number {
  switch (category) {
    case 'BAD_INPUT':
      return 400;
    case 'UNAUTHORIZED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'RETRYABLE':
      return 503;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
  }
}

/** Base class of every typed domain error. Services throw these, never HTTP errors. */
export abstract class GuildhallError<Code extends string = string> extends Error {
  abstract readonly category: ErrorCategory;

  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export const isGuildhallError = (error: unknown): error is GuildhallError => error instanceof GuildhallError;
