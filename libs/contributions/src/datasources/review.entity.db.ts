import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

/** A reviewer's current score of an attestation (a later review replaces it; the audit log keeps all). */
@Entity({ name: 'review' })
@Unique('review_attestation_reviewer_key', ['attestationId', 'reviewer'])
@Index('review_reviewer_idx', ['reviewer', 'createdAt'])
@Check('review_score', `"score" BETWEEN 0 AND 100`)
@Check('review_stake', `"stake" > 0`)
export class ReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'review_pkey' })
  id!: string;

  @ForeignKey('AttestationEntity', { name: 'review_attestation_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'attestation_id', type: 'uuid' })
  attestationId!: string;

  @Column({ type: 'char', length: 42 })
  reviewer!: string;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  stake!: bigint;

  /** Set when a dispute against the review is upheld; a voided review counts for nothing. */
  @Column({ type: 'boolean', default: false })
  voided!: boolean;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  /** Millisecond precision, as a JS Date: pages are keyed on it, through the index. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
