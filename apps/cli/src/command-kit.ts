import { Option, type Command } from 'commander';
import { integer, privateKey } from './args.js';

/** The key and chain options of every command that signs a write. */
export function signingOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--private-key <hex>',
        'the signing key (prefer the environment variable: argv is visible to other processes)',
      )
        .env('GUILDHALL_PRIVATE_KEY')
        .argParser(privateKey),
    )
    .addOption(
      new Option(
        '--keystore <file>',
        'an Ethereum V3 keystore file; its password is asked for (no echo) or read from GUILDHALL_KEYSTORE_PASSWORD',
      ).env('GUILDHALL_KEYSTORE'),
    )
    .addOption(new Option('--keystore-password <password>').env('GUILDHALL_KEYSTORE_PASSWORD').hideHelp())
    .addOption(
      new Option(
        '--chain-id <id>',
        'the chain id of the EIP-712 domain (default: the chain the API reports in its health)',
      )
        .env('GUILDHALL_CHAIN_ID')
        .argParser(integer(1, Number.MAX_SAFE_INTEGER)),
    );
}

/** `--first` and `--after` of a paged list. */
export function pageOptions(command: Command): Command {
  return command
    .addOption(new Option('--first <n>', 'page size').default(20).argParser(integer(1, 100)))
    .option('--after <cursor>', 'the cursor printed after the previous page');
}

export const examples = (lines: readonly string[]): string =>
  `\nExamples:\n${lines.map((line) => (line === '' ? '' : `  ${line}`)).join('\n')}`;

/**
 * Errors of the command line are one line on stderr, naming the option or argument, with the
 * command's --help hint; commander then exits through `report` with code 2. Applied to every
 * command once the tree is built (each needs its own name in the hint).
 */
export function oneLineErrors(command: Command): void {
  command.showHelpAfterError(false).configureOutput({
    outputError: (message, write) => write(usageLine(command, message.replace(/^error: /, ''))),
  });
  for (const sub of command.commands) oneLineErrors(sub);
}

/** `guildhall: MESSAGE (see guildhall attest submit --help)` and a newline. */
export function usageLine(command: Command, message: string): string {
  const path: string[] = [];
  for (let c: Command | null = command; c !== null; c = c.parent) path.unshift(c.name());
  return `guildhall: ${message.trim()} (see ${path.join(' ')} --help)\n`;
}
