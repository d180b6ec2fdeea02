import { formatTokenAmount } from '@guildhall/core';
import type { Statement, StatementEntry } from './statement.js';

/** The CSV columns of a statement's lines, in order (docs/statements.md). */
export const STATEMENT_CSV_COLUMNS = [
  'contributor',
  'date',
  'kind',
  'description',
  'detail',
  'asset',
  'symbol',
  'amount_base_units',
  'amount',
  'status',
  'tx_hash',
  'block',
  'usd_price',
  'usd_price_as_of',
  'usd_value',
  'document_hash',
] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const row = (statement: Statement, line: StatementEntry): string[] => [
  statement.contributor,
  line.at.toISOString(),
  line.kind,
  line.description,
  line.detail ?? '',
  line.asset,
  line.symbol,
  line.amount.toString(),
  formatTokenAmount(line.amount, line.decimals),
  line.status ?? '',
  line.txHash ?? '',
  line.block?.toString() ?? '',
  line.usdPrice ?? '',
  line.usdPriceAsOf?.toISOString() ?? '',
  line.usdValue ?? '',
  statement.documentHash,
];

/**
 * Statements' lines as CSV (a header, then one row per line, CRLF-separated): one statement, or an
 * export of every contributor's, each row naming its contributor and its statement's hash.
 */
export function statementsCsv(statements: readonly Statement[]): string {
  const rows = [
    [...STATEMENT_CSV_COLUMNS],
    ...statements.flatMap((statement) => statement.lines.map((line) => row(statement, line))),
  ];
  return rows.map((cells) => `${cells.map(field).join(',')}\r\n`).join('');
}
