/** Exit codes scripts can rely on (documented in `guildhall --help`). */
export const ExitCode = {
  OK: 0,
  /** Every API error (rejected, not found, conflict, unreachable, retryable, internal) and any other failure. */
  FAILURE: 1,
  USAGE: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  the API refused or failed the request (its error code and message on stderr:
     "guildhall: MESSAGE [CODE]", e.g. [NOT_A_REVIEWER], [NETWORK_ERROR] when it cannot be
     reached), or an unexpected failure
  2  bad usage (unknown command, missing or invalid option, unreadable or malformed input file,
     no signing key, a keystore that is not one or a wrong keystore password); one line on stderr
     naming the argument, with the --help hint; nothing was sent`;

export const KEYS_HELP = `
Signing (commands that write): the key comes from --private-key or GUILDHALL_PRIVATE_KEY, or from
an Ethereum V3 keystore file (--keystore or GUILDHALL_KEYSTORE) whose password is asked for without
echo, or read from GUILDHALL_KEYSTORE_PASSWORD in scripts. The EIP-712 domain uses the chain the API
reports (guildhall status) unless --chain-id or GUILDHALL_CHAIN_ID names it. Nothing is sent until
every argument has been parsed and the write signed.`;
