import { Inject, Injectable } from '@nestjs/common';
import { ChainReader } from '@guildhall/chain';
import { InjectConfig, type ResolvedConfig } from '@guildhall/config';
import { pageRequest, type Address, type Page, type DaoSignedInput } from '@guildhall/core';
import { JobQueue, PgNotifier } from '@guildhall/database';
import { SignedWrites } from '@guildhall/signed-writes';
import { DaoService } from '@guildhall/dao';
import { DataSource, type EntityManager } from 'typeorm';
import { AttestationRepository, type AttestationFilters } from '../datasources/attestation.repository.js';
import { ReviewRepository } from '../datasources/review.repository.js';
import { ReviewSettingsRepository } from '../datasources/review-settings.repository.js';
import { DisputeRepository } from '../datasources/dispute.repository.js';
import { reviewOutcome } from './acceptance.js';
import { ReviewDeadline } from './attestation-lifecycle.jobs.js';
import { creditSplits, validateAttestation, type AttestationDraft } from './attestation-rules.js';
import {
  ATTESTATION_SUBMITTED_TOPIC,
  type Attestation,
  type AttestationKind,
  type AttestationSubmittedEvent,
  type Credit,
  type Dispute,
  type Review,
  type ReviewPolicy,
} from './contribution.js';
import { ContributionsError, ContributionsErrorCode } from './contributions.error.js';
import { ROUND_PHASES_READER, type RoundPhases, type RoundPhasesReader } from './round-phases.js';

const WITHDRAWABLE = new Set(['PENDING_COSIGN', 'SUBMITTED', 'IN_REVIEW']);

type ReviewPlan = Pick<
  Attestation,
  | 'roundId'
  | 'status'
  | 'snapshotBlock'
  | 'cosignDeadline'
  | 'minReviews'
  | 'acceptanceScore'
  | 'reviewPeriod'
  | 'reviewOpensAt'
  | 'reviewDeadline'
>;

/**
 * Review rules of an attestation in a round: the round's. Co-signatures are due by the end of
 * submissions; the review phase is the round's, opened by the round's worker.
 */
function roundPlan(round: RoundPhases, now: Date, complete: boolean): ReviewPlan {
  return {
    roundId: round.id,
    status: complete ? 'SUBMITTED' : 'PENDING_COSIGN',
    snapshotBlock: round.snapshotBlock,
    cosignDeadline: round.submissionsCloseAt,
    minReviews: round.minReviews,
    acceptanceScore: round.acceptanceScore,
    reviewPeriod: Math.round((round.reviewDeadline.getTime() - round.submissionsCloseAt.getTime()) / 1000),
    reviewOpensAt: complete ? round.submissionsCloseAt : null,
    reviewDeadline: complete ? round.reviewDeadline : null,
  };
}

export const notFound = (id: string, daoSlug?: string) =>
  new ContributionsError(
    ContributionsErrorCode.ATTESTATION_NOT_FOUND,
    daoSlug === undefined ? `No attestation ${id}` : `No attestation ${id} in DAO "${daoSlug}"`,
    { attestation: id },
  );

/** Attestations: submission, co-signatures, withdrawal, and the close of their review phase. */
@Injectable()
export class AttestationService {
  constructor(
    private readonly attestations: AttestationRepository,
    private readonly reviews: ReviewRepository,
    private readonly reviewSettings: ReviewSettingsRepository,
    private readonly disputes: DisputeRepository,
    private readonly daos: DaoService,
    private readonly chain: ChainReader,
    private readonly signedWrites: SignedWrites,
    private readonly notifier: PgNotifier,
    private readonly jobs: JobQueue,
    private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: ResolvedConfig,
    @Inject(ROUND_PHASES_READER) private readonly rounds: RoundPhasesReader,
  ) {}

  async byId(id: string, manager?: EntityManager): Promise<Attestation> {
    const attestation = await this.attestations.findAttestation(id, manager);
    if (attestation === null) throw notFound(id);
    return attestation;
  }

  /** The DAO's reviewers (set by `setReviewers`), by address. */
  reviewers(daoId: string, manager?: EntityManager): Promise<Address[]> {
    return this.reviewSettings.reviewers(daoId, manager);
  }

  async list(
    daoSlug: string,
    filters: AttestationFilters,
    page: { first?: number | null; after?: string | null },
  ): Promise<Page<Attestation>> {
    const dao = await this.daos.bySlug(daoSlug);
    return this.attestations.listAttestations(
      dao,
      filters,
      pageRequest(page, this.config.graphql.maxPageSize),
    );
  }

  /** Every review of the attestations, oldest first, in one query. */
  reviewsOf(attestationIds: readonly string[]): Promise<Review[]> {
    return this.reviews.reviewsOf(attestationIds);
  }

  /** Every dispute about the attestations, oldest first, in one query. */
  disputesOf(attestationIds: readonly string[]): Promise<Dispute[]> {
    return this.disputes.disputesOf(attestationIds);
  }

  /**
   * `submitAttestation`. With co-contributors it waits in PENDING_COSIGN until each has co-signed
   * (within the co-sign window); then its review phase opens. Outside a round the DAO's review
   * policy sets the phase, and reviewer stake is voting power at the block of the submission.
   */
  async submit(
    input: DaoSignedInput & Omit<AttestationDraft, 'contributor'> & { round: string },
  ): Promise<Attestation> {
    const draft: AttestationDraft = {
      ...input,
      contributor: input.from,
      evidence: input.evidence.map((entry) => ({
        uri: entry.uri,
        sha256: entry.sha256.toLowerCase() as `0x${string}`,
      })),
    };
    validateAttestation(draft);
    const splits = creditSplits(draft);
    const dao = await this.daos.bySlug(input.dao);
    const { attestationId } = await this.signedWrites.run(
      'SubmitAttestation',
      {
        from: input.from,
        dao: dao.slug,
        round: input.round,
        kind: draft.kind,
        model: { ...draft.model },
        title: draft.title,
        summary: draft.summary,
        evidence: draft.evidence.map(({ uri, sha256 }) => ({ uri, sha256 })),
        metrics: draft.metrics.map(({ name, value }) => ({ name, value })),
        splits: [...input.splits].map(({ contributor, bps }) => ({ contributor, bps })),
        references: [...draft.references],
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const known = await this.attestations.existingAttestations(manager, dao.id, draft.references);
        const unknown = draft.references.find((reference) => !known.has(reference));
        if (unknown !== undefined)
          throw new ContributionsError(
            ContributionsErrorCode.UNKNOWN_REFERENCE,
            `references: no attestation ${unknown} in DAO "${dao.slug}"`,
            { reference: unknown },
          );
        const now = new Date();
        const credits: Credit[] = splits.map((split) => ({
          ...split,
          cosignedAt: split.contributor === signer ? now : null,
        }));
        const complete = credits.every((credit) => credit.cosignedAt !== null);
        const plan =
          input.round === ''
            ? this.policyPlan(
                await this.reviewSettings.policy(dao.id, manager),
                await this.chain.latestBlock(),
                now,
                complete,
              )
            : roundPlan(await this.openRound(manager, dao, input.round, now), now, complete);
        const inserted = await this.attestations.insertAttestation(
          manager,
          {
            daoId: dao.id,
            contributor: signer,
            kind: draft.kind as AttestationKind,
            model: draft.model,
            title: draft.title,
            summary: draft.summary,
            evidence: draft.evidence,
            metrics: draft.metrics,
            credits,
            references: draft.references,
            ...plan,
          },
          dao.slug,
        );
        if ('duplicateEvidence' in inserted)
          throw new ContributionsError(
            ContributionsErrorCode.DUPLICATE_EVIDENCE,
            `evidence: ${inserted.duplicateEvidence.join(', ')} is already claimed by ${signer} ${plan.roundId === null ? 'outside rounds' : 'in this round'}`,
            { sha256: inserted.duplicateEvidence[0] },
          );
        if (inserted.attestation.roundId === null) await this.scheduleDeadline(manager, inserted.attestation);
        return { daoId: dao.id, result: { attestationId: inserted.attestation.id } };
      },
    );
    const attestation = await this.byId(String(attestationId));
    if (attestation.status !== 'PENDING_COSIGN') await this.publishSubmitted(attestation);
    return attestation;
  }

  /** Review rules of an attestation outside a round: the DAO's policy; the review opens when complete. */
  private policyPlan(policy: ReviewPolicy, snapshotBlock: bigint, now: Date, complete: boolean): ReviewPlan {
    return {
      roundId: null,
      status: complete ? 'IN_REVIEW' : 'PENDING_COSIGN',
      snapshotBlock,
      cosignDeadline: new Date(now.getTime() + policy.cosignWindow * 1000),
      minReviews: policy.minReviews,
      acceptanceScore: policy.acceptanceScore,
      reviewPeriod: policy.reviewPeriod,
      reviewOpensAt: complete ? now : null,
      reviewDeadline: complete ? new Date(now.getTime() + policy.reviewPeriod * 1000) : null,
    };
  }

  private async openRound(
    manager: EntityManager,
    dao: { id: string; slug: string },
    roundId: string,
    now: Date,
  ): Promise<RoundPhases> {
    const round = await this.rounds.phases(manager, roundId);
    if (round === null || round.daoId !== dao.id)
      throw new ContributionsError(
        ContributionsErrorCode.ROUND_NOT_FOUND,
        `No reward round ${roundId} in DAO "${dao.slug}"`,
        { round: roundId },
      );
    // The phase times decide, not the state: the worker may not have opened a DRAFT round yet.
    if (
      (round.state !== 'DRAFT' && round.state !== 'OPEN') ||
      now < round.submissionsOpenAt ||
      now >= round.submissionsCloseAt
    )
      throw new ContributionsError(
        ContributionsErrorCode.ROUND_NOT_OPEN,
        `Round ${roundId} is ${round.state}: it takes submissions from ${round.submissionsOpenAt.toISOString()} to ${round.submissionsCloseAt.toISOString()}`,
        { round: roundId, state: round.state },
      );
    return round;
  }

  /**
   * The round's review phase opens (its worker calls this at submissions close, in its
   * transaction): every complete attestation of the round goes IN_REVIEW.
   */
  openRoundReviews(manager: EntityManager, roundId: string): Promise<number> {
    return this.attestations.moveRoundAttestations(manager, roundId, 'SUBMITTED', 'IN_REVIEW');
  }

  /** The round was canceled: its undecided attestations are withdrawn, their evidence free again. */
  withdrawRoundAttestations(manager: EntityManager, roundId: string): Promise<number> {
    return this.attestations.withdrawRound(manager, roundId);
  }

  /** At the round's review deadline: decides every attestation of the round still in review. */
  async closeRoundReviews(manager: EntityManager, roundId: string): Promise<void> {
    for (const attestation of await this.attestations.roundAttestations(manager, roundId, [
      'IN_REVIEW',
      'SUBMITTED',
    ]))
      await this.decide(manager, attestation);
  }

  /** The ACCEPTED attestations of a round with their live reviews: what scoring reads. */
  async acceptedInRound(
    manager: EntityManager,
    roundId: string,
  ): Promise<Array<{ attestation: Attestation; reviews: Review[] }>> {
    const accepted = await this.attestations.roundAttestations(manager, roundId, ['ACCEPTED']);
    const reviews = await this.reviews.reviewsOf(
      accepted.map((attestation) => attestation.id),
      manager,
    );
    return accepted.map((attestation) => ({
      attestation,
      reviews: reviews.filter((review) => review.attestationId === attestation.id && !review.voided),
    }));
  }

  /** `cosignAttestation`: a co-contributor confirms their share; the last one opens the review. */
  async cosign(input: DaoSignedInput & { attestation: string }): Promise<Attestation> {
    const dao = await this.daos.bySlug(input.dao);
    const { opened } = await this.signedWrites.run(
      'CosignAttestation',
      {
        from: input.from,
        dao: dao.slug,
        attestation: input.attestation,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const attestation = await this.attestations.findAttestation(input.attestation, manager, true);
        if (attestation === null || attestation.daoId !== dao.id) throw notFound(input.attestation, dao.slug);
        const credit = attestation.credits.find((entry) => entry.contributor === signer);
        if (credit === undefined)
          throw new ContributionsError(
            ContributionsErrorCode.NOT_A_CO_CONTRIBUTOR,
            `${signer} is not credited on attestation ${attestation.id}`,
            { attestation: attestation.id },
          );
        if (credit.cosignedAt !== null) return { daoId: dao.id, result: { opened: false } };
        const now = new Date();
        if (attestation.status !== 'PENDING_COSIGN' || now >= attestation.cosignDeadline)
          throw new ContributionsError(
            ContributionsErrorCode.COSIGN_WINDOW_CLOSED,
            `Attestation ${attestation.id} no longer takes co-signatures (${attestation.status}, window ended ${attestation.cosignDeadline.toISOString()})`,
            { attestation: attestation.id, status: attestation.status },
          );
        await this.attestations.markCosigned(manager, attestation.id, signer, now);
        const complete = attestation.credits.every(
          (entry) => entry.cosignedAt !== null || entry.contributor === signer,
        );
        if (!complete) return { daoId: dao.id, result: { opened: false } };
        if (attestation.roundId !== null) {
          const round = await this.rounds.phases(manager, attestation.roundId);
          if (round === null)
            throw new Error(`round ${attestation.roundId} of attestation ${attestation.id} is gone`);
          await this.attestations.updateAttestation(manager, attestation.id, {
            status: 'SUBMITTED',
            reviewOpensAt: round.submissionsCloseAt,
            reviewDeadline: round.reviewDeadline,
          });
        } else {
          const reviewDeadline = new Date(now.getTime() + attestation.reviewPeriod * 1000);
          await this.attestations.updateAttestation(manager, attestation.id, {
            status: 'IN_REVIEW',
            reviewOpensAt: now,
            reviewDeadline,
          });
          await this.scheduleDeadline(manager, { ...attestation, reviewDeadline });
        }
        return { daoId: dao.id, result: { opened: true } };
      },
    );
    const attestation = await this.byId(input.attestation);
    if (opened === true) await this.publishSubmitted(attestation);
    return attestation;
  }

  /** `withdrawAttestation`, by its submitter, before its review phase ends. Frees its evidence. */
  async withdraw(input: DaoSignedInput & { attestation: string }): Promise<Attestation> {
    const dao = await this.daos.bySlug(input.dao);
    await this.signedWrites.run(
      'WithdrawAttestation',
      {
        from: input.from,
        dao: dao.slug,
        attestation: input.attestation,
        timestamp: input.timestamp,
      },
      input.signature,
      async ({ signer, manager }) => {
        const attestation = await this.attestations.findAttestation(input.attestation, manager, true);
        if (attestation === null || attestation.daoId !== dao.id) throw notFound(input.attestation, dao.slug);
        if (attestation.contributor !== signer)
          throw new ContributionsError(
            ContributionsErrorCode.NOT_THE_CONTRIBUTOR,
            `Only ${attestation.contributor}, who submitted attestation ${attestation.id}, can withdraw it`,
            { attestation: attestation.id },
          );
        const closed =
          attestation.reviewDeadline !== null && Date.now() >= attestation.reviewDeadline.getTime();
        if (!WITHDRAWABLE.has(attestation.status) || closed)
          throw new ContributionsError(
            ContributionsErrorCode.ATTESTATION_NOT_WITHDRAWABLE,
            `Attestation ${attestation.id} is ${attestation.status}${closed ? (attestation.roundId === null ? ' and its review phase has ended' : ' and its round no longer takes submissions') : ''}: it can no longer be withdrawn`,
            { attestation: attestation.id, status: attestation.status },
          );
        await this.attestations.updateAttestation(manager, attestation.id, { status: 'WITHDRAWN' });
        await this.attestations.releaseEvidence(manager, attestation.id);
        return { daoId: dao.id, result: { attestationId: attestation.id } };
      },
    );
    return this.byId(input.attestation);
  }

  /**
   * Closes the review phase once its deadline has passed: ACCEPTED or REJECTED by the acceptance
   * rule frozen on the attestation. Idempotent and safe with several workers (the row is locked).
   * A DISPUTED attestation waits for its dispute's resolution.
   */
  async closeReview(attestationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const attestation = await this.attestations.findAttestation(attestationId, manager, true);
      if (attestation?.status !== 'IN_REVIEW') return;
      await this.decide(manager, attestation);
    });
  }

  /** Applies the acceptance rule to the live (non-voided) reviews, if the deadline has passed. */
  async decide(manager: EntityManager, attestation: Attestation): Promise<void> {
    if (attestation.reviewDeadline === null || Date.now() < attestation.reviewDeadline.getTime()) return;
    const reviews = (await this.reviews.reviewsOf([attestation.id], manager)).filter(
      (review) => !review.voided,
    );
    const { status, consensusScore } = reviewOutcome(reviews, attestation);
    await this.attestations.updateAttestation(manager, attestation.id, {
      status,
      consensusScore,
      statusBeforeDispute: null,
    });
  }

  private async scheduleDeadline(manager: EntityManager, attestation: Attestation): Promise<void> {
    if (attestation.reviewDeadline === null) return;
    const at = attestation.reviewDeadline;
    await this.jobs.sendWithin(
      manager,
      ReviewDeadline,
      { attestationId: attestation.id, dueAt: at.toISOString() },
      { startAfter: at, singletonKey: `${attestation.id}:${at.getTime()}` },
    );
  }

  private publishSubmitted(attestation: Attestation): Promise<void> {
    return this.notifier.publish(ATTESTATION_SUBMITTED_TOPIC, {
      attestationId: attestation.id,
      daoSlug: attestation.daoSlug,
    } satisfies AttestationSubmittedEvent);
  }

  submissions(): AsyncIterableIterator<AttestationSubmittedEvent> {
    return this.notifier.subscribe<AttestationSubmittedEvent>(ATTESTATION_SUBMITTED_TOPIC);
  }
}
