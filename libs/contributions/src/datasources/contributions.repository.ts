import { Injectable } from '@nestjs/common';
import { Address, toPage, type Page, type PageRequest, isUuid, timeCursor } from '@guildhall/core';
import { DaoService } from '@guildhall/dao';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  DEFAULT_REVIEW_POLICY,
  type Attestation,
  type AttestationKind,
  type AttestationStatus,
  type ContributorProfile,
  type Credit,
  type Dispute,
  type DisputeStatus,
  type DisputeTargetKind,
  type Review,
  type ReviewPolicy,
} from '../domain/contribution.js';
import {
  AttestationCreditEntity,
  AttestationEntity,
  AttestationEvidenceKeyEntity,
} from './attestation.entity.db.js';
import { ContributorProfileEntity } from './contributor-profile.entity.db.js';
import { DisputeEntity } from './dispute.entity.db.js';
import { DaoReviewerEntity, ReviewPolicyEntity } from './review-settings.entity.db.js';
import { ReviewEntity } from './review.entity.db.js';

const lockOption = (lock: boolean) => (lock ? { lock: { mode: 'pessimistic_write' as const } } : {});

const toProfile = (row: ContributorProfileEntity): ContributorProfile => ({
  daoId: row.daoId,
  address: Address.parse(row.address),
  handle: row.handle,
  kinds: row.kinds as AttestationKind[],
  links: row.links,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

const toCredit = (row: AttestationCreditEntity): Credit => ({
  contributor: Address.parse(row.contributor),
  bps: row.bps,
  cosignedAt: row.cosignedAt,
});

const toAttestation = (row: AttestationEntity, daoSlug: string, credits: Credit[]): Attestation => ({
  id: row.id,
  daoId: row.daoId,
  daoSlug,
  contributor: Address.parse(row.contributor),
  roundId: row.roundId,
  kind: row.kind as AttestationKind,
  model: { name: row.modelName, version: row.modelVersion, base: row.modelBase },
  title: row.title,
  summary: row.summary,
  evidence: row.evidence.map((entry) => ({ uri: entry.uri, sha256: entry.sha256 as `0x${string}` })),
  metrics: row.metrics,
  credits: [...credits].sort((a, b) => b.bps - a.bps || a.contributor.localeCompare(b.contributor)),
  references: row.references,
  status: row.status as AttestationStatus,
  statusBeforeDispute: row.statusBeforeDispute as AttestationStatus | null,
  snapshotBlock: row.snapshotBlock,
  cosignDeadline: row.cosignDeadline,
  minReviews: row.minReviews,
  acceptanceScore: row.acceptanceScore,
  reviewPeriod: row.reviewPeriod,
  reviewOpensAt: row.reviewOpensAt,
  reviewDeadline: row.reviewDeadline,
  reviewCount: row.reviewCount,
  consensusScore: row.consensusScore,
  createdAt: row.createdAt,
});

const toReview = (row: ReviewEntity): Review => ({
  id: row.id,
  attestationId: row.attestationId,
  reviewer: Address.parse(row.reviewer),
  score: row.score,
  comment: row.comment,
  stake: row.stake,
  voided: row.voided,
  signedAt: row.signedAt,
  createdAt: row.createdAt,
});

const toDispute = (row: DisputeEntity): Dispute => ({
  id: row.id,
  daoId: row.daoId,
  disputer: Address.parse(row.disputer),
  targetKind: row.targetKind as DisputeTargetKind,
  attestationId: row.attestationId,
  reviewId: row.reviewId,
  reason: row.reason,
  evidence: row.evidence,
  status: row.status as DisputeStatus,
  resolution: row.resolution,
  resolvedBy: row.resolvedBy === null ? null : Address.parse(row.resolvedBy),
  resolvedAt: row.resolvedAt,
  createdAt: row.createdAt,
});

export interface NewAttestation {
  readonly daoId: string;
  readonly contributor: Address;
  readonly roundId: string | null;
  readonly kind: AttestationKind;
  readonly model: { name: string; version: string; base: string };
  readonly title: string;
  readonly summary: string;
  readonly evidence: ReadonlyArray<{ uri: string; sha256: string }>;
  readonly metrics: ReadonlyArray<{ name: string; value: string }>;
  readonly credits: readonly Credit[];
  readonly references: readonly string[];
  readonly status: AttestationStatus;
  readonly snapshotBlock: bigint;
  readonly cosignDeadline: Date;
  readonly minReviews: number;
  readonly acceptanceScore: number;
  readonly reviewPeriod: number;
  readonly reviewOpensAt: Date | null;
  readonly reviewDeadline: Date | null;
}

export interface AttestationFilters {
  readonly roundId?: string | null;
  readonly contributor?: Address | null;
  readonly kind?: AttestationKind | null;
  readonly status?: AttestationStatus | null;
  readonly modelName?: string | null;
  readonly modelVersion?: string | null;
}

/** Contributions in PostgreSQL; every method that changes state takes the caller's transaction. */
@Injectable()
export class ContributionsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly daos: DaoService,
  ) {}

  // Review settings

  async policy(daoId: string, manager: EntityManager = this.dataSource.manager): Promise<ReviewPolicy> {
    const row = await manager.getRepository(ReviewPolicyEntity).findOneBy({ daoId });
    return row === null
      ? DEFAULT_REVIEW_POLICY
      : {
          cosignWindow: row.cosignWindow,
          reviewPeriod: row.reviewPeriod,
          minReviews: row.minReviews,
          acceptanceScore: row.acceptanceScore,
        };
  }

  async savePolicy(manager: EntityManager, daoId: string, policy: ReviewPolicy): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReviewPolicyEntity)
      .values({ daoId, ...policy })
      .orUpdate(
        ['cosign_window', 'review_period', 'min_reviews', 'acceptance_score', 'updated_at'],
        ['dao_id'],
      )
      .execute();
  }

  async reviewers(daoId: string, manager: EntityManager = this.dataSource.manager): Promise<Address[]> {
    const rows = await manager
      .getRepository(DaoReviewerEntity)
      .find({ where: { daoId }, order: { address: 'ASC' } });
    return rows.map((row) => Address.parse(row.address));
  }

  async isReviewer(manager: EntityManager, daoId: string, address: Address): Promise<boolean> {
    return manager.getRepository(DaoReviewerEntity).existsBy({ daoId, address });
  }

  async replaceReviewers(
    manager: EntityManager,
    daoId: string,
    reviewers: readonly Address[],
  ): Promise<void> {
    await manager.delete(DaoReviewerEntity, { daoId });
    if (reviewers.length > 0)
      await manager.insert(
        DaoReviewerEntity,
        reviewers.map((address) => ({ daoId, address })),
      );
  }

  // Profiles

  async profile(daoId: string, address: Address, manager: EntityManager = this.dataSource.manager) {
    const row = await manager.getRepository(ContributorProfileEntity).findOneBy({ daoId, address });
    return row === null ? null : toProfile(row);
  }

  async handleOwner(manager: EntityManager, daoId: string, handle: string): Promise<Address | null> {
    const row = await manager
      .getRepository(ContributorProfileEntity)
      .findOne({ where: { daoId, handleKey: handle.toLowerCase() }, select: { address: true } });
    return row === null ? null : Address.parse(row.address);
  }

  async saveProfile(
    manager: EntityManager,
    profile: {
      daoId: string;
      address: Address;
      handle: string;
      kinds: readonly string[];
      links: readonly string[];
    },
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ContributorProfileEntity)
      .values({
        ...profile,
        handleKey: profile.handle.toLowerCase(),
        kinds: [...profile.kinds],
        links: [...profile.links],
      })
      .orUpdate(['handle', 'handle_key', 'kinds', 'links', 'updated_at'], ['dao_id', 'address'])
      .execute();
  }

  /** Handles of the addresses that have a profile in the DAO, in one query. */
  async handles(daoId: string, addresses: readonly Address[]): Promise<Map<Address, string>> {
    if (addresses.length === 0) return new Map();
    const rows = await this.dataSource.getRepository(ContributorProfileEntity).find({
      where: { daoId, address: In([...new Set(addresses)]) },
      select: { address: true, handle: true },
    });
    return new Map(rows.map((row) => [Address.parse(row.address), row.handle]));
  }

  /** An address is a contributor once it has a profile or a credit on an attestation. */
  async isContributor(manager: EntityManager, daoId: string, address: Address): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM contributor_profile WHERE dao_id = $1 AND address = $2
       UNION ALL
       SELECT 1 FROM attestation_credit c JOIN attestation a ON a.id = c.attestation_id
        WHERE a.dao_id = $1 AND c.contributor = $2
       LIMIT 1`,
      [daoId, address],
    );
    return rows.length > 0;
  }

  // Attestations

  /**
   * Inserts an attestation with its credits and evidence keys. Returns null, writing nothing that
   * survives the caller's transaction, when one of its evidence hashes is already claimed by the
   * contributor in that round (the caller throws).
   */
  async insertAttestation(
    manager: EntityManager,
    attestation: NewAttestation,
    daoSlug: string,
  ): Promise<{ attestation: Attestation } | { duplicateEvidence: string[] }> {
    const { credits, model, ...fields } = attestation;
    const row = await manager.save(
      AttestationEntity,
      manager.create(AttestationEntity, {
        ...fields,
        modelName: model.name,
        modelVersion: model.version,
        modelBase: model.base,
        evidence: [...attestation.evidence],
        metrics: [...attestation.metrics],
        references: [...attestation.references],
        statusBeforeDispute: null,
        consensusScore: null,
      }),
    );
    await manager.insert(
      AttestationCreditEntity,
      credits.map((credit) => ({ attestationId: row.id, ...credit })),
    );
    const claimed = await manager
      .createQueryBuilder()
      .insert()
      .into(AttestationEvidenceKeyEntity)
      .values(
        attestation.evidence.map((entry) => ({
          daoId: attestation.daoId,
          contributor: attestation.contributor,
          roundKey: attestation.roundId ?? '',
          sha256: entry.sha256,
          attestationId: row.id,
        })),
      )
      .orIgnore()
      .returning(['sha256'])
      .execute();
    const inserted = new Set((claimed.raw as Array<{ sha256: string }>).map((entry) => entry.sha256));
    const duplicates = attestation.evidence
      .map((entry) => entry.sha256)
      .filter((hash) => !inserted.has(hash));
    if (duplicates.length > 0) return { duplicateEvidence: duplicates };
    return { attestation: toAttestation(row, daoSlug, [...credits]) };
  }

  async releaseEvidence(manager: EntityManager, attestationId: string): Promise<void> {
    await manager.delete(AttestationEvidenceKeyEntity, { attestationId });
  }

  /** With `lock`, the row stays locked (FOR UPDATE) until the caller's transaction ends. */
  async findAttestation(
    id: string,
    manager: EntityManager = this.dataSource.manager,
    lock = false,
  ): Promise<Attestation | null> {
    if (!isUuid(id)) return null;
    const row = await manager
      .getRepository(AttestationEntity)
      .findOne({ where: { id }, ...lockOption(lock) });
    if (row === null) return null;
    // One after the other: a transaction's connection runs one query at a time.
    const dao = await this.daos.byId(row.daoId, manager);
    const credits = await manager.getRepository(AttestationCreditEntity).findBy({ attestationId: id });
    return toAttestation(row, dao.slug, credits.map(toCredit));
  }

  /** Ids among `ids` that are attestations of the DAO. */
  async existingAttestations(
    manager: EntityManager,
    daoId: string,
    ids: readonly string[],
  ): Promise<Set<string>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Set();
    const rows = await manager
      .getRepository(AttestationEntity)
      .find({ where: { daoId, id: In(valid) }, select: { id: true } });
    return new Set(rows.map((row) => row.id));
  }

  /** Newest first, with their credits, in one query. */
  async listAttestations(
    dao: { id: string; slug: string },
    filters: AttestationFilters,
    page: PageRequest,
  ): Promise<Page<Attestation>> {
    const query = this.dataSource
      .getRepository(AttestationEntity)
      .createQueryBuilder('a')
      .addSelect(
        `(SELECT coalesce(json_agg(json_build_object('contributor', c.contributor, 'bps', c.bps, 'cosignedAt', c.cosigned_at)), '[]')
            FROM attestation_credit c WHERE c.attestation_id = a.id)`,
        'a_credits',
      )
      .where('a.dao_id = :daoId', { daoId: dao.id })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(page.first + 1);
    if (filters.roundId) query.andWhere('a.round_id = :roundId', { roundId: filters.roundId });
    if (filters.kind) query.andWhere('a.kind = :kind', { kind: filters.kind });
    if (filters.status) query.andWhere('a.status = :status', { status: filters.status });
    if (filters.modelName) query.andWhere('a.model_name = :modelName', { modelName: filters.modelName });
    if (filters.modelVersion)
      query.andWhere('a.model_version = :modelVersion', { modelVersion: filters.modelVersion });
    if (filters.contributor)
      query.andWhere(
        'EXISTS (SELECT 1 FROM attestation_credit c WHERE c.attestation_id = a.id AND c.contributor = :contributor)',
        { contributor: filters.contributor },
      );
    if (page.after !== undefined) {
      query.andWhere('(a.created_at, a.id) < (:key::timestamptz, :id::uuid)', timeCursor(page.after));
    }
    const { entities, raw } = await query.getRawAndEntities<{
      a_credits: Array<{ contributor: string; bps: number; cosignedAt: string | null }>;
    }>();
    return toPage(
      entities.map((row, index) =>
        toAttestation(
          row,
          dao.slug,
          raw[index].a_credits.map((credit) => ({
            contributor: Address.parse(credit.contributor),
            bps: credit.bps,
            cosignedAt: credit.cosignedAt === null ? null : new Date(credit.cosignedAt),
          })),
        ),
      ),
      page,
      (attestation) => ({ key: attestation.createdAt.toISOString(), id: attestation.id }),
    );
  }

  async updateAttestation(
    manager: EntityManager,
    id: string,
    changes: Partial<
      Pick<
        Attestation,
        | 'status'
        | 'statusBeforeDispute'
        | 'reviewOpensAt'
        | 'reviewDeadline'
        | 'reviewCount'
        | 'consensusScore'
      >
    >,
  ): Promise<void> {
    await manager.update(AttestationEntity, { id }, changes);
  }

  async moveRoundAttestations(
    manager: EntityManager,
    roundId: string,
    from: AttestationStatus,
    to: AttestationStatus,
  ): Promise<number> {
    const result = await manager.update(AttestationEntity, { roundId, status: from }, { status: to });
    return result.affected ?? 0;
  }

  /** Withdraws a canceled round's undecided attestations and frees their evidence. */
  async withdrawRound(manager: EntityManager, roundId: string): Promise<number> {
    const rows: Array<{ id: string }> = await manager
      .query(
        `UPDATE attestation SET status = 'WITHDRAWN', status_before_dispute = NULL, updated_at = now()
        WHERE round_id = $1 AND status IN ('PENDING_COSIGN', 'SUBMITTED', 'IN_REVIEW', 'DISPUTED')
        RETURNING id`,
        [roundId],
      )
      .then(([updated]: [Array<{ id: string }>]) => updated);
    if (rows.length > 0)
      await manager.delete(AttestationEvidenceKeyEntity, { attestationId: In(rows.map((row) => row.id)) });
    return rows.length;
  }

  /** A round's attestations in the given statuses, oldest first, with their credits. */
  async roundAttestations(
    manager: EntityManager,
    roundId: string,
    statuses: readonly AttestationStatus[],
  ): Promise<Attestation[]> {
    const rows = await manager.getRepository(AttestationEntity).find({
      where: { roundId, status: In([...statuses]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (rows.length === 0) return [];
    const dao = await this.daos.byId(rows[0].daoId, manager);
    const credits = await manager
      .getRepository(AttestationCreditEntity)
      .findBy({ attestationId: In(rows.map((row) => row.id)) });
    return rows.map((row) =>
      toAttestation(row, dao.slug, credits.filter((credit) => credit.attestationId === row.id).map(toCredit)),
    );
  }

  async markCosigned(
    manager: EntityManager,
    attestationId: string,
    contributor: Address,
    at: Date,
  ): Promise<void> {
    await manager.update(AttestationCreditEntity, { attestationId, contributor }, { cosignedAt: at });
  }

  /** Attestation counts by status for everything credited to `address` in the DAO. */
  async totals(
    daoId: string,
    address: Address,
  ): Promise<Array<{ status: AttestationStatus; count: number }>> {
    const rows: Array<{ status: string; count: string }> = await this.dataSource.query(
      `SELECT a.status, count(*)::text AS count
         FROM attestation a JOIN attestation_credit c ON c.attestation_id = a.id
        WHERE a.dao_id = $1 AND c.contributor = $2
        GROUP BY a.status`,
      [daoId, address],
    );
    return rows.map((row) => ({ status: row.status as AttestationStatus, count: Number(row.count) }));
  }

  // Reviews

  async findReview(manager: EntityManager, attestationId: string, reviewer: Address): Promise<Review | null> {
    const row = await manager.getRepository(ReviewEntity).findOneBy({ attestationId, reviewer });
    return row === null ? null : toReview(row);
  }

  async reviewById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Review | null> {
    if (!isUuid(id)) return null;
    const row = await manager.getRepository(ReviewEntity).findOneBy({ id });
    return row === null ? null : toReview(row);
  }

  async saveReview(
    manager: EntityManager,
    review: Pick<Review, 'attestationId' | 'reviewer' | 'score' | 'comment' | 'stake' | 'signedAt'>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReviewEntity)
      .values({ ...review, voided: false })
      .orUpdate(['score', 'comment', 'stake', 'signed_at', 'updated_at'], ['attestation_id', 'reviewer'])
      .execute();
  }

  async voidReview(manager: EntityManager, id: string): Promise<void> {
    await manager.update(ReviewEntity, { id }, { voided: true });
  }

  /** Every review of the attestations, oldest first. */
  async reviewsOf(attestationIds: readonly string[], manager: EntityManager = this.dataSource.manager) {
    if (attestationIds.length === 0) return [];
    const rows = await manager
      .getRepository(ReviewEntity)
      .find({ where: { attestationId: In([...attestationIds]) }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map(toReview);
  }

  /** A DAO's reviews, newest first, with their attestation's review deadline and status. */
  async listReviews(
    daoId: string,
    filters: { reviewer?: Address | null; roundId?: string | null },
    page: PageRequest,
  ): Promise<Page<{ review: Review; attestation: Pick<Attestation, 'reviewDeadline' | 'status'> }>> {
    const query = this.dataSource
      .getRepository(ReviewEntity)
      .createQueryBuilder('r')
      .innerJoin(AttestationEntity, 'a', 'a.id = r.attestation_id')
      .addSelect(['a.review_deadline AS a_review_deadline', 'a.status AS a_status'])
      .where('a.dao_id = :daoId', { daoId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .limit(page.first + 1);
    if (filters.reviewer) query.andWhere('r.reviewer = :reviewer', { reviewer: filters.reviewer });
    if (filters.roundId) query.andWhere('a.round_id = :roundId', { roundId: filters.roundId });
    if (page.after !== undefined) {
      query.andWhere('(r.created_at, r.id) < (:key::timestamptz, :id::uuid)', timeCursor(page.after));
    }
    const { entities, raw } = await query.getRawAndEntities<{
      a_review_deadline: Date | null;
      a_status: string;
    }>();
    const nodes = entities.map((row, index) => ({
      review: toReview(row),
      attestation: {
        reviewDeadline: raw[index].a_review_deadline,
        status: raw[index].a_status as AttestationStatus,
      },
    }));
    return toPage(nodes, page, (node) => ({ key: node.review.createdAt.toISOString(), id: node.review.id }));
  }

  // Disputes

  /** Null when the disputer already has an open dispute on that target. */
  async insertDispute(
    manager: EntityManager,
    dispute: Pick<
      Dispute,
      'daoId' | 'disputer' | 'targetKind' | 'attestationId' | 'reviewId' | 'reason' | 'evidence'
    >,
  ): Promise<string | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(DisputeEntity)
      .values({
        ...dispute,
        evidence: [...dispute.evidence],
        targetKey: dispute.reviewId ?? '',
        status: 'OPEN',
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const [row] = result.raw as Array<{ id: string }>;
    return row?.id ?? null;
  }

  async findDispute(id: string, manager: EntityManager = this.dataSource.manager, lock = false) {
    if (!isUuid(id)) return null;
    const row = await manager.getRepository(DisputeEntity).findOne({ where: { id }, ...lockOption(lock) });
    return row === null ? null : toDispute(row);
  }

  async resolveDispute(
    manager: EntityManager,
    id: string,
    resolution: { status: 'UPHELD' | 'DISMISSED'; resolution: string; resolvedBy: Address; resolvedAt: Date },
  ): Promise<void> {
    await manager.update(DisputeEntity, { id }, resolution);
  }

  /** Open disputes against the attestation itself (not its reviews). */
  async openAttestationDisputes(manager: EntityManager, attestationId: string): Promise<number> {
    return manager
      .getRepository(DisputeEntity)
      .countBy({ attestationId, targetKind: 'ATTESTATION', status: 'OPEN' });
  }

  /** Every dispute about the attestations (against them or their reviews), oldest first. */
  async disputesOf(
    attestationIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Dispute[]> {
    if (attestationIds.length === 0) return [];
    const rows = await manager.getRepository(DisputeEntity).find({
      where: { attestationId: In([...attestationIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map(toDispute);
  }
}
