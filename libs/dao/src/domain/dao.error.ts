import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const DaoErrorCode = {
  DAO_NOT_FOUND: 'DAO_NOT_FOUND',
  DAO_SLUG_TAKEN: 'DAO_SLUG_TAKEN',
  NOT_A_DAO_ADMIN: 'NOT_A_DAO_ADMIN',
  NOT_AN_ERC20_VOTES_TOKEN: 'NOT_AN_ERC20_VOTES_TOKEN',
  NOT_A_SAFE: 'NOT_A_SAFE',
  INVALID_VOTING_CONFIG: 'INVALID_VOTING_CONFIG',
} as const;
export type DaoErrorCode = (typeof DaoErrorCode)[keyof typeof DaoErrorCode];

const categories: Record<DaoErrorCode, ErrorCategory> = {
  DAO_NOT_FOUND: 'NOT_FOUND',
  DAO_SLUG_TAKEN: 'CONFLICT',
  NOT_A_DAO_ADMIN: 'UNAUTHORIZED',
  NOT_AN_ERC20_VOTES_TOKEN: 'BAD_INPUT',
  NOT_A_SAFE: 'BAD_INPUT',
  INVALID_VOTING_CONFIG: 'BAD_INPUT',
};

export class DaoError extends GuildhallError<DaoErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
