import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';

/** A USD price per whole token a DAO's admin recorded, as of a date: exact, never changed. */
@Entity({ name: 'token_price' })
@Check('token_price_usd_per_token', `"usd_per_token" >= 0`)
export class TokenPriceEntity {
  @PrimaryColumn({ name: 'dao_id', type: 'uuid', primaryKeyConstraintName: 'token_price_pkey' })
  @ForeignKey('DaoEntity', { name: 'token_price_dao_id_fkey', onDelete: 'RESTRICT' })
  daoId!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'token_price_pkey' })
  token!: string;

  @PrimaryColumn({ name: 'as_of', type: 'timestamptz', primaryKeyConstraintName: 'token_price_pkey' })
  asOf!: Date;

  /** Numeric without a scale: stored exactly as given, read back as text. */
  @Column({ name: 'usd_per_token', type: 'numeric' })
  usdPerToken!: string;

  @Column({ name: 'recorded_by', type: 'char', length: 42 })
  recordedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
