import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
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

/** A revenue record shared pro rata to governance-token holders at a snapshot block (once). */
@Entity({ name: 'revenue_share' })
@Index('revenue_share_dao_created_idx', ['daoId', 'createdAt', 'id'])
@Index('revenue_share_revenue_key', ['revenueId'], { unique: true })
@Check('revenue_share_state', `"state" IN ('FINALIZED', 'PAYING', 'PAID')`)
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

  @Column({ type: 'text', default: 'FINALIZED' })
  state!: string;

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

/** One holder's share of a revenue share; PENDING until the treasury pays it. */
@Entity({ name: 'revenue_share_allocation' })
@Check('revenue_share_allocation_amount', `"amount" > 0`)
@Check('revenue_share_allocation_status', `"status" IN ('PENDING', 'PAID')`)
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

  @Column({ name: 'tx_hash', type: 'char', length: 66, nullable: true })
  txHash!: string | null;
}
