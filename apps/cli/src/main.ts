#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { UsageError } from './args.js';
import { oneLineErrors, usageLine } from './command-kit.js';
import { registerAdmin } from './commands/admin.command.js';
import { registerApiKeys } from './commands/api-key.command.js';
import { registerBounties } from './commands/bounties.command.js';
import { registerContributions } from './commands/contributions.command.js';
import { registerCredits } from './commands/credits.command.js';
import { registerDisputes } from './commands/disputes.command.js';
import { registerGovernance } from './commands/governance.command.js';
import { registerSafe } from './commands/safe.command.js';
import { registerStatement } from './commands/statement.command.js';
import { EXIT_CODES_HELP, ExitCode, KEYS_HELP } from './exit-codes.js';
import type { GlobalOptions } from './output.js';

// Commands load their modules lazily: `guildhall --help` or `guildhall status` never pays for
// Nest, Hardhat or the database driver, so scripts can call the CLI in loops.

/** The version in the repository's package.json (the nearest one above this file, built or not). */
function packageVersion(dir = import.meta.dirname): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return dirname(dir) === dir ? 'unknown' : packageVersion(dirname(dir));
  }
}

// `guildhall … | head` closes stdout before the output ends: stop quietly, as other Unix tools
// do, instead of an unhandled EPIPE stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(ExitCode.OK);
});

const program = new Command('guildhall')
  .version(packageVersion(), '-V, --version')
  .description(
    'Guildhall: DAO governance and contributor rewards for communities that build AI models together.',
  )
  .addOption(
    new Option('--api <url>', 'GraphQL endpoint of the Guildhall API (default: the local dev stack)').env(
      'GUILDHALL_API',
    ),
  )
  .option('--json', 'machine-readable JSON output', false)
  .configureHelp({ showGlobalOptions: true })
  .addHelpText('after', KEYS_HELP)
  .addHelpText('after', EXIT_CODES_HELP)
  .exitOverride();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

program
  .command('start')
  .description(
    'Run the whole stack on this machine: embedded PostgreSQL, a devnet with Safe 1.4.1, the API and the worker',
  )
  .option('--fresh', 'wipe GUILDHALL_HOME (database and devnet journal) and start from scratch', false)
  .addHelpText(
    'after',
    `
Examples:
  $ guildhall start                 # keeps data in .guildhall/ between runs
  $ guildhall start --fresh         # starts from an empty database and a new chain
  $ PORT=4100 DEVNET_PORT=8600 guildhall start
  $ DATABASE_URL=postgres://postgres@127.0.0.1:5432/guildhall guildhall start   # real PostgreSQL, devnet chain`,
  )
  .action(async (options: { fresh: boolean }) => {
    const { start } = await import('./commands/start.js');
    await start({ fresh: options.fresh, json: globals().json });
  });

program
  .command('status')
  .description('Show whether the API, its database and its chain are up, and the DAOs it serves')
  .addHelpText(
    'after',
    `
Examples:
  $ guildhall status
  $ guildhall status --json | jq .health.chain.blockNumber
  $ guildhall --api https://guildhall.example.org/graphql status`,
  )
  .action(async () => {
    const { status } = await import('./commands/status.js');
    process.exitCode = await status(globals());
  });

program
  .command('recount')
  .description('Recompute a proposal result offline from a proposal export (always prints JSON)')
  .requiredOption('--input <file>', 'the proposal export, a JSON file; - reads standard input')
  .addHelpText(
    'after',
    `
Prints { "scores": [...], "scoresTotal": "...", "quorumReached": true|false }: scores in choice
order, in the base units of vp, as decimal strings. An export that is not valid exits with 2.

Examples:
  $ guildhall recount --input proposal-export.json
  $ guildhall recount --input - < proposal-export.json
  $ guildhall recount --input proposal-export.json | jq -r .scoresTotal`,
  )
  .action(async (options: { input: string }) => {
    const { recount } = await import('./commands/recount.js');
    process.exitCode = await recount(options);
  });

program
  .command('score')
  .description(
    'Recompute one Yuma Consensus epoch offline from a Yuma input (stake, weights, bondsPrev, params) and print consensus, incentive, dividends, validator trust and bonds as JSON',
  )
  .requiredOption('--input <file>', 'the Yuma input JSON file, or - to read it from stdin')
  .addHelpText(
    'after',
    `
Prints { "consensus": [n], "incentive": [n], "dividends": [n], "validatorTrust": [n], "bonds": [[n×n]] },
floats in [0, 1]; bonds is what the next epoch takes as bondsPrev. An input that is not valid exits with 2.

Examples:
  $ guildhall score --input epoch.json
  $ guildhall score --input epoch.json | jq .incentive
  $ cat epoch.json | guildhall score --input -

  Two epochs, the second starting from the bonds of the first:
  $ guildhall score --input epoch-1.json > result-1.json
  $ jq --slurpfile r result-1.json '.bondsPrev = $r[0].bonds' epoch-2.json | guildhall score --input -`,
  )
  .action(async (options: { input: string }) => {
    const { score } = await import('./commands/score.js');
    process.exitCode = await score(options);
  });

registerContributions(program, globals);
registerDisputes(program, globals);
registerBounties(program, globals);
registerGovernance(program, globals);
registerSafe(program, globals);
registerAdmin(program, globals);
registerApiKeys(program, globals);
registerCredits(program, globals);
registerStatement(program, globals);

oneLineErrors(program);
/** The command running, for the --help hint of a usage error found in its action. */
let active: Command = program;
program.hook('preAction', (_program, command) => {
  active = command;
});

try {
  await program.parseAsync();
} catch (error) {
  process.exitCode = await report(error);
}

async function report(error: unknown): Promise<ExitCode> {
  if (error instanceof CommanderError) {
    // --help and --version also end here, with exit code 0.
    return error.exitCode === 0 ? ExitCode.OK : ExitCode.USAGE;
  }
  if (error instanceof UsageError) {
    process.stderr.write(usageLine(active, error.message));
    return ExitCode.USAGE;
  }
  const [{ GuildhallApiError }, { displayText, isGuildhallError }] = await Promise.all([
    import('@guildhall/sdk'),
    import('@guildhall/core'),
  ]);
  if (error instanceof GuildhallApiError) {
    // Whatever its category (rejected, not found, conflict, unreachable, retryable, internal). The
    // message may quote what someone else wrote (a name, a handle): shown safely.
    process.stderr.write(`guildhall: ${displayText(error.message)} [${displayText(error.code)}]\n`);
    return ExitCode.FAILURE;
  }
  if (isGuildhallError(error)) {
    process.stderr.write(`guildhall: ${displayText(error.message)}\n`);
    return ExitCode.FAILURE;
  }
  process.stderr.write(
    `guildhall: unexpected failure\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.FAILURE;
}
