import { Option, type Command } from 'commander';
import * as arg from '../args.js';
import { examples } from '../command-kit.js';
import type { GlobalOptions } from '../output.js';

/** `guildhall statement`: a contributor's statement for a period, as CSV, JSON or PDF (docs/statements.md). */
export function registerStatement(program: Command, globals: () => GlobalOptions): void {
  program
    .command('statement')
    .description(
      'A contributor’s statement of a DAO for [from, to): allocations, tranches, bounty and revenue payouts, Safe transfers and credits, with totals and the document’s SHA-256 hash (docs/statements.md)',
    )
    .addOption(new Option('--dao <slug>', 'the DAO').argParser(arg.slug).makeOptionMandatory())
    .addOption(
      new Option('--contributor <address>', 'the contributor').argParser(arg.address).makeOptionMandatory(),
    )
    .addOption(
      new Option('--from <date>', 'the period’s start (included)').argParser(arg.time).makeOptionMandatory(),
    )
    .addOption(
      new Option('--to <date>', 'the period’s end (excluded)').argParser(arg.time).makeOptionMandatory(),
    )
    .addOption(
      new Option('--format <format>', 'what to write').choices(['csv', 'json', 'pdf']).default('csv'),
    )
    .option('--out <file>', 'write to this file instead of standard output (a PDF needs one)')
    .addHelpText(
      'after',
      examples([
        '$ guildhall statement --dao demo --contributor 0xAbC… --from 2026-01-01 --to 2027-01-01',
        '$ guildhall statement --dao demo --contributor 0xAbC… --from 2026-01-01 --to 2027-01-01 --format pdf --out statement.pdf',
      ]),
    )
    .action(
      async (options: {
        dao: string;
        contributor: `0x${string}`;
        from: Date;
        to: Date;
        format: 'csv' | 'json' | 'pdf';
        out?: string;
      }) => {
        const { statement } = await import('./statement.js');
        process.exitCode = await statement(globals(), options);
      },
    );
}
