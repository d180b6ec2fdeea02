import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const DatabaseErrorCode = {
  /** PostgreSQL did not answer within the connect timeout, refused the connection or the login. */
  DATABASE_UNREACHABLE: 'DATABASE_UNREACHABLE',
  /** A migration failed; the whole run was rolled back. */
  MIGRATION_FAILED: 'MIGRATION_FAILED',
  /** Another live process has the embedded database's data directory open. */
  EMBEDDED_DATA_DIR_LOCKED: 'EMBEDDED_DATA_DIR_LOCKED',
  /** A value for a `numeric(78,0)` amount column was not an integer (a bug, never user input). */
  INVALID_AMOUNT: 'INVALID_AMOUNT',
} as const;
export type DatabaseErrorCode = (typeof DatabaseErrorCode)[keyof typeof DatabaseErrorCode];

const categories: Record<DatabaseErrorCode, ErrorCategory> = {
  DATABASE_UNREACHABLE: 'RETRYABLE',
  MIGRATION_FAILED: 'INTERNAL',
  EMBEDDED_DATA_DIR_LOCKED: 'INTERNAL',
  INVALID_AMOUNT: 'INTERNAL',
};

/** Errors of the storage layer: connecting, migrating, the embedded server, column mapping. */
export class DatabaseError extends GuildhallError<DatabaseErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
