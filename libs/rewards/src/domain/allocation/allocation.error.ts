import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const AllocationErrorCode = {
  /** The budget is 0: there is nothing to allocate. */
  ZERO_BUDGET: 'ZERO_BUDGET',
  /** The budget is negative or not a bigint. */
  INVALID_BUDGET: 'INVALID_BUDGET',
  /** A basis-point value is not an integer in its range (0–10,000; a cap 1–10,000). */
  INVALID_BPS: 'INVALID_BPS',
  /** The kind pools' shares do not add up to 10,000 bps of the contributor pool. */
  POOLS_NOT_10000_BPS: 'POOLS_NOT_10000_BPS',
  /** A kind's floor is above its pool's share. */
  FLOOR_ABOVE_POOL: 'FLOOR_ABOVE_POOL',
  /** A pool or a contributor list is keyed by something that is not an attestation kind. */
  UNKNOWN_KIND: 'UNKNOWN_KIND',
  /** A weight (incentive, score, dividend) is negative, NaN or infinite, or not a number or bigint. */
  INVALID_WEIGHT: 'INVALID_WEIGHT',
  /** The minimum payout is negative or not a bigint. */
  INVALID_MIN_PAYOUT: 'INVALID_MIN_PAYOUT',
  /** The cap works out below the minimum payout: a capped contributor could never be paid. */
  CAP_BELOW_MIN_PAYOUT: 'CAP_BELOW_MIN_PAYOUT',
  /** A recipient is empty or not a string. */
  INVALID_RECIPIENT: 'INVALID_RECIPIENT',
  /** The same recipient (compared case-insensitively) appears twice in one pool. */
  DUPLICATE_RECIPIENT: 'DUPLICATE_RECIPIENT',
} as const;
export type AllocationErrorCode = (typeof AllocationErrorCode)[keyof typeof AllocationErrorCode];

const categories: Record<AllocationErrorCode, ErrorCategory> = {
  ZERO_BUDGET: 'BAD_INPUT',
  INVALID_BUDGET: 'BAD_INPUT',
  INVALID_BPS: 'BAD_INPUT',
  POOLS_NOT_10000_BPS: 'BAD_INPUT',
  FLOOR_ABOVE_POOL: 'BAD_INPUT',
  UNKNOWN_KIND: 'BAD_INPUT',
  INVALID_WEIGHT: 'BAD_INPUT',
  INVALID_MIN_PAYOUT: 'BAD_INPUT',
  CAP_BELOW_MIN_PAYOUT: 'BAD_INPUT',
  INVALID_RECIPIENT: 'BAD_INPUT',
  DUPLICATE_RECIPIENT: 'BAD_INPUT',
};

/**
 * A round whose allocation cannot be computed as given. `details.path` names the offending field
 * (`['params', 'kindPools', 'SAFETY_EVALUATION', 'floorBps']`), `details.value` what it held (as a string, so details stay JSON).
 */
export class AllocationError extends GuildhallError<AllocationErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
