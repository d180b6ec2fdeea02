import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

/** An on-chain action as stored: amounts as decimal strings. */
export interface StoredAction {
  readonly to: string;
  readonly value: string;
  readonly data: string;
  readonly operation: number;
  readonly description: string;
}

/**
 * A proposal. Its rules (quorum, supermajority, vote-change policy) are copied from the DAO at
 * creation and never change. `tally` is kept in the same transaction as every vote.
 */
@Entity({ name: 'proposal' })
@Index('proposal_dao_id_idx', ['daoId', 'createdAt', 'id'])
@Index('proposal_state_idx', ['state', 'endAt'])
@Check(
  'proposal_state',
  `"state" IN ('PENDING', 'ACTIVE', 'SUCCEEDED', 'DEFEATED', 'QUEUED', 'EXECUTED', 'FAILED', 'EXPIRED', 'CANCELED')`,
)
@Check('proposal_period', `"end_at" > "start_at"`)
export class ProposalEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'proposal_pkey' })
  id!: string;

  @ForeignKey('DaoEntity', { name: 'proposal_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  @Index('proposal_author_idx')
  @Column({ type: 'char', length: 42 })
  author!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  discussion!: string;

  @Column({ name: 'vote_type', type: 'text' })
  voteType!: string;

  @Column({ type: 'text', array: true })
  choices!: string[];

  @Column({ type: 'jsonb' })
  actions!: StoredAction[];

  @Column({ name: 'snapshot_block', type: 'bigint', transformer: numericBigintTransformer })
  snapshotBlock!: bigint;

  @Column({ name: 'start_at', type: 'timestamptz' })
  startAt!: Date;

  @Column({ name: 'end_at', type: 'timestamptz' })
  endAt!: Date;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  quorum!: bigint;

  @Column({ name: 'supermajority_bps', type: 'integer' })
  supermajorityBps!: number;

  @Column({ name: 'allow_vote_change', type: 'boolean' })
  allowVoteChange!: boolean;

  @Column({ type: 'text' })
  state!: string;

  @Column({ type: 'jsonb' })
  tally!: object;

  @Column({ name: 'vote_count', type: 'integer', default: 0 })
  voteCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
