import type { GraphQLFormattedError } from 'graphql';
import type { Hex } from 'viem';

/** The server's error categories (see `extensions.category`), plus NETWORK when it was not reached. */
export type ApiErrorCategory =
  | 'BAD_INPUT'
  | 'UNAUTHORIZED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RETRYABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL'
  | 'NETWORK';

/** Every failure of an SDK call: `code` is the server's domain code (e.g. `DAO_NOT_FOUND`). */
export class GuildhallApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly category: ApiErrorCategory,
    readonly retryable: boolean,
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly errors: readonly GraphQLFormattedError[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GuildhallApiError';
  }

  static fromGraphQL(first: GraphQLFormattedError, all: readonly GraphQLFormattedError[]): GuildhallApiError {
    const extensions = first.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : 'INTERNAL';
    const category = (
      typeof extensions.category === 'string' ? extensions.category : categoryOf(code)
    ) as ApiErrorCategory;
    const details =
      typeof extensions.details === 'object' && extensions.details !== null
        ? (extensions.details as Record<string, unknown>)
        : {};
    return new GuildhallApiError(code, first.message, category, extensions.retryable === true, details, all);
  }

  static network(url: string, cause: unknown, reason?: string): GuildhallApiError {
    const why =
      reason ??
      (cause instanceof Error
        ? cause.cause instanceof Error
          ? cause.cause.message
          : cause.message
        : 'no answer');
    return new GuildhallApiError(
      'NETWORK_ERROR',
      `Cannot reach the Guildhall API at ${url}: ${why}`,
      'NETWORK',
      true,
      { url },
      [],
      { cause },
    );
  }
}

/** Codes GraphQL itself (not Guildhall) produces. */
function categoryOf(code: string): ApiErrorCategory {
  return code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_PARSE_FAILED'
    ? 'BAD_INPUT'
    : 'INTERNAL';
}

/**
 * `signSafeTransaction` refused to sign: the transaction's fields do not hash to its safeTxHash on
 * the signer's chain (a wrong chain id, or an answer that is not what it claims to be).
 */
export class SafeTxHashMismatchError extends Error {
  readonly code = 'SAFE_TX_HASH_MISMATCH';

  constructor(
    readonly safeTxHash: Hex,
    readonly computed: Hex,
    readonly chainId: number,
  ) {
    super(
      `Refusing to sign: on chain ${chainId} the transaction's fields hash to ${computed}, not to its safeTxHash ${safeTxHash}`,
    );
    this.name = 'SafeTxHashMismatchError';
  }
}
