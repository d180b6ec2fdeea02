import { Option, type Command } from 'commander';
import * as arg from '../args.js';
import { examples, signingOptions } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';
import type * as impl from './credits.js';

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();

/**
 * `guildhall credits check`: anyone's run of the credits ledger's consistency check, through the API.
 * `guildhall credits key create|list|revoke`: admins manage the spending keys services spend with.
 */
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

  const key = credits
    .command('key')
    .description('Spending keys: a service spends the DAO’s credits into its spend account with one');

  signingOptions(
    key
      .command('create')
      .description(
        'Admins: sign and create a spending key for a service; its secret is printed once (only its hash is kept)',
      )
      .addOption(daoOption())
      .addOption(
        new Option('--service <name>', 'the spend account’s service (a-z, 0-9, . _ -)')
          .argParser(arg.text)
          .makeOptionMandatory(),
      )
      .addOption(new Option('--name <text>', 'who holds the key').argParser(arg.text).makeOptionMandatory())
      .addHelpText(
        'after',
        examples([
          '$ guildhall credits key create --dao demo --service inference-gateway --name "gateway, prod"',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.createSpendingKey>[1]) => {
    const { createSpendingKey } = await import('./credits.js');
    process.exitCode = await createSpendingKey(globals(), options);
  });

  key
    .command('list')
    .description('The DAO’s spending keys, newest first, revoked ones too (never a secret)')
    .addOption(daoOption())
    .addHelpText('after', examples(['$ guildhall credits key list --dao demo']))
    .action(async (options: { dao: string }) => {
      const { listSpendingKeys } = await import('./credits.js');
      process.exitCode = await listSpendingKeys(globals(), options.dao);
    });

  signingOptions(
    key
      .command('revoke')
      .description('Admins: sign and revoke a spending key; it stops working at once')
      .argument('<id>', 'the key id', arg.id)
      .addOption(daoOption())
      .addHelpText('after', examples(['$ guildhall credits key revoke 3f… --dao demo'])),
  ).action(async (id: string, options: Parameters<typeof impl.revokeSpendingKey>[2]) => {
    const { revokeSpendingKey } = await import('./credits.js');
    process.exitCode = await revokeSpendingKey(globals(), id, options);
  });
}
