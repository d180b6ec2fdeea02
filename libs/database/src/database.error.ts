import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const DatabaseErrorCode = {
  /** PostgreSQL did not answer within the connect timeout, refused the connection or the login. */
  DATABASE_UNREACHABLE: 'DATABASE_UNREACHABLE',
  /** A migration failed; the whole run was rolled back. */
  MIGRATION_FAILED: 'MIGRATION_FAILED',
  /** Another live process has GUILDHALL_HOME (the embedded database and devnet journal) open. */
  EMBEDDED_DATA_DIR_LOCKED: 'EMBEDDED_DATA_DIR_LOCKED',
  /** The embedded PostgreSQL server could not be initialised or started (the message has its output). */
  EMBEDDED_START_FAILED: 'EMBEDDED_START_FAILED',
  /** A value for a `numeric(78,0)` amount column was not an integer (a bug, never user input). */
  INVALID_AMOUNT: 'INVALID_AMOUNT',
} as const;
export type DatabaseErrorCode = (typeof DatabaseErrorCode)[keyof typeof DatabaseErrorCode];

const categories: Record<DatabaseErrorCode, ErrorCategory> = {
  DATABASE_UNREACHABLE: 'RETRYABLE',
  MIGRATION_FAILED: 'INTERNAL',
  EMBEDDED_DATA_DIR_LOCKED: 'INTERNAL',
  EMBEDDED_START_FAILED: 'INTERNAL',
  INVALID_AMOUNT: 'INTERNAL',
};

/** Errors of the storage layer: connecting, migrating, the embedded server, column mapping. */
export class DatabaseError extends GuildhallError<DatabaseErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
