import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

/** A DAO's bounty: a reward reserved on its Safe, paid on acceptance of a claimant's work. */
@Entity({ name: 'bounty' })
@Index('bounty_dao_created_idx', ['daoId', 'createdAt', 'id'])
@Check('bounty_state', `"state" IN ('OPEN', 'ACCEPTED', 'PAYING', 'PAID', 'CANCELLED')`)
@Check('bounty_amount', `"amount" > 0`)
@Check('bounty_max_claimants', `"max_claimants" >= 1`)
@Check('bounty_acceptance_score', `"acceptance_score" BETWEEN 0 AND 100`)
export class BountyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'bounty_pkey' })
  id!: string;

  @ForeignKey('DaoEntity', { name: 'bounty_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'char', length: 42 })
  token!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  amount!: bigint;

  /** The attestation kind a submission must have; null for any. */
  @Column({ type: 'text', nullable: true })
  kind!: string | null;

  @Column({ type: 'timestamptz' })
  deadline!: Date;

  @Column({ name: 'max_claimants', type: 'integer' })
  maxClaimants!: number;

  /** Seconds a claim lives without a submission. */
  @Column({ name: 'claim_ttl', type: 'integer' })
  claimTtl!: number;

  @Column({ name: 'team_allowed', type: 'boolean' })
  teamAllowed!: boolean;

  @Column({ name: 'min_reviews', type: 'integer' })
  minReviews!: number;

  @Column({ name: 'acceptance_score', type: 'integer' })
  acceptanceScore!: number;

  /** Checksummed addresses; empty: the DAO's reviewers. */
  @Column({ type: 'text', array: true })
  reviewers!: string[];

  @Column({ type: 'text', default: 'OPEN' })
  state!: string;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'created_by', type: 'char', length: 42 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A contributor's claim on a bounty; at most one holding a place (ACTIVE or SUBMITTED) per claimant
 * and bounty, and at most one accepted per bounty.
 */
@Entity({ name: 'bounty_claim' })
@Index('bounty_claim_bounty_idx', ['bountyId', 'createdAt'])
@Index('bounty_claim_live_key', ['bountyId', 'claimant'], {
  unique: true,
  where: `"state" IN ('ACTIVE', 'SUBMITTED')`,
})
@Index('bounty_claim_accepted_key', ['bountyId'], { unique: true, where: `"state" = 'ACCEPTED'` })
@Check(
  'bounty_claim_state',
  `"state" IN ('ACTIVE', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'CLOSED')`,
)
export class BountyClaimEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'bounty_claim_pkey' })
  id!: string;

  @ForeignKey('BountyEntity', { name: 'bounty_claim_bounty_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'bounty_id', type: 'uuid' })
  bountyId!: string;

  @Column({ type: 'char', length: 42 })
  claimant!: string;

  @Column({ type: 'text', default: 'ACTIVE' })
  state!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @ForeignKey('AttestationEntity', { name: 'bounty_claim_attestation_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'attestation_id', type: 'uuid', nullable: true })
  attestationId!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'reject_reason', type: 'text', nullable: true })
  rejectReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A reviewer's score (0–100) of a claim's submission, once per reviewer and claim. */
@Entity({ name: 'bounty_review' })
@Index('bounty_review_claim_reviewer_key', ['claimId', 'reviewer'], { unique: true })
@Check('bounty_review_score', `"score" BETWEEN 0 AND 100`)
export class BountyReviewEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'bounty_review_pkey' })
  id!: string;

  @ForeignKey('BountyClaimEntity', { name: 'bounty_review_claim_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'claim_id', type: 'uuid' })
  claimId!: string;

  @Column({ type: 'char', length: 42 })
  reviewer!: string;

  @Column({ type: 'integer' })
  score!: number;

  @Column({ type: 'text' })
  comment!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One payee's part of an accepted bounty, fixed at acceptance: PENDING until a Safe transaction
 * carries it (IN_FLIGHT), PAID once the Safe executed it. Its id is the treasury's obligation id.
 */
@Entity({ name: 'bounty_payout' })
@Index('bounty_payout_bounty_payee_key', ['bountyId', 'payee'], { unique: true })
@Check('bounty_payout_amount', `"amount" > 0`)
@Check('bounty_payout_status', `"status" IN ('PENDING', 'IN_FLIGHT', 'PAID')`)
export class BountyPayoutEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'bounty_payout_pkey' })
  id!: string;

  @ForeignKey('BountyEntity', { name: 'bounty_payout_bounty_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'bounty_id', type: 'uuid' })
  bountyId!: string;

  @Column({ type: 'char', length: 42 })
  payee!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  amount!: bigint;

  @Column({ type: 'text', default: 'PENDING' })
  status!: string;

  @Column({ name: 'tx_hash', type: 'char', length: 66, nullable: true })
  txHash!: string | null;

  @Column({ name: 'paid_block', type: 'bigint', nullable: true, transformer: numericBigintTransformer })
  paidBlock!: bigint | null;
}
