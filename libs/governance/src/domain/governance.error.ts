import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const GovernanceErrorCode = {
  DAO_NOT_FOUND: 'DAO_NOT_FOUND',
  DAO_SLUG_TAKEN: 'DAO_SLUG_TAKEN',
} as const;
export type GovernanceErrorCode = (typeof GovernanceErrorCode)[keyof typeof GovernanceErrorCode];

const categories: Record<GovernanceErrorCode, ErrorCategory> = {
  DAO_NOT_FOUND: 'NOT_FOUND',
  DAO_SLUG_TAKEN: 'CONFLICT',
};

export class GovernanceError extends GuildhallError<GovernanceErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
