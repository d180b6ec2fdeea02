import pc from 'picocolors';

/** Global flags every command honours. */
export interface GlobalOptions {
  /** Undefined: the SDK's default, the local dev stack. */
  readonly api: string | undefined;
  readonly json: boolean;
}

/** Colour only on a TTY (picocolors also honours NO_COLOR and FORCE_COLOR). */
export const colors = pc;

export function printJson(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
  );
}

/** Aligned `label  value` lines for human-readable output. */
export function printFields(fields: ReadonlyArray<readonly [string, string]>, indent = ''): void {
  const width = Math.max(...fields.map(([label]) => label.length));
  for (const [label, value] of fields)
    process.stdout.write(`${indent}${colors.dim(label.padEnd(width))}  ${value}\n`);
}

export const statusMark = (up: boolean): string => (up ? colors.green('up') : colors.red('down'));
