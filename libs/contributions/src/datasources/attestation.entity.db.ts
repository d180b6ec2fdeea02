import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

const STATUSES = `'PENDING_COSIGN', 'SUBMITTED', 'IN_REVIEW', 'ACCEPTED', 'REJECTED', 'DISPUTED', 'WITHDRAWN'`;

/** A signed claim of work on a model, reviewed by the DAO's reviewers. */
@Entity({ name: 'attestation' })
@Index('attestation_dao_created_idx', ['daoId', 'createdAt', 'id'])
/**
 * A round's attestations newest first (its listing: the DAO too, so one index answers both
 * equalities and the order), and the round's phase changes.
 */
@Index('attestation_round_created_idx', ['roundId', 'daoId', 'createdAt', 'id'])
@Index('attestation_dao_status_idx', ['daoId', 'status'])
@Index('attestation_contributor_idx', ['contributor', 'daoId'])
@Index('attestation_model_idx', ['daoId', 'modelName', 'modelVersion'])
@Check(
  'attestation_kind',
  `"kind" IN ('FINE_TUNING', 'SAFETY_EVALUATION', 'RED_TEAMING', 'DATA_CURATION', 'APPLICATION', 'RESEARCH', 'INFRASTRUCTURE')`,
)
@Check('attestation_status', `"status" IN (${STATUSES})`)
@Check('attestation_status_before_dispute', `"status_before_dispute" IN (${STATUSES})`)
@Check('attestation_review_count', `"review_count" >= 0`)
@Check('attestation_acceptance_score', `"acceptance_score" BETWEEN 0 AND 100`)
export class AttestationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'attestation_pkey' })
  id!: string;

  @ForeignKey('DaoEntity', { name: 'attestation_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  /** The submitter (checksummed). */
  @Column({ type: 'char', length: 42 })
  contributor!: string;

  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'model_name', type: 'text' })
  modelName!: string;

  @Column({ name: 'model_version', type: 'text' })
  modelVersion!: string;

  @Column({ name: 'model_base', type: 'text' })
  modelBase!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  summary!: string;

  /** `[{ uri, sha256 }]`. */
  @Column({ type: 'jsonb' })
  evidence!: Array<{ uri: string; sha256: string }>;

  /** `[{ name, value }]`, the value as the signed decimal text. */
  @Column({ type: 'jsonb' })
  metrics!: Array<{ name: string; value: string }>;

  @Column({ name: 'refs', type: 'uuid', array: true })
  references!: string[];

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'status_before_dispute', type: 'text', nullable: true })
  statusBeforeDispute!: string | null;

  @Column({ name: 'snapshot_block', type: 'bigint', transformer: numericBigintTransformer })
  snapshotBlock!: bigint;

  @Column({ name: 'cosign_deadline', type: 'timestamptz' })
  cosignDeadline!: Date;

  @Column({ name: 'min_reviews', type: 'integer' })
  minReviews!: number;

  @Column({ name: 'acceptance_score', type: 'integer' })
  acceptanceScore!: number;

  /** Seconds. */
  @Column({ name: 'review_period', type: 'integer' })
  reviewPeriod!: number;

  @Column({ name: 'review_opens_at', type: 'timestamptz', nullable: true })
  reviewOpensAt!: Date | null;

  @Column({ name: 'review_deadline', type: 'timestamptz', nullable: true })
  reviewDeadline!: Date | null;

  @Column({ name: 'review_count', type: 'integer', default: 0 })
  reviewCount!: number;

  @Column({ name: 'consensus_score', type: 'integer', nullable: true })
  consensusScore!: number | null;

  /** Millisecond precision, as a JS Date: pages are keyed on it, through the index. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Each contributor's share of an attestation's credit, and when they co-signed it. */
@Entity({ name: 'attestation_credit' })
@Index('attestation_credit_contributor_idx', ['contributor'])
@Check('attestation_credit_bps', `"bps" BETWEEN 1 AND 10000`)
export class AttestationCreditEntity {
  @PrimaryColumn({
    name: 'attestation_id',
    type: 'uuid',
    primaryKeyConstraintName: 'attestation_credit_pkey',
  })
  @ForeignKey('AttestationEntity', { name: 'attestation_credit_attestation_id_fkey', onDelete: 'CASCADE' })
  attestationId!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'attestation_credit_pkey' })
  contributor!: string;

  @Column({ type: 'integer' })
  bps!: number;

  @Column({ name: 'cosigned_at', type: 'timestamptz', nullable: true })
  cosignedAt!: Date | null;
}

/**
 * One artifact hash per contributor per round (`round_key` is the round id, or '' outside rounds):
 * the same evidence cannot be claimed twice. Released when its attestation is withdrawn.
 */
@Entity({ name: 'attestation_evidence_key' })
export class AttestationEvidenceKeyEntity {
  @PrimaryColumn({ name: 'dao_id', type: 'uuid', primaryKeyConstraintName: 'attestation_evidence_key_pkey' })
  daoId!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'attestation_evidence_key_pkey' })
  contributor!: string;

  @PrimaryColumn({
    name: 'round_key',
    type: 'text',
    primaryKeyConstraintName: 'attestation_evidence_key_pkey',
  })
  roundKey!: string;

  @PrimaryColumn({ type: 'char', length: 66, primaryKeyConstraintName: 'attestation_evidence_key_pkey' })
  sha256!: string;

  @ForeignKey('AttestationEntity', {
    name: 'attestation_evidence_key_attestation_id_fkey',
    onDelete: 'CASCADE',
  })
  @Column({ name: 'attestation_id', type: 'uuid' })
  attestationId!: string;
}
