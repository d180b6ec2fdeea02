import { writeFile } from 'node:fs/promises';
import { ContributorStatementDocument } from '@guildhall/sdk';
import { UsageError } from '../args.js';
import { ExitCode } from '../exit-codes.js';
import type { GlobalOptions } from '../output.js';
import { apiClient } from '../session.js';
import { statementPdf, type StatementData } from '../statement-pdf.js';

/** The statement in the format asked for: CSV and JSON carry the document hash, as the PDF does. */
export async function renderStatement(
  statement: StatementData,
  format: 'csv' | 'json' | 'pdf',
): Promise<Buffer> {
  if (format === 'pdf') return statementPdf(statement);
  if (format === 'csv') return Buffer.from(statement.csv);
  const body = JSON.parse(statement.canonicalJson) as Record<string, unknown>;
  return Buffer.from(`${JSON.stringify({ ...body, documentHash: statement.documentHash }, null, 2)}\n`);
}

export async function statement(
  globals: GlobalOptions,
  options: {
    dao: string;
    contributor: `0x${string}`;
    from: Date;
    to: Date;
    format: 'csv' | 'json' | 'pdf';
    out?: string;
  },
): Promise<ExitCode> {
  if (options.format === 'pdf' && options.out === undefined)
    throw new UsageError('--format pdf writes a file: give it with --out.');
  const { contributorStatement } = await apiClient(globals).request(ContributorStatementDocument, {
    dao: options.dao,
    contributor: options.contributor,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
  });
  const bytes = await renderStatement(contributorStatement, options.format);
  if (options.out === undefined) process.stdout.write(bytes);
  else {
    await writeFile(options.out, bytes);
    process.stderr.write(`Wrote ${options.out} (sha256 ${contributorStatement.documentHash})\n`);
  }
  return ExitCode.OK;
}
