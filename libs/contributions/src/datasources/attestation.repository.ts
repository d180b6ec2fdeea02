import { Injectable } from '@nestjs/common';
import { Address, toPage, type Page, type PageRequest, isUuid, timeCursor } from '@guildhall/core';
import { DaoService } from '@guildhall/dao';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Attestation, AttestationKind, AttestationStatus, Credit } from '../domain/contribution.js';
import {
  AttestationCreditEntity,
  AttestationEntity,
  AttestationEvidenceKeyEntity,
} from './attestation.entity.db.js';
import { lockOption } from './row-lock.js';

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

/**
 * Attestations with their credits (the co-contributors' splits and co-signatures) and the evidence
 * they claim; every method that changes state takes the caller's transaction.
 */
@Injectable()
export class AttestationRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly daos: DaoService,
  ) {}

  /**
   * Inserts an attestation with its credits and evidence keys. Returns the duplicate hashes instead,
   * writing nothing that survives the caller's transaction, when one of its evidence hashes is already
   * claimed by the contributor in that round (the caller throws).
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
}
