import pc from 'picocolors';
import { displayText, jsonText } from '@guildhall/core/lean';

/** Global flags every command honours. */
export interface GlobalOptions {
  /** Undefined: the SDK's default, the local dev stack. */
  readonly api: string | undefined;
  readonly json: boolean;
}

/** Colour only on a TTY (picocolors also honours NO_COLOR and FORCE_COLOR). */
export const colors = pc;

export function printJson(value: unknown): void {
  process.stdout.write(`${jsonText(value, 2)}\n`);
}

/**
 * An API answer made safe to print on a terminal: every text in it through `displayText`
 * (multi-line), so a title, reason, name or token symbol someone else wrote shows its control,
 * escape and bidirectional characters as visible escapes instead of acting on the terminal. Line
 * feeds and tabs stay: `printFields` indents a text's further lines, `printTable` escapes them.
 */
export function displayValue<T>(value: T): T {
  if (typeof value === 'string') return displayText(value, { multiline: true }) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => displayValue(item)) as T;
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, displayValue(item)])) as T;
  return value;
}

/** Aligned `label  value` lines for human-readable output; a multi-line value's lines aligned too. */
export function printFields(fields: ReadonlyArray<readonly [string, string]>, indent = ''): void {
  const width = Math.max(...fields.map(([label]) => label.length));
  const continued = `\n${indent}${' '.repeat(width + 2)}`;
  for (const [label, value] of fields)
    process.stdout.write(
      `${indent}${colors.dim(label.padEnd(width))}  ${value.split('\n').join(continued)}\n`,
    );
}

export const statusMark = (up: boolean): string => (up ? colors.green('up') : colors.red('down'));

/**
 * A table with a dim header row, columns padded to their widest cell (colour codes not counted);
 * a line feed or tab in a cell is shown as `\n` or `\t`, so each row stays one line.
 */
export function printTable(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): void {
  if (rows.length === 0) {
    process.stdout.write(`${colors.dim('(none)')}\n`);
    return;
  }
  const oneLine = rows.map((row) => row.map((cell) => cell.replace(/\n/g, '\\n').replace(/\t/g, '\\t')));
  // eslint-disable-next-line no-control-regex
  const visible = (cell: string) => cell.replace(/\u001b\[[0-9;]*m/g, '').length;
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...oneLine.map((row) => visible(row[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i] - visible(cell))))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${colors.dim(line(headers))}\n`);
  for (const row of oneLine) process.stdout.write(`${line(row)}\n`);
}

/** A short form of a 0x address for tables: 0x1234…abcd. */
export const shortAddress = (address: string): string => `${address.slice(0, 6)}…${address.slice(-4)}`;

/** Unix seconds (as the API returns them) or an ISO date, as an ISO date without milliseconds. */
export const when = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined || value === '') return '-';
  const date = /^\d+$/.test(String(value)) ? new Date(Number(value) * 1000) : new Date(String(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace('.000Z', 'Z');
};
