import { ATTESTATION_KINDS, stakeWeightedMedian, type Attestation } from '@guildhall/contributions/domain';
import type { Address, Hex } from '@guildhall/core';
import { largestRemainder } from '@guildhall/rewards/domain';
import { BountiesError, BountiesErrorCode } from './bounties.error.js';

/**
 * OPEN takes claims and work; ACCEPTED once an admin accepts a submission (its payout is due),
 * PAYING while a Safe transaction carries it, PAID once the Safe executed it; CANCELLED by an admin
 * before any acceptance.
 */
export const BOUNTY_STATES = ['OPEN', 'ACCEPTED', 'PAYING', 'PAID', 'CANCELLED'] as const;
export type BountyState = (typeof BOUNTY_STATES)[number];

/**
 * ACTIVE until its claimant delivers (SUBMITTED) or its claim TTL runs out (EXPIRED); a submission
 * is ACCEPTED or REJECTED; the claims still open when another is accepted or the bounty cancelled
 * are CLOSED. Only ACTIVE and SUBMITTED claims hold a place.
 */
export const CLAIM_STATES = ['ACTIVE', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'CLOSED'] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

export const PAYOUT_STATUSES = ['PENDING', 'IN_FLIGHT', 'PAID'] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

export interface BountyTerms {
  readonly title: string;
  readonly description: string;
  readonly token: Address;
  /** Base units of the token, reserved on the Safe while the bounty is open. */
  readonly amount: bigint;
  /** The attestation kind a submission must have; null for any. */
  readonly kind: string | null;
  readonly deadline: Date;
  readonly maxClaimants: number;
  /** Seconds a claim lives without a submission. */
  readonly claimTtl: number;
  readonly teamAllowed: boolean;
  readonly minReviews: number;
  /** 0–100: the median review score a submission needs to be accepted. */
  readonly acceptanceScore: number;
  /** Who reviews its submissions; empty: the DAO's reviewers. */
  readonly reviewers: readonly Address[];
}

export interface Bounty extends BountyTerms {
  readonly id: string;
  readonly daoId: string;
  readonly daoSlug: string;
  readonly state: BountyState;
  readonly createdBy: Address;
  readonly cancelReason: string | null;
  readonly createdAt: Date;
}

export interface BountyClaim {
  readonly id: string;
  readonly bountyId: string;
  readonly claimant: Address;
  /** As stored: an ACTIVE claim past `expiresAt` is EXPIRED (see `claimStateAt`). */
  readonly state: ClaimState;
  readonly expiresAt: Date;
  readonly attestationId: string | null;
  readonly submittedAt: Date | null;
  readonly decidedAt: Date | null;
  readonly rejectReason: string | null;
  readonly createdAt: Date;
}

export interface BountyReview {
  readonly id: string;
  readonly claimId: string;
  readonly reviewer: Address;
  readonly score: number;
  readonly comment: string;
  readonly createdAt: Date;
}

export interface BountyPayout {
  readonly id: string;
  readonly bountyId: string;
  readonly payee: Address;
  readonly amount: bigint;
  readonly status: PayoutStatus;
  readonly txHash: Hex | null;
  readonly paidBlock: bigint | null;
}

const fail = (code: BountiesErrorCode, message: string, details: Record<string, unknown> = {}) =>
  new BountiesError(code, message, details);
const invalid = (message: string, field: string) =>
  fail(BountiesErrorCode.INVALID_BOUNTY, message, { field });

/** Most claimants a bounty takes at once, most reviewers it names. */
export const MAX_CLAIMANTS = 100;
export const MAX_REVIEWERS = 50;
/** A year: the longest a claim lives without a submission. */
export const MAX_CLAIM_TTL = 365 * 24 * 3600;

/** Checks a new bounty's terms (before its signature and its funds). */
export function validateTerms(terms: BountyTerms, now: Date): void {
  if (terms.title.trim().length === 0 || terms.title.length > 200)
    throw invalid('title: 1 to 200 characters', 'title');
  if (terms.description.length > 10_000)
    throw invalid('description: at most 10000 characters', 'description');
  if (terms.amount <= 0n) throw invalid('amount: more than 0 base units', 'amount');
  if (terms.kind !== null && !(ATTESTATION_KINDS as readonly string[]).includes(terms.kind))
    throw invalid(`kind: empty, or one of ${ATTESTATION_KINDS.join(', ')}`, 'kind');
  if (terms.deadline.getTime() <= now.getTime()) throw invalid('deadline: in the future', 'deadline');
  if (!Number.isInteger(terms.maxClaimants) || terms.maxClaimants < 1 || terms.maxClaimants > MAX_CLAIMANTS)
    throw invalid(`maxClaimants: 1 to ${MAX_CLAIMANTS}`, 'maxClaimants');
  if (!Number.isInteger(terms.claimTtl) || terms.claimTtl < 1 || terms.claimTtl > MAX_CLAIM_TTL)
    throw invalid(`claimTtl: 1 to ${MAX_CLAIM_TTL} seconds`, 'claimTtl');
  if (!Number.isInteger(terms.minReviews) || terms.minReviews < 0 || terms.minReviews > MAX_REVIEWERS)
    throw invalid(`minReviews: 0 to ${MAX_REVIEWERS}`, 'minReviews');
  if (!Number.isInteger(terms.acceptanceScore) || terms.acceptanceScore < 0 || terms.acceptanceScore > 100)
    throw invalid('acceptanceScore: 0 to 100', 'acceptanceScore');
  if (terms.reviewers.length > MAX_REVIEWERS)
    throw invalid(`reviewers: at most ${MAX_REVIEWERS}`, 'reviewers');
  if (new Set(terms.reviewers).size !== terms.reviewers.length)
    throw invalid('reviewers: each at most once', 'reviewers');
  if (terms.reviewers.length > 0 && terms.reviewers.length < terms.minReviews)
    throw invalid('reviewers: at least minReviews of them', 'reviewers');
}

/** A claim's state at `now`: an ACTIVE claim whose TTL ran out without a submission is EXPIRED. */
export const claimStateAt = (claim: Pick<BountyClaim, 'state' | 'expiresAt'>, now: Date): ClaimState =>
  claim.state === 'ACTIVE' && claim.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : claim.state;

/** Whether the claim holds one of the bounty's places at `now`. */
export const holdsPlace = (claim: Pick<BountyClaim, 'state' | 'expiresAt'>, now: Date): boolean => {
  const state = claimStateAt(claim, now);
  return state === 'ACTIVE' || state === 'SUBMITTED';
};

/** Refuses a write on a bounty that no longer takes one (cancelled, or its work accepted). */
export function assertOpen(bounty: Pick<Bounty, 'id' | 'state'>): void {
  if (bounty.state === 'OPEN') return;
  if (bounty.state === 'CANCELLED')
    throw fail(BountiesErrorCode.BOUNTY_CLOSED, `Bounty ${bounty.id} is cancelled`, { bounty: bounty.id });
  throw fail(
    BountiesErrorCode.ALREADY_ACCEPTED,
    `Bounty ${bounty.id} is ${bounty.state}: its work was accepted`,
    {
      bounty: bounty.id,
      state: bounty.state,
    },
  );
}

/** Refuses a claim: on a closed bounty, past its deadline, a second place for one claimant, a full bounty. */
export function assertClaimable(
  bounty: Pick<Bounty, 'id' | 'state' | 'deadline' | 'maxClaimants'>,
  claims: ReadonlyArray<Pick<BountyClaim, 'claimant' | 'state' | 'expiresAt'>>,
  claimant: Address,
  now: Date,
): void {
  assertOpen(bounty);
  if (now.getTime() >= bounty.deadline.getTime())
    throw fail(
      BountiesErrorCode.BOUNTY_PAST_DEADLINE,
      `Bounty ${bounty.id} closed for claims at ${bounty.deadline.toISOString()}`,
      { bounty: bounty.id },
    );
  const placed = claims.filter((claim) => holdsPlace(claim, now));
  if (placed.some((claim) => claim.claimant === claimant))
    throw fail(
      BountiesErrorCode.ALREADY_CLAIMED,
      `${claimant} already holds a claim on bounty ${bounty.id}`,
      {
        bounty: bounty.id,
        claimant,
      },
    );
  if (placed.length >= bounty.maxClaimants)
    throw fail(
      BountiesErrorCode.CLAIMS_FULL,
      `Bounty ${bounty.id} already has ${placed.length} of its ${bounty.maxClaimants} claimants`,
      { bounty: bounty.id, maxClaimants: bounty.maxClaimants },
    );
}

/**
 * Refuses an attestation as a claim's delivery unless it is the claimant's own, in the bounty's DAO,
 * outside any round, neither withdrawn nor rejected, of the bounty's kind (when it names one), and
 * with co-contributors only when the bounty allows a team.
 */
export function assertDeliverable(
  bounty: Pick<Bounty, 'id' | 'daoId' | 'kind' | 'teamAllowed'>,
  attestation: Pick<Attestation, 'id' | 'daoId' | 'contributor' | 'roundId' | 'status' | 'kind' | 'credits'>,
  claimant: Address,
): void {
  const notEligible = (why: string) =>
    fail(BountiesErrorCode.ATTESTATION_NOT_ELIGIBLE, `Attestation ${attestation.id} ${why}`, {
      attestation: attestation.id,
    });
  if (attestation.daoId !== bounty.daoId) throw notEligible('is not in the bounty’s DAO');
  if (attestation.contributor !== claimant) throw notEligible(`is not ${claimant}’s own`);
  if (attestation.roundId !== null) throw notEligible('belongs to a reward round');
  if (attestation.status === 'WITHDRAWN' || attestation.status === 'REJECTED')
    throw notEligible(`is ${attestation.status}`);
  if (bounty.kind !== null && attestation.kind !== bounty.kind)
    throw notEligible(`is of kind ${attestation.kind}, the bounty asks for ${bounty.kind}`);
  if (attestation.credits.length > 1 && !bounty.teamAllowed)
    throw fail(
      BountiesErrorCode.TEAM_NOT_ALLOWED,
      `Bounty ${bounty.id} pays one contributor: attestation ${attestation.id} credits ${attestation.credits.length}`,
      { bounty: bounty.id, attestation: attestation.id },
    );
}

/** Refuses a review by whoever the attestation credits (the claimant, a co-contributor). */
export function assertNotSelfReview(
  attestation: Pick<Attestation, 'id' | 'contributor' | 'credits'>,
  reviewer: Address,
): void {
  const credited = [attestation.contributor, ...attestation.credits.map((credit) => credit.contributor)];
  if (credited.includes(reviewer))
    throw fail(BountiesErrorCode.SELF_REVIEW, `${reviewer} is credited by attestation ${attestation.id}`, {
      reviewer,
    });
}

/** The median of the scores (the lower one of an even count); null without any. */
export const medianScore = (scores: readonly number[]): number | null =>
  stakeWeightedMedian(scores.map((score) => ({ score, stake: 1n })));

/**
 * Refuses an acceptance below `minReviews`, when the median score is below the bounty's acceptance
 * score (with no review and `minReviews` 0, the admin's acceptance is enough), or before every
 * co-contributor co-signed.
 */
export function assertAcceptable(
  bounty: Pick<Bounty, 'id' | 'minReviews' | 'acceptanceScore'>,
  attestation: Pick<Attestation, 'id' | 'credits' | 'status'>,
  scores: readonly number[],
): void {
  if (attestation.status === 'WITHDRAWN' || attestation.status === 'REJECTED')
    throw fail(
      BountiesErrorCode.ATTESTATION_NOT_ELIGIBLE,
      `Attestation ${attestation.id} is ${attestation.status}`,
      { attestation: attestation.id },
    );
  if (scores.length < bounty.minReviews)
    throw fail(
      BountiesErrorCode.NOT_ENOUGH_REVIEWS,
      `Bounty ${bounty.id} needs ${bounty.minReviews} reviews, the submission has ${scores.length}`,
      { bounty: bounty.id, minReviews: bounty.minReviews, reviews: scores.length },
    );
  const median = medianScore(scores);
  if (median !== null && median < bounty.acceptanceScore)
    throw fail(
      BountiesErrorCode.SCORE_TOO_LOW,
      `The submission's median score ${median} is below the bounty's acceptance score ${bounty.acceptanceScore}`,
      { bounty: bounty.id, median, acceptanceScore: bounty.acceptanceScore },
    );
  const missing = attestation.credits.filter((credit) => credit.cosignedAt === null);
  if (missing.length > 0)
    throw fail(
      BountiesErrorCode.COSIGNATURES_MISSING,
      `Attestation ${attestation.id} waits for the co-signature of ${missing.map((credit) => credit.contributor).join(', ')}`,
      { attestation: attestation.id, missing: missing.map((credit) => credit.contributor) },
    );
}

/**
 * The reward split by the attestation's credits (basis points summing to 10 000), exactly, by
 * largest remainder on base units; equal remainders go to the lower address first.
 */
export function splitReward(
  amount: bigint,
  credits: ReadonlyArray<{ contributor: Address; bps: number }>,
): Array<{ payee: Address; amount: bigint }> {
  const ordered = [...credits].sort((a, b) =>
    a.contributor.toLowerCase() < b.contributor.toLowerCase() ? -1 : 1,
  );
  const total = ordered.reduce((sum, credit) => sum + BigInt(credit.bps), 0n);
  if (total !== 10_000n) throw new RangeError(`credits sum to ${total} bps, not 10000`);
  const { amounts } = largestRemainder(
    ordered.map((credit) => BigInt(credit.bps) * amount),
    10_000n,
    amount,
  );
  return ordered
    .map((credit, index) => ({ payee: credit.contributor, amount: amounts[index] }))
    .filter((payout) => payout.amount > 0n);
}

/** Review scores stay blind (to reviewers, claimants and admins) until the submission is decided. */
export const scoresVisible = (claim: Pick<BountyClaim, 'state'>): boolean =>
  claim.state === 'ACCEPTED' || claim.state === 'REJECTED';
