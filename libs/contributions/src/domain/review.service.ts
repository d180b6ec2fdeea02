import { Injectable } from '@nestjs/common';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { pageRequest, type Address, type Page, type DaoSignedInput } from '@guildhall/core';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService } from '@guildhall/dao';
import { GovernanceChainReader } from '@guildhall/governance';
import { AttestationRepository } from '../datasources/attestation.repository.js';
import { ReviewRepository } from '../datasources/review.repository.js';
import { ReviewSettingsRepository } from '../datasources/review-settings.repository.js';
import { notFound } from './attestation.service.js';
import type { Attestation, Review } from './contribution.js';
import { ContributionsError, ContributionsErrorCode } from './contributions.error.js';

/** SUBMITTED too: a round's worker may not have moved it yet when its review phase opens. */
const REVIEWABLE = new Set(['SUBMITTED', 'IN_REVIEW', 'DISPUTED']);

/** Reviews: one per reviewer and attestation, replaceable until the deadline, blind until then. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly attestations: AttestationRepository,
    private readonly reviews: ReviewRepository,
    private readonly reviewSettings: ReviewSettingsRepository,
    private readonly daos: DaoService,
    private readonly chain: GovernanceChainReader,
    private readonly signedWrites: SignedWrites,
    @InjectConfig() private readonly config: ResolvedConfig,
  ) {}

  async list(
    daoSlug: string,
    filters: { reviewer?: Address | null; roundId?: string | null },
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<{ review: Review; attestation: Pick<Attestation, 'reviewDeadline' | 'status'> }>> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.reviews.listReviews(dao.id, filters, pageRequest(page, this.config.graphql.maxPageSize));
  }

  /**
   * `submitReview`: by a DAO reviewer with stake (voting power at the attestation's snapshot
   * block), not on their own or co-contributed work, while the review phase is open. A later review
   * by the same reviewer replaces the earlier one; an older one is refused.
   */
  async submit(
    input: DaoSignedInput & { attestation: string; score: number; comment: string },
  ): Promise<Attestation> {
    if (!Number.isInteger(input.score) || input.score < 0 || input.score > 100)
      throw new ContributionsError(
        ContributionsErrorCode.INVALID_REVIEW,
        'score: a whole number from 0 to 100',
        {
          field: 'score',
        },
      );
    if (input.comment.length > 5_000)
      throw new ContributionsError(
        ContributionsErrorCode.INVALID_REVIEW,
        'comment: at most 5,000 characters',
        {
          field: 'comment',
        },
      );
    const dao = await this.daos.bySlug(input.dao);
    await this.signedWrites.run(
      'SubmitReview',
      {
        from: input.from,
        dao: dao.slug,
        attestation: input.attestation,
        score: input.score,
        comment: input.comment,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, timestamp, manager }) => {
        if (!(await this.reviewSettings.isReviewer(manager, dao.id, signer)))
          throw new ContributionsError(
            ContributionsErrorCode.NOT_A_REVIEWER,
            `${signer} is not a reviewer of DAO "${dao.slug}"`,
            { reviewer: signer },
          );
        const attestation = await this.attestations.findAttestation(input.attestation, manager, true);
        if (attestation === null || attestation.daoId !== dao.id) throw notFound(input.attestation, dao.slug);
        if (attestation.credits.some((credit) => credit.contributor === signer))
          throw new ContributionsError(
            ContributionsErrorCode.SELF_REVIEW,
            `${signer} is credited on attestation ${attestation.id} and cannot review it`,
            { attestation: attestation.id },
          );
        const now = Date.now();
        if (attestation.reviewOpensAt === null || now < attestation.reviewOpensAt.getTime())
          throw new ContributionsError(
            ContributionsErrorCode.REVIEW_NOT_OPEN,
            `Attestation ${attestation.id} is ${attestation.status}: its review phase has not opened`,
            { attestation: attestation.id, status: attestation.status },
          );
        if (
          !REVIEWABLE.has(attestation.status) ||
          attestation.reviewDeadline === null ||
          now >= attestation.reviewDeadline.getTime()
        )
          throw new ContributionsError(
            ContributionsErrorCode.REVIEW_CLOSED,
            `Attestation ${attestation.id} is ${attestation.status}: its review phase is closed`,
            { attestation: attestation.id, status: attestation.status },
          );
        const previous = await this.reviews.findReview(manager, attestation.id, signer);
        if (previous !== null && previous.signedAt.getTime() >= timestamp.getTime())
          throw new ContributionsError(
            ContributionsErrorCode.REVIEW_ALREADY_SUBMITTED_LATER,
            `${signer} already reviewed attestation ${attestation.id} with a message signed at or after this one`,
            { attestation: attestation.id },
          );
        const stake = await this.chain.votingPower(dao.governanceToken, attestation.snapshotBlock, signer);
        if (stake === 0n)
          throw new ContributionsError(
            ContributionsErrorCode.REVIEWER_HAS_NO_STAKE,
            `${signer} had no voting power at block ${attestation.snapshotBlock}, the attestation's snapshot`,
            { reviewer: signer, snapshotBlock: attestation.snapshotBlock.toString() },
          );
        await this.reviews.saveReview(manager, {
          attestationId: attestation.id,
          reviewer: signer,
          score: input.score,
          comment: input.comment,
          stake,
          signedAt: timestamp,
        });
        if (previous === null)
          await this.attestations.updateAttestation(manager, attestation.id, {
            reviewCount: attestation.reviewCount + 1,
          });
        return { daoId: dao.id, result: { attestationId: attestation.id } };
      },
    );
    const attestation = await this.attestations.findAttestation(input.attestation);
    if (attestation === null) throw notFound(input.attestation);
    return attestation;
  }
}
