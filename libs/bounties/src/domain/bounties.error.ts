import { GuildhallError, type ErrorCategory } from '@guildhall/core';

export const BountiesErrorCode = {
  INVALID_BOUNTY: 'INVALID_BOUNTY',
  BOUNTY_NOT_FOUND: 'BOUNTY_NOT_FOUND',
  CLAIM_NOT_FOUND: 'CLAIM_NOT_FOUND',
  /** The bounty is cancelled, or its work was accepted: it takes no claim, submission or decision. */
  BOUNTY_CLOSED: 'BOUNTY_CLOSED',
  BOUNTY_PAST_DEADLINE: 'BOUNTY_PAST_DEADLINE',
  ALREADY_CLAIMED: 'ALREADY_CLAIMED',
  CLAIMS_FULL: 'CLAIMS_FULL',
  /** The claim is not in the state the write needs (expired, rejected, already submitted…). */
  CLAIM_NOT_ACTIVE: 'CLAIM_NOT_ACTIVE',
  NOT_THE_CLAIMANT: 'NOT_THE_CLAIMANT',
  ATTESTATION_NOT_ELIGIBLE: 'ATTESTATION_NOT_ELIGIBLE',
  TEAM_NOT_ALLOWED: 'TEAM_NOT_ALLOWED',
  NOT_A_REVIEWER: 'NOT_A_REVIEWER',
  SELF_REVIEW: 'SELF_REVIEW',
  ALREADY_REVIEWED: 'ALREADY_REVIEWED',
  COSIGNATURES_MISSING: 'COSIGNATURES_MISSING',
  NOT_ENOUGH_REVIEWS: 'NOT_ENOUGH_REVIEWS',
  SCORE_TOO_LOW: 'SCORE_TOO_LOW',
  ALREADY_ACCEPTED: 'ALREADY_ACCEPTED',
} as const;
export type BountiesErrorCode = (typeof BountiesErrorCode)[keyof typeof BountiesErrorCode];

const categories: Record<BountiesErrorCode, ErrorCategory> = {
  INVALID_BOUNTY: 'BAD_INPUT',
  BOUNTY_NOT_FOUND: 'NOT_FOUND',
  CLAIM_NOT_FOUND: 'NOT_FOUND',
  BOUNTY_CLOSED: 'CONFLICT',
  BOUNTY_PAST_DEADLINE: 'CONFLICT',
  ALREADY_CLAIMED: 'CONFLICT',
  CLAIMS_FULL: 'CONFLICT',
  CLAIM_NOT_ACTIVE: 'CONFLICT',
  NOT_THE_CLAIMANT: 'UNAUTHORIZED',
  ATTESTATION_NOT_ELIGIBLE: 'CONFLICT',
  TEAM_NOT_ALLOWED: 'CONFLICT',
  NOT_A_REVIEWER: 'UNAUTHORIZED',
  SELF_REVIEW: 'CONFLICT',
  ALREADY_REVIEWED: 'CONFLICT',
  COSIGNATURES_MISSING: 'CONFLICT',
  NOT_ENOUGH_REVIEWS: 'CONFLICT',
  SCORE_TOO_LOW: 'CONFLICT',
  ALREADY_ACCEPTED: 'CONFLICT',
};

export class BountiesError extends GuildhallError<BountiesErrorCode> {
  get category(): ErrorCategory {
    return categories[this.code];
  }
}
