import { Option, type Command } from 'commander';
import * as arg from '../args.js';
import { examples } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';

/** `guildhall credits check`: anyone's run of the credits ledger's consistency check, through the API. */
export function registerCredits(program: Command, globals: () => GlobalOptions): void {
  const credits = program.command('credits').description('The DAO’s credits ledger (docs/credits.md)');

  credits
    .command('check')
    .description(
      'Run the ledger’s consistency check: every balance against its postings, held amounts against holds, contributor balances against their grants, and transfers that do not balance; exits 1 when anything is off',
    )
    .addOption(new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory())
    .addHelpText(
      'after',
      examples(['$ guildhall credits check --dao demo', '$ guildhall credits check --dao demo --json']),
    )
    .action(async (options: { dao: string }) => {
      const { checkCredits } = await import('./credits.js');
      process.exitCode = await checkCredits(globals(), options.dao);
    });
}
