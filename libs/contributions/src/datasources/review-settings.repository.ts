import { Injectable } from '@nestjs/common';
import { Address } from '@guildhall/core';
import { DataSource, type EntityManager } from 'typeorm';
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../domain/contribution.js';
import { DaoReviewerEntity, ReviewPolicyEntity } from './review-settings.entity.db.js';

/** A DAO's review policy and reviewers; every method that changes state takes the caller's transaction. */
@Injectable()
export class ReviewSettingsRepository {
  constructor(private readonly dataSource: DataSource) {}

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
}
