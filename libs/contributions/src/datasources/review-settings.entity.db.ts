import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';

/** An address that may review the DAO's attestations; set by its admins. */
@Entity({ name: 'dao_reviewer' })
export class DaoReviewerEntity {
  @PrimaryColumn({ name: 'dao_id', type: 'uuid', primaryKeyConstraintName: 'dao_reviewer_pkey' })
  @ForeignKey('DaoEntity', { name: 'dao_reviewer_dao_id_fkey', onDelete: 'CASCADE' })
  daoId!: string;

  /** Checksummed. */
  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'dao_reviewer_pkey' })
  address!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A DAO's review rules for attestations submitted outside a round (absent: the defaults). */
@Entity({ name: 'review_policy' })
@Check('review_policy_cosign_window', `"cosign_window" > 0`)
@Check('review_policy_review_period', `"review_period" > 0`)
@Check('review_policy_min_reviews', `"min_reviews" BETWEEN 1 AND 1000`)
@Check('review_policy_acceptance_score', `"acceptance_score" BETWEEN 0 AND 100`)
export class ReviewPolicyEntity {
  @PrimaryColumn({ name: 'dao_id', type: 'uuid', primaryKeyConstraintName: 'review_policy_pkey' })
  @ForeignKey('DaoEntity', { name: 'review_policy_dao_id_fkey', onDelete: 'CASCADE' })
  daoId!: string;

  @Column({ name: 'cosign_window', type: 'integer' })
  cosignWindow!: number;

  @Column({ name: 'review_period', type: 'integer' })
  reviewPeriod!: number;

  @Column({ name: 'min_reviews', type: 'integer' })
  minReviews!: number;

  @Column({ name: 'acceptance_score', type: 'integer' })
  acceptanceScore!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
