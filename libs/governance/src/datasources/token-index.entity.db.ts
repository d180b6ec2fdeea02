import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

/** Every address that ever received the token, from its Transfer log. */
@Entity({ name: 'token_holder' })
export class TokenHolderEntity {
  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'token_holder_pkey' })
  token!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'token_holder_pkey' })
  address!: string;

  /** The block of the first transfer to it. */
  @Column({ name: 'first_block', type: 'bigint', transformer: numericBigintTransformer })
  firstBlock!: bigint;
}

/** Every address that was ever delegated votes of the token, from its DelegateVotesChanged log. */
@Entity({ name: 'token_delegate' })
export class TokenDelegateEntity {
  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'token_delegate_pkey' })
  token!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'token_delegate_pkey' })
  address!: string;

  /** The block of the first change to its votes. */
  @Column({ name: 'first_block', type: 'bigint', transformer: numericBigintTransformer })
  firstBlock!: bigint;
}

/**
 * How far the log of a token (its Transfer and DelegateVotesChanged events) has been indexed
 * (inclusive); the indexer resumes after it.
 */
@Entity({ name: 'token_index_cursor' })
export class TokenIndexCursorEntity {
  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'token_index_cursor_pkey' })
  token!: string;

  @Column({ name: 'indexed_to', type: 'bigint', transformer: numericBigintTransformer })
  indexedTo!: bigint;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
