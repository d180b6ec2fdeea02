import { ChainError, ChainErrorCode } from '@guildhall/chain';
import { GuildhallError, type ErrorCategory } from '@guildhall/core';
import type { Address } from 'viem';

/** Round errors; the allocation's own (budget, pools, floors, cap) are AllocationErrorCode. */
export const RewardsErrorCode = {
  INVALID_ROUND: 'INVALID_ROUND',
  PHASES_OUT_OF_ORDER: 'PHASES_OUT_OF_ORDER',
  PHASE_IN_THE_PAST: 'PHASE_IN_THE_PAST',
  UNKNOWN_TOKEN: 'UNKNOWN_TOKEN',
  ROUND_NOT_FOUND: 'ROUND_NOT_FOUND',
  ROUND_NOT_DUE: 'ROUND_NOT_DUE',
  ROUND_CANCELED: 'ROUND_CANCELED',
  ROUND_NOT_CANCELABLE: 'ROUND_NOT_CANCELABLE',
  INVALID_REVENUE: 'INVALID_REVENUE',
  REVENUE_NOT_FOUND: 'REVENUE_NOT_FOUND',
  REVENUE_ALREADY_SHARED: 'REVENUE_ALREADY_SHARED',
  UNKNOWN_MODEL: 'UNKNOWN_MODEL',
  NOTHING_TO_SHARE: 'NOTHING_TO_SHARE',
} as const;
export type RewardsErrorCode = (typeof RewardsErrorCode)[keyof typeof RewardsErrorCode];

const categories: Record<RewardsErrorCode, ErrorCategory> = {
  INVALID_ROUND: 'BAD_INPUT',
  PHASES_OUT_OF_ORDER: 'BAD_INPUT',
  PHASE_IN_THE_PAST: 'BAD_INPUT',
  UNKNOWN_TOKEN: 'BAD_INPUT',
  ROUND_NOT_FOUND: 'NOT_FOUND',
  ROUND_NOT_DUE: 'CONFLICT',
  ROUND_CANCELED: 'CONFLICT',
  ROUND_NOT_CANCELABLE: 'CONFLICT',
  INVALID_REVENUE: 'BAD_INPUT',
  REVENUE_NOT_FOUND: 'NOT_FOUND',
  REVENUE_ALREADY_SHARED: 'CONFLICT',
  UNKNOWN_MODEL: 'NOT_FOUND',
  NOTHING_TO_SHARE: 'CONFLICT',
};

export class RewardsError extends GuildhallError<RewardsErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}

/**
 * ChainReader's NOT_AN_ERC20 as rewards answers it: UNKNOWN_TOKEN (the code clients of rounds and
 * revenue know); any other error, such as an RPC failure, as it came.
 */
export const unknownToken =
  (token: Address) =>
  (error: unknown): never => {
    if (error instanceof ChainError && error.code === ChainErrorCode.NOT_AN_ERC20)
      throw new RewardsError(
        RewardsErrorCode.UNKNOWN_TOKEN,
        `${token} is not an ERC20 token on this chain`,
        { token },
        { cause: error },
      );
    throw error;
  };
