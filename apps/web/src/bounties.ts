import type { BountyClaimState, BountyPayoutStatus, BountyState } from '@guildhall/sdk';
import { KIND_LABELS } from './contributions.js';

/** Each state in words (a Record: a new state in the API fails the type check). */
export const STATE_LABELS: Readonly<Record<BountyState, string>> = {
  OPEN: 'Open',
  ACCEPTED: 'Accepted, payout due',
  PAYING: 'Paying',
  PAID: 'Paid',
  CANCELLED: 'Cancelled',
};

export const CLAIM_LABELS: Readonly<Record<BountyClaimState, string>> = {
  ACTIVE: 'claimed, work not delivered yet',
  SUBMITTED: 'work delivered, in review',
  ACCEPTED: 'accepted',
  REJECTED: 'rejected',
  EXPIRED: 'expired',
  CLOSED: 'closed',
};

export const PAYOUT_LABELS: Readonly<Record<BountyPayoutStatus, string>> = {
  PENDING: 'due',
  IN_FLIGHT: 'in a Safe transaction',
  PAID: 'paid',
};

/** The claims that hold one of a bounty's places (docs/bounties.md). */
export const HOLDS_PLACE: ReadonlySet<BountyClaimState> = new Set(['ACTIVE', 'SUBMITTED']);

/** A bounty's kind of work in words; the API keeps it a string, so an unknown one shows as is. */
export const kindLabel = (kind: string): string =>
  (KIND_LABELS as Readonly<Record<string, string>>)[kind] ?? kind;
