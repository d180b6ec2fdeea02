import { isGuildhallError } from './errors/guildhall.error.js';

/**
 * Runs a process entry point. A failure at boot prints one clear message (a typed error's own
 * message, which names the variable, port or server at fault) and exits non-zero instead of
 * hanging or dumping a stack trace at the operator.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (isGuildhallError(error)) {
      process.stderr.write(`guildhall: ${error.message}\n`);
    } else {
      process.stderr.write(
        `guildhall: unexpected failure\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}
