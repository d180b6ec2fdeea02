import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Generated,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

/** Revenue an admin recorded (model API revenue, say), with a reference to its evidence. */
@Entity({ name: 'revenue_record' })
@Index('revenue_record_dao_created_idx', ['daoId', 'createdAt', 'id'])
@Check('revenue_record_amount', `"amount" > 0`)
@Check('revenue_record_period', `"period_start" < "period_end"`)
export class RevenueRecordEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'revenue_record_pkey' })
  id!: string;

  @ForeignKey('DaoEntity', { name: 'revenue_record_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  @Column({ type: 'char', length: 42 })
  token!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  amount!: bigint;

  @Column({ name: 'period_start', type: 'timestamptz' })
  periodStart!: Date;

  @Column({ name: 'period_end', type: 'timestamptz' })
  periodEnd!: Date;

  /** An invoice number, an API-usage report hash, a URL. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'recorded_by', type: 'char', length: 42 })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * A revenue record shared (once) pro rata to governance-token holders at a snapshot block, or to a
 * model's contributors by their finalized allocations; paid by the treasury through the Safe.
 */
@Entity({ name: 'revenue_share' })
@Index('revenue_share_dao_created_idx', ['daoId', 'createdAt', 'id'])
@Index('revenue_share_revenue_key', ['revenueId'], { unique: true })
@Check('revenue_share_state', `"state" IN ('COMPUTED', 'PAYING', 'PAID')`)
@Check('revenue_share_target', `"target" IN ('HOLDERS', 'CONTRIBUTORS_OF_MODEL')`)
@Check('revenue_share_min_payout', `"min_payout" >= 0`)
export class RevenueShareEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'revenue_share_pkey' })
  id!: string;

  @ForeignKey('DaoEntity', { name: 'revenue_share_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  @ForeignKey('RevenueRecordEntity', { name: 'revenue_share_revenue_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'revenue_id', type: 'uuid' })
  revenueId!: string;

  @Column({ name: 'snapshot_block', type: 'bigint', transformer: numericBigintTransformer })
  snapshotBlock!: bigint;

  /** Checksummed addresses left out (the Safe always; a burn address…). */
  @Column({ type: 'text', array: true })
  excluded!: string[];

  @Column({ type: 'text', default: 'COMPUTED' })
  state!: string;

  @Column({ type: 'text' })
  target!: string;

  /** CONTRIBUTORS_OF_MODEL: the attestations' model name. */
  @Column({ type: 'text', nullable: true })
  model!: string | null;

  /** CONTRIBUTORS_OF_MODEL: how many of the DAO's last finalized rounds count. */
  @Column({ name: 'lookback_rounds', type: 'integer', nullable: true })
  lookbackRounds!: number | null;

  /** Allocations below it are not paid but carried over to the next share of the DAO and token. */
  @Column({
    name: 'min_payout',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  minPayout!: bigint;

  /** What earlier shares of the DAO and token carried over, shared with the amount. */
  @Column({
    name: 'carried_in',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  carriedIn!: bigint;

  /** Σ allocations below `minPayout`: carried over to the next share. */
  @Column({
    name: 'carried_over',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  carriedOver!: bigint;

  /** The share that took over `carriedOver`, once there is one. */
  @ForeignKey('RevenueShareEntity', { name: 'revenue_share_carried_into_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'carried_into', type: 'uuid', nullable: true })
  carriedInto!: string | null;

  @Column({
    name: 'eligible_supply',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  eligibleSupply!: bigint;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  allocated!: bigint;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  unallocated!: bigint;

  @Column({ name: 'created_by', type: 'char', length: 42 })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * One payee's part of a revenue share: PENDING until a Safe transaction carries it (IN_FLIGHT), PAID
 * once the Safe executed it; CARRIED (never paid) when below the share's minimum payout.
 */
@Entity({ name: 'revenue_share_allocation' })
@Index('revenue_share_allocation_id_key', ['id'], { unique: true })
@Check('revenue_share_allocation_amount', `"amount" > 0`)
@Check('revenue_share_allocation_status', `"status" IN ('PENDING', 'IN_FLIGHT', 'PAID', 'CARRIED')`)
export class RevenueShareAllocationEntity {
  @PrimaryColumn({
    name: 'share_id',
    type: 'uuid',
    primaryKeyConstraintName: 'revenue_share_allocation_pkey',
  })
  @ForeignKey('RevenueShareEntity', { name: 'revenue_share_allocation_share_id_fkey', onDelete: 'RESTRICT' })
  shareId!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'revenue_share_allocation_pkey' })
  holder!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  balance!: bigint;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  amount!: bigint;

  @Column({ type: 'text', default: 'PENDING' })
  status!: string;

  /** The obligation's id, as the treasury records it. */
  @Column({ type: 'uuid' })
  @Generated('uuid')
  id!: string;

  @Column({ name: 'tx_hash', type: 'char', length: 66, nullable: true })
  txHash!: string | null;

  @Column({ name: 'paid_block', type: 'bigint', nullable: true, transformer: numericBigintTransformer })
  paidBlock!: bigint | null;
}
