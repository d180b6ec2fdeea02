import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

/** A DAO: its slug, chain, governance token and Safe. Columns match the migrations exactly. */
@Entity({ name: 'dao' })
@Unique('dao_slug_key', ['slug'])
@Check('dao_slug_format', `"slug" ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'`)
@Check('dao_governance_token_format', `"governance_token" ~ '^0x[0-9a-fA-F]{40}$'`)
@Check('dao_safe_address_format', `"safe_address" ~ '^0x[0-9a-fA-F]{40}$'`)
export class DaoEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'dao_pkey' })
  id!: string;

  @Column({ type: 'text' })
  slug!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'chain_id', type: 'integer' })
  chainId!: number;

  /** Checksummed ERC20Votes token address. */
  @Column({ name: 'governance_token', type: 'char', length: 42 })
  governanceToken!: string;

  /** Checksummed Safe address. */
  @Column({ name: 'safe_address', type: 'char', length: 42 })
  safeAddress!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
