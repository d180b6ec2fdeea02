import { Option, type Command } from 'commander';
import * as arg from '../args.js';
import { examples, signingOptions } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';
import type * as impl from './disputes.js';

const daoOption = () => new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory();

/** Members' `dispute open`, admins' `dispute resolve`, and anyone's `dispute show`. */
export function registerDisputes(program: Command, globals: () => GlobalOptions): void {
  const dispute = program
    .command('dispute')
    .description('Members: dispute an attestation or a review; admins: resolve the dispute');

  signingOptions(
    dispute
      .command('open')
      .description(
        'Sign and open a dispute of an attestation or a review (anyone with voting power, or a contributor of the DAO)',
      )
      .addOption(daoOption())
      .addOption(
        new Option('--attestation <id>', 'the attestation disputed').argParser(arg.id).conflicts('review'),
      )
      .addOption(new Option('--review <id>', 'the review disputed').argParser(arg.id))
      .addOption(new Option('--reason <text>', 'why, public').argParser(arg.text).makeOptionMandatory())
      .addOption(
        new Option(
          '--evidence <uri>',
          'an https://, ipfs:// or ar:// URI backing the dispute, e.g. URI#SHA256 to pin its bytes (repeatable)',
        ).argParser(arg.collect(arg.uri)),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall dispute open --dao model-works --attestation 42 --reason "the eval set leaks into training" \\',
          '    --evidence "https://example.org/leak.md#9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"',
          '$ guildhall dispute open --dao model-works --review 17 --reason "scored without running it" --json',
        ]),
      ),
  ).action(async (options: Parameters<typeof impl.openDispute>[1]) => {
    const { openDispute } = await import('./disputes.js');
    process.exitCode = await openDispute(globals(), options);
  });

  signingOptions(
    dispute
      .command('resolve')
      .description(
        'Admins: sign and resolve an open dispute; UPHELD rejects the attestation or voids the review, DISMISSED leaves it as it was',
      )
      .argument('<id>', 'the dispute id', arg.id)
      .addOption(daoOption())
      .addOption(
        new Option('--outcome <outcome>', 'UPHELD or DISMISSED')
          .argParser(arg.oneOf(['UPHELD', 'DISMISSED'] as const))
          .makeOptionMandatory(),
      )
      .addOption(
        new Option('--reason <text>', 'why, public (shown as the resolution)')
          .argParser(arg.text)
          .makeOptionMandatory(),
      )
      .addHelpText(
        'after',
        examples([
          '$ guildhall dispute resolve 5 --dao model-works --outcome UPHELD --reason "leak confirmed"',
          '$ guildhall dispute resolve 6 --dao model-works --outcome dismissed --reason "no overlap" --json',
        ]),
      ),
  ).action(async (id: string, options: Parameters<typeof impl.resolveDispute>[2]) => {
    const { resolveDispute } = await import('./disputes.js');
    process.exitCode = await resolveDispute(globals(), id, options);
  });

  dispute
    .command('show')
    .description('Show a dispute: its target, reason, evidence and resolution')
    .argument('<id>', 'the dispute id', arg.id)
    .addHelpText(
      'after',
      examples(['$ guildhall dispute show 5', '$ guildhall dispute show 5 --json | jq -r .status']),
    )
    .action(async (id: string) => {
      const { showDispute } = await import('./disputes.js');
      process.exitCode = await showDispute(globals(), id);
    });
}
