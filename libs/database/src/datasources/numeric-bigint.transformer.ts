import { inspect } from 'node:util';
import type { ValueTransformer } from 'typeorm';
import { DatabaseError, DatabaseErrorCode } from '../database.error.js';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;

/**
 * Maps a `numeric(78,0)` column to `bigint` (78 digits hold any uint256). Money is bigint end to
 * end: writing anything but a bigint — a JS number, a string, a fraction — throws instead of
 * silently rounding, and so does reading a value that is not an integer.
 *
 * TypeORM unwraps find operators (`In`, `MoreThan`, …) before calling `to`, so they work too.
 *
 * Use on every amount column:
 * `@Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })`.
 */
export const numericBigintTransformer: ValueTransformer = {
  to(value: unknown): string | null | undefined {
    if (value === null || value === undefined) return value;
    if (typeof value === 'bigint') return value.toString();
    throw new DatabaseError(
      DatabaseErrorCode.INVALID_AMOUNT,
      `An amount column takes a bigint, got ${typeof value} ${inspect(value)}`,
      { type: typeof value },
    );
  },
  from(value: unknown): bigint | null {
    if (value === null) return null;
    if (typeof value === 'string' && INTEGER.test(value)) return BigInt(value);
    throw new DatabaseError(
      DatabaseErrorCode.INVALID_AMOUNT,
      `An amount column returned ${inspect(value)}, which is not an integer: is the column numeric(78,0)?`,
      { type: typeof value },
    );
  },
};
