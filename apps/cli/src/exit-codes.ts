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
  2  bad usage (unknown command, missing or invalid option, unreadable or malformed input file,
     no signing key, a keystore that is not one or a wrong keystore password); one line on stderr
  3  the API could not be reached
  4  the API rejected the request (bad input, not allowed, not found, conflict)
  5  a dependency failed (database, chain); retrying may succeed
  API errors print "guildhall: MESSAGE [CODE]" with the API's error code (e.g. NOT_A_REVIEWER).`;

export const KEYS_HELP = `
Signing (commands that write): the key comes from --private-key or GUILDHALL_PRIVATE_KEY, or from
an Ethereum V3 keystore file (--keystore or GUILDHALL_KEYSTORE) whose password is asked for without
echo, or read from GUILDHALL_KEYSTORE_PASSWORD in scripts. The EIP-712 domain uses the chain the API
reports (guildhall status) unless --chain-id or GUILDHALL_CHAIN_ID names it. Nothing is sent until
every argument has been parsed and the write signed.`;
