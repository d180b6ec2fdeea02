import { Injectable } from '@nestjs/common';
import { Address, toPage, type Page, type PageRequest, isUuid, timeCursor } from '@guildhall/core';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { Attestation, AttestationStatus, Review } from '../domain/contribution.js';
import { AttestationEntity } from './attestation.entity.db.js';
import { ReviewEntity } from './review.entity.db.js';

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

/** Reviews of attestations, one per reviewer; every method that changes state takes the caller's transaction. */
@Injectable()
export class ReviewRepository {
  constructor(private readonly dataSource: DataSource) {}

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
}
