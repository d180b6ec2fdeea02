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

/** A reward round: budget, phases, scoring and allocation rules; its result once finalized. */
@Entity({ name: 'reward_round' })
@Index('reward_round_dao_created_idx', ['daoId', 'createdAt', 'id'])
@Check(
  'reward_round_state',
  `"state" IN ('DRAFT', 'OPEN', 'REVIEWING', 'FINALIZED', 'PAYING', 'PAID', 'CANCELED')`,
)
@Check('reward_round_engine', `"engine" IN ('YUMA', 'MEAN', 'MEDIAN')`)
@Check('reward_round_budget', `"budget" > 0`)
@Check(
  'reward_round_phases',
  `"submissions_open_at" < "submissions_close_at" AND "submissions_close_at" < "review_deadline"`,
)
export class RoundEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'reward_round_pkey' })
  id!: string;

  @ForeignKey('DaoEntity', { name: 'reward_round_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'char', length: 42 })
  token!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  budget!: bigint;

  @Column({ name: 'submissions_open_at', type: 'timestamptz' })
  submissionsOpenAt!: Date;

  @Column({ name: 'submissions_close_at', type: 'timestamptz' })
  submissionsCloseAt!: Date;

  @Column({ name: 'review_deadline', type: 'timestamptz' })
  reviewDeadline!: Date;

  @Column({ name: 'snapshot_block', type: 'bigint', transformer: numericBigintTransformer })
  snapshotBlock!: bigint;

  @Column({ type: 'text' })
  engine!: string;

  /** Resolved Yuma parameters (fractions). */
  @Column({ type: 'jsonb' })
  yuma!: object;

  @Column({ name: 'reviewer_share_bps', type: 'integer' })
  reviewerShareBps!: number;

  /** `[{ kind, shareBps, floorBps }]`. */
  @Column({ type: 'jsonb' })
  pools!: Array<{ kind: string; shareBps: number; floorBps: number }>;

  @Column({ name: 'contributor_cap_bps', type: 'integer', nullable: true })
  contributorCapBps!: number | null;

  @Column({
    name: 'min_payout',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  minPayout!: bigint;

  @Column({ name: 'vesting_cliff', type: 'integer' })
  vestingCliff!: number;

  @Column({ name: 'vesting_duration', type: 'integer' })
  vestingDuration!: number;

  @Column({ name: 'vesting_interval', type: 'integer' })
  vestingInterval!: number;

  @Column({ name: 'min_reviews', type: 'integer' })
  minReviews!: number;

  @Column({ name: 'acceptance_score', type: 'integer' })
  acceptanceScore!: number;

  @Column({ name: 'created_by', type: 'char', length: 42 })
  createdBy!: string;

  @Column({ name: 'finalized_at', type: 'timestamptz', nullable: true })
  finalizedAt!: Date | null;

  @Column({
    type: 'numeric',
    precision: 78,
    scale: 0,
    nullable: true,
    transformer: numericBigintTransformer,
  })
  allocated!: bigint | null;

  @Column({
    type: 'numeric',
    precision: 78,
    scale: 0,
    nullable: true,
    transformer: numericBigintTransformer,
  })
  unallocated!: bigint | null;

  @Column({ type: 'boolean', default: false })
  underfunded!: boolean;

  /** At finalization: the pool reports and, per pool, the Yuma input and participants. */
  @Column({ type: 'jsonb', nullable: true })
  result!: object | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** One recipient's allocation in one pool of a finalized round, with its explanation. */
@Entity({ name: 'round_allocation' })
@Index('round_allocation_recipient_idx', ['recipient'])
@Check('round_allocation_amount', `"amount" >= 0`)
export class RoundAllocationEntity {
  @PrimaryColumn({ name: 'round_id', type: 'uuid', primaryKeyConstraintName: 'round_allocation_pkey' })
  @ForeignKey('RoundEntity', { name: 'round_allocation_round_id_fkey', onDelete: 'RESTRICT' })
  roundId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'round_allocation_pkey' })
  pool!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'round_allocation_pkey' })
  recipient!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  amount!: bigint;

  @Column({ type: 'jsonb' })
  explanation!: object;
}

/** A slice of an allocation that unlocks at a time; PENDING until the treasury pays it. */
@Entity({ name: 'vesting_tranche' })
@Index('vesting_tranche_round_idx', ['roundId', 'unlockAt'])
@Index('vesting_tranche_recipient_idx', ['recipient'])
@Check('vesting_tranche_status', `"status" IN ('PENDING', 'PAID')`)
@Check('vesting_tranche_amount', `"amount" > 0`)
export class VestingTrancheEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'vesting_tranche_pkey' })
  id!: string;

  @ForeignKey('RoundEntity', { name: 'vesting_tranche_round_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ type: 'text' })
  pool!: string;

  @Column({ type: 'char', length: 42 })
  recipient!: string;

  @Column({ type: 'integer' })
  seq!: number;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  amount!: bigint;

  @Column({ name: 'unlock_at', type: 'timestamptz' })
  unlockAt!: Date;

  @Column({ type: 'text', default: 'PENDING' })
  status!: string;

  @Column({ name: 'tx_hash', type: 'char', length: 66, nullable: true })
  txHash!: string | null;

  @Column({ name: 'paid_block', type: 'bigint', nullable: true, transformer: numericBigintTransformer })
  paidBlock!: bigint | null;
}

/** Yuma bonds a DAO keeps across rounds, per kind pool, reviewer and contributor. */
@Entity({ name: 'reviewer_bond' })
export class ReviewerBondEntity {
  @PrimaryColumn({ name: 'dao_id', type: 'uuid', primaryKeyConstraintName: 'reviewer_bond_pkey' })
  @ForeignKey('DaoEntity', { name: 'reviewer_bond_dao_id_fkey', onDelete: 'CASCADE' })
  daoId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'reviewer_bond_pkey' })
  pool!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'reviewer_bond_pkey' })
  reviewer!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'reviewer_bond_pkey' })
  contributor!: string;

  @Column({ type: 'double precision' })
  bond!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
