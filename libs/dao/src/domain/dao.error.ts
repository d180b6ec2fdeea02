import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const DaoErrorCode = {
  DAO_NOT_FOUND: 'DAO_NOT_FOUND',
  DAO_SLUG_TAKEN: 'DAO_SLUG_TAKEN',
  NOT_A_DAO_ADMIN: 'NOT_A_DAO_ADMIN',
  INVALID_VOTING_CONFIG: 'INVALID_VOTING_CONFIG',
} as const;
export type DaoErrorCode = (typeof DaoErrorCode)[keyof typeof DaoErrorCode];

const categories: Record<DaoErrorCode, ErrorCategory> = {
  DAO_NOT_FOUND: 'NOT_FOUND',
  DAO_SLUG_TAKEN: 'CONFLICT',
  NOT_A_DAO_ADMIN: 'UNAUTHORIZED',
  INVALID_VOTING_CONFIG: 'BAD_INPUT',
};

export class DaoError extends GuildhallError<DaoErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
