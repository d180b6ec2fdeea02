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

/** A contributor's public profile in one DAO; handles are unique per DAO, case-insensitively. */
@Entity({ name: 'contributor_profile' })
@Index('contributor_profile_dao_handle_key', ['daoId', 'handleKey'], { unique: true })
@Check('contributor_profile_handle', `"handle" ~ '^[A-Za-z0-9_-]{3,32}$'`)
export class ContributorProfileEntity {
  @PrimaryColumn({ name: 'dao_id', type: 'uuid', primaryKeyConstraintName: 'contributor_profile_pkey' })
  @ForeignKey('DaoEntity', { name: 'contributor_profile_dao_id_fkey', onDelete: 'CASCADE' })
  daoId!: string;

  /** Checksummed. */
  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'contributor_profile_pkey' })
  address!: string;

  @Column({ type: 'text' })
  handle!: string;

  /** `lower(handle)`, for uniqueness. */
  @Column({ name: 'handle_key', type: 'text' })
  handleKey!: string;

  @Column({ type: 'text', array: true })
  kinds!: string[];

  @Column({ type: 'text', array: true })
  links!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
