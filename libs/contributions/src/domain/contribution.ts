import type { Address, Hex } from '@guildhall/core';

export const ATTESTATION_KINDS = [
  'FINE_TUNING',
  'SAFETY_EVALUATION',
  'RED_TEAMING',
  'DATA_CURATION',
  'APPLICATION',
  'RESEARCH',
  'INFRASTRUCTURE',
] as const;
export type AttestationKind = (typeof ATTESTATION_KINDS)[number];

export const ATTESTATION_STATUSES = [
  'PENDING_COSIGN',
  'SUBMITTED',
  'IN_REVIEW',
  'ACCEPTED',
  'REJECTED',
  'DISPUTED',
  'WITHDRAWN',
] as const;
export type AttestationStatus = (typeof ATTESTATION_STATUSES)[number];

export interface ContributorProfile {
  readonly daoId: string;
  readonly address: Address;
  readonly handle: string;
  readonly kinds: readonly AttestationKind[];
  readonly links: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ModelRef {
  readonly name: string;
  readonly version: string;
  /** The base model a fine-tune starts from (`name@version`); empty for other kinds. */
  readonly base: string;
}

export interface Evidence {
  readonly uri: string;
  readonly sha256: Hex;
}

export interface Metric {
  readonly name: string;
  /** The signed decimal text, e.g. "0.031". */
  readonly value: string;
}

/** A contributor's share of the credit. The submitter's own split is implicit when none are listed. */
export interface Credit {
  readonly contributor: Address;
  readonly bps: number;
  /** When this contributor signed (the submitter signs by submitting); null while awaited. */
  readonly cosignedAt: Date | null;
}

/** The review rules an attestation follows (a DAO's policy until rounds carry their own). */
export interface ReviewPolicy {
  /** Seconds co-contributors have to co-sign after a submission. */
  readonly cosignWindow: number;
  /** Seconds the review phase lasts once it opens. */
  readonly reviewPeriod: number;
  readonly minReviews: number;
  /** 0–100: the stake-weighted median score an attestation needs to be ACCEPTED. */
  readonly acceptanceScore: number;
}

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  cosignWindow: 3 * 24 * 3600,
  reviewPeriod: 7 * 24 * 3600,
  minReviews: 3,
  acceptanceScore: 50,
};

export interface Attestation {
  readonly id: string;
  readonly daoId: string;
  readonly daoSlug: string;
  readonly contributor: Address;
  readonly roundId: string | null;
  readonly kind: AttestationKind;
  readonly model: ModelRef;
  readonly title: string;
  readonly summary: string;
  readonly evidence: readonly Evidence[];
  readonly metrics: readonly Metric[];
  readonly credits: readonly Credit[];
  readonly references: readonly string[];
  readonly status: AttestationStatus;
  /** The status a dispute interrupted, restored when it is dismissed. */
  readonly statusBeforeDispute: AttestationStatus | null;
  /** Reviewer stake is voting power at this block. */
  readonly snapshotBlock: bigint;
  readonly cosignDeadline: Date;
  /** Frozen at submission: the review rules of its round (or of its DAO). */
  readonly minReviews: number;
  readonly acceptanceScore: number;
  readonly reviewPeriod: number;
  /** Null until every co-contributor has signed. */
  readonly reviewOpensAt: Date | null;
  readonly reviewDeadline: Date | null;
  readonly reviewCount: number;
  /** The stake-weighted median of the (non-voided) review scores, set when the review phase closes. */
  readonly consensusScore: number | null;
  readonly createdAt: Date;
}

export interface Review {
  readonly id: string;
  readonly attestationId: string;
  readonly reviewer: Address;
  readonly score: number;
  readonly comment: string;
  /** The reviewer's voting power at the attestation's snapshot block. */
  readonly stake: bigint;
  readonly voided: boolean;
  readonly signedAt: Date;
  readonly createdAt: Date;
}

export type DisputeTargetKind = 'ATTESTATION' | 'REVIEW';
export type DisputeStatus = 'OPEN' | 'UPHELD' | 'DISMISSED';

export interface Dispute {
  readonly id: string;
  readonly daoId: string;
  readonly disputer: Address;
  readonly targetKind: DisputeTargetKind;
  readonly attestationId: string;
  /** Set when the dispute is about a review (of `attestationId`). */
  readonly reviewId: string | null;
  readonly reason: string;
  readonly evidence: readonly string[];
  readonly status: DisputeStatus;
  readonly resolution: string | null;
  readonly resolvedBy: Address | null;
  readonly resolvedAt: Date | null;
  readonly createdAt: Date;
}

/** A review phase is open from its opening until its deadline; its scores are blind meanwhile. */
export const reviewsVisible = (
  attestation: Pick<Attestation, 'reviewDeadline' | 'status'>,
  now = Date.now(),
) =>
  attestation.status === 'ACCEPTED' ||
  attestation.status === 'REJECTED' ||
  (attestation.reviewDeadline !== null && now >= attestation.reviewDeadline.getTime());

export const ATTESTATION_SUBMITTED_TOPIC = 'contributions.attestation-submitted';

export interface AttestationSubmittedEvent {
  readonly attestationId: string;
  readonly daoSlug: string;
}
