import type { ApiErrorCategory } from '@guildhall/sdk';

/** Exit codes scripts can rely on (documented in `guildhall --help`). */
export const ExitCode = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  UNREACHABLE: 3,
  REJECTED: 4,
  RETRYABLE: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(category: ApiErrorCategory): ExitCode {
  switch (category) {
    case 'NETWORK':
      return ExitCode.UNREACHABLE;
    case 'BAD_INPUT':
    case 'UNAUTHORIZED':
    case 'NOT_FOUND':
    case 'CONFLICT':
      return ExitCode.REJECTED;
    case 'RETRYABLE':
      return ExitCode.RETRYABLE;
    case 'INTERNAL':
      return ExitCode.FAILURE;
  }
}

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure (unexpected error)
  2  bad usage (unknown command, missing or invalid option, unreadable or malformed input file)
  3  the API could not be reached
  4  the API rejected the request (bad input, not allowed, not found, conflict)
  5  a dependency failed (database, chain); retrying may succeed`;
