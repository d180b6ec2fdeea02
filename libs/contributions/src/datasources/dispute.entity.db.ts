import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A member's challenge of an attestation or of a review, resolved by an admin. */
@Entity({ name: 'dispute' })
@Index('dispute_attestation_idx', ['attestationId'])
@Index('dispute_one_open_per_target', ['disputer', 'attestationId', 'targetKey'], {
  unique: true,
  where: `"status" = 'OPEN'`,
})
@Check('dispute_target_kind', `"target_kind" IN ('ATTESTATION', 'REVIEW')`)
@Check('dispute_status', `"status" IN ('OPEN', 'UPHELD', 'DISMISSED')`)
export class DisputeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'dispute_pkey' })
  id!: string;

  @ForeignKey('DaoEntity', { name: 'dispute_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  @Column({ type: 'char', length: 42 })
  disputer!: string;

  @Column({ name: 'target_kind', type: 'text' })
  targetKind!: string;

  /** The attestation disputed, or the one the disputed review is about. */
  @ForeignKey('AttestationEntity', { name: 'dispute_attestation_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'attestation_id', type: 'uuid' })
  attestationId!: string;

  @ForeignKey('ReviewEntity', { name: 'dispute_review_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'review_id', type: 'uuid', nullable: true })
  reviewId!: string | null;

  /** The review id, or '' for the attestation itself: one open dispute per disputer and target. */
  @Column({ name: 'target_key', type: 'text' })
  targetKey!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'text', array: true })
  evidence!: string[];

  @Column({ type: 'text', default: 'OPEN' })
  status!: string;

  @Column({ type: 'text', nullable: true })
  resolution!: string | null;

  @Column({ name: 'resolved_by', type: 'char', length: 42, nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
