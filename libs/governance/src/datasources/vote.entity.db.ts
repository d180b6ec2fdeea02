import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

/** One voter's current vote on a proposal (a re-vote replaces it; the audit log keeps every one). */
@Entity({ name: 'vote' })
@Index('vote_proposal_vp_idx', ['proposalId', 'vp'])
@Index('vote_proposal_created_idx', ['proposalId', 'createdAt'])
@Check('vote_vp_positive', `"vp" > 0`)
export class VoteEntity {
  @PrimaryColumn({ name: 'proposal_id', type: 'uuid', primaryKeyConstraintName: 'vote_pkey' })
  @ForeignKey('ProposalEntity', { name: 'vote_proposal_id_fkey', onDelete: 'RESTRICT' })
  proposalId!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'vote_pkey' })
  voter!: string;

  /** Snapshot's format for the proposal's type: 2, [1, 3], or {"1": 2, "3": 1}. */
  @Column({ type: 'jsonb' })
  choice!: number | number[] | Record<string, number>;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  vp!: bigint;

  @Column({ type: 'text' })
  reason!: string;

  /** The signed message's timestamp: a re-vote must be signed later. */
  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
