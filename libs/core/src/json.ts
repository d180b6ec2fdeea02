/**
 * JSON text with every bigint as a decimal string: how amounts leave Guildhall (stored typed data,
 * exports, `--json` output), since JSON has no 64-bit integers.
 */
export const jsonText = (value: unknown, indent?: number): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent);

/** The same, as a plain JSON value (for a jsonb column or a JSON scalar). */
export const toPlainJson = (value: unknown): unknown => JSON.parse(jsonText(value));
