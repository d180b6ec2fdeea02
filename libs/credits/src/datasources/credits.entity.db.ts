import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { numericBigintTransformer } from '@guildhall/database/datasources';

const amount = { type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer } as const;

/** A kind of credit a DAO issues (GPU_HOURS, INFERENCE_TOKENS): amounts are integers of `unit`. */
@Entity({ name: 'credit_type' })
@Unique('credit_type_dao_code_key', ['daoId', 'code'])
@Check('credit_type_code_format', `"code" ~ '^[A-Z][A-Z0-9_]{0,31}$'`)
@Check('credit_type_scale_range', `"scale" BETWEEN 0 AND 18`)
export class CreditTypeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'credit_type_pkey' })
  id!: string;

  @Column({ name: 'dao_id', type: 'uuid' })
  @ForeignKey('DaoEntity', { name: 'credit_type_dao_id_fkey', onDelete: 'RESTRICT' })
  daoId!: string;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** What one integer unit is, e.g. "GPU-second". */
  @Column({ type: 'text' })
  unit!: string;

  /** Decimal places shown: an amount of 1500 with scale 3 reads 1.500. */
  @Column({ type: 'integer' })
  scale!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** An account of a DAO: a contributor's (owner: address), a service's spend account (owner: its name), the issuance account and the expiry sink (owner ""). */
@Entity({ name: 'credit_account' })
@Unique('credit_account_dao_kind_owner_key', ['daoId', 'kind', 'owner'])
@Check('credit_account_kind', `"kind" IN ('CONTRIBUTOR', 'ISSUANCE', 'SPEND', 'EXPIRY')`)
export class CreditAccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'credit_account_pkey' })
  id!: string;

  @Column({ name: 'dao_id', type: 'uuid' })
  @ForeignKey('DaoEntity', { name: 'credit_account_dao_id_fkey', onDelete: 'RESTRICT' })
  daoId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'text' })
  owner!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One journal entry: append-only; its postings sum to zero per credit type (checked at commit). */
@Entity({ name: 'credit_transfer' })
@Unique('credit_transfer_dao_client_key_key', ['daoId', 'clientKey'])
@Check('credit_transfer_kind', `"kind" IN ('GRANT', 'SPEND', 'CAPTURE', 'EXPIRY')`)
@Index('credit_transfer_dao_created_idx', ['daoId', 'createdAt', 'id'])
export class CreditTransferEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'credit_transfer_pkey' })
  id!: string;

  @Column({ name: 'dao_id', type: 'uuid' })
  @ForeignKey('DaoEntity', { name: 'credit_transfer_dao_id_fkey', onDelete: 'RESTRICT' })
  daoId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'client_key', type: 'text' })
  clientKey!: string;

  /** SHA-256 of the request that wrote it: the same client key with another body is refused. */
  @Column({ name: 'body_hash', type: 'char', length: 66 })
  bodyHash!: string;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

@Entity({ name: 'credit_posting' })
@Check('credit_posting_nonzero', `"amount" <> 0`)
@Index('credit_posting_account_idx', ['accountId', 'creditTypeId'])
export class CreditPostingEntity {
  @PrimaryColumn({ name: 'transfer_id', type: 'uuid', primaryKeyConstraintName: 'credit_posting_pkey' })
  @ForeignKey('CreditTransferEntity', { name: 'credit_posting_transfer_id_fkey', onDelete: 'RESTRICT' })
  transferId!: string;

  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'credit_posting_pkey' })
  @ForeignKey('CreditAccountEntity', { name: 'credit_posting_account_id_fkey', onDelete: 'RESTRICT' })
  accountId!: string;

  @PrimaryColumn({ name: 'credit_type_id', type: 'uuid', primaryKeyConstraintName: 'credit_posting_pkey' })
  @ForeignKey('CreditTypeEntity', { name: 'credit_posting_credit_type_id_fkey', onDelete: 'RESTRICT' })
  creditTypeId!: string;

  /** Signed: credits in (+) or out (−) of the account. */
  @Column(amount)
  amount!: bigint;
}

/** An account's balance in one credit type, kept by a trigger on postings; `held` by the holds. */
@Entity({ name: 'credit_balance' })
@Check('credit_balance_held', `"held" >= 0`)
@Check('credit_balance_covered', `"overdraft" OR "balance" >= "held"`)
export class CreditBalanceEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'credit_balance_pkey' })
  @ForeignKey('CreditAccountEntity', { name: 'credit_balance_account_id_fkey', onDelete: 'RESTRICT' })
  accountId!: string;

  @PrimaryColumn({ name: 'credit_type_id', type: 'uuid', primaryKeyConstraintName: 'credit_balance_pkey' })
  @ForeignKey('CreditTypeEntity', { name: 'credit_balance_credit_type_id_fkey', onDelete: 'RESTRICT' })
  creditTypeId!: string;

  @Column({ ...amount, default: 0 })
  balance!: bigint;

  @Column({ ...amount, default: 0 })
  held!: bigint;

  /** Only the issuance account goes below zero (by what the DAO issued). */
  @Column({ type: 'boolean', default: false })
  overdraft!: boolean;
}

/** A grant's lot: what is left of it to spend (`remaining`), until it expires. */
@Entity({ name: 'credit_grant' })
@Check('credit_grant_amount', `"amount" > 0`)
@Check('credit_grant_remaining', `"remaining" BETWEEN 0 AND "amount"`)
@Check('credit_grant_window', `"expires_at" IS NULL OR "expires_at" > "effective_at"`)
@Index('credit_grant_account_idx', ['accountId', 'creditTypeId'])
@Index('credit_grant_expires_idx', ['expiresAt'])
export class CreditGrantEntity {
  @PrimaryColumn({ name: 'transfer_id', type: 'uuid', primaryKeyConstraintName: 'credit_grant_pkey' })
  @ForeignKey('CreditTransferEntity', { name: 'credit_grant_transfer_id_fkey', onDelete: 'RESTRICT' })
  transferId!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  @ForeignKey('CreditAccountEntity', { name: 'credit_grant_account_id_fkey', onDelete: 'RESTRICT' })
  accountId!: string;

  @Column({ name: 'credit_type_id', type: 'uuid' })
  @ForeignKey('CreditTypeEntity', { name: 'credit_grant_credit_type_id_fkey', onDelete: 'RESTRICT' })
  creditTypeId!: string;

  @Column(amount)
  amount!: bigint;

  @Column(amount)
  remaining!: bigint;

  @Column({ name: 'effective_at', type: 'timestamptz' })
  effectiveAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}

/** How much of a grant a transfer (spend, capture, expiry) consumed. */
@Entity({ name: 'credit_grant_use' })
@Check('credit_grant_use_amount', `"amount" > 0`)
@Index('credit_grant_use_grant_idx', ['grantId'])
export class CreditGrantUseEntity {
  @PrimaryColumn({ name: 'transfer_id', type: 'uuid', primaryKeyConstraintName: 'credit_grant_use_pkey' })
  @ForeignKey('CreditTransferEntity', { name: 'credit_grant_use_transfer_id_fkey', onDelete: 'RESTRICT' })
  transferId!: string;

  @PrimaryColumn({ name: 'grant_id', type: 'uuid', primaryKeyConstraintName: 'credit_grant_use_pkey' })
  @ForeignKey('CreditGrantEntity', { name: 'credit_grant_use_grant_id_fkey', onDelete: 'RESTRICT' })
  grantId!: string;

  @Column(amount)
  amount!: bigint;
}

/** Credits a service reserved (ACTIVE) until it captures them, voids them or the hold times out. */
@Entity({ name: 'credit_hold' })
@Unique('credit_hold_dao_client_key_key', ['daoId', 'clientKey'])
@Check('credit_hold_amount', `"amount" > 0`)
@Check('credit_hold_status', `"status" IN ('ACTIVE', 'CAPTURED', 'VOIDED', 'EXPIRED')`)
@Check('credit_hold_captured', `"captured" IS NULL OR "captured" BETWEEN 1 AND "amount"`)
@Index('credit_hold_status_expires_idx', ['status', 'expiresAt'])
@Index('credit_hold_account_idx', ['accountId', 'creditTypeId'])
export class CreditHoldEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'credit_hold_pkey' })
  id!: string;

  @Column({ name: 'dao_id', type: 'uuid' })
  @ForeignKey('DaoEntity', { name: 'credit_hold_dao_id_fkey', onDelete: 'RESTRICT' })
  daoId!: string;

  @Column({ name: 'client_key', type: 'text' })
  clientKey!: string;

  @Column({ name: 'body_hash', type: 'char', length: 66 })
  bodyHash!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  @ForeignKey('CreditAccountEntity', { name: 'credit_hold_account_id_fkey', onDelete: 'RESTRICT' })
  accountId!: string;

  @Column({ name: 'spend_account_id', type: 'uuid' })
  @ForeignKey('CreditAccountEntity', { name: 'credit_hold_spend_account_id_fkey', onDelete: 'RESTRICT' })
  spendAccountId!: string;

  @Column({ name: 'credit_type_id', type: 'uuid' })
  @ForeignKey('CreditTypeEntity', { name: 'credit_hold_credit_type_id_fkey', onDelete: 'RESTRICT' })
  creditTypeId!: string;

  @Column(amount)
  amount!: bigint;

  @Column({ type: 'text', default: 'ACTIVE' })
  status!: string;

  @Column({ ...amount, nullable: true })
  captured!: bigint | null;

  @Column({ name: 'capture_transfer_id', type: 'uuid', nullable: true })
  @ForeignKey('CreditTransferEntity', { name: 'credit_hold_capture_transfer_id_fkey', onDelete: 'RESTRICT' })
  captureTransferId!: string | null;

  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}

/** How much of a grant an active hold reserved (taken from the grant's `remaining`). */
@Entity({ name: 'credit_hold_lot' })
@Check('credit_hold_lot_amount', `"amount" > 0`)
export class CreditHoldLotEntity {
  @PrimaryColumn({ name: 'hold_id', type: 'uuid', primaryKeyConstraintName: 'credit_hold_lot_pkey' })
  @ForeignKey('CreditHoldEntity', { name: 'credit_hold_lot_hold_id_fkey', onDelete: 'RESTRICT' })
  holdId!: string;

  @PrimaryColumn({ name: 'grant_id', type: 'uuid', primaryKeyConstraintName: 'credit_hold_lot_pkey' })
  @ForeignKey('CreditGrantEntity', { name: 'credit_hold_lot_grant_id_fkey', onDelete: 'RESTRICT' })
  grantId!: string;

  @Column(amount)
  amount!: bigint;
}

/**
 * A key a service spends with: one DAO, one spend account. Only the SHA-256 of its secret is kept;
 * revoking sets `revokedAt` and keeps the row.
 */
@Entity({ name: 'credit_spending_key' })
@Index('credit_spending_key_dao_created_idx', ['daoId', 'createdAt'])
export class CreditSpendingKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'credit_spending_key_pkey' })
  id!: string;

  @Column({ name: 'dao_id', type: 'uuid' })
  @ForeignKey('DaoEntity', { name: 'credit_spending_key_dao_id_fkey', onDelete: 'RESTRICT' })
  daoId!: string;

  @Column({ name: 'spend_account_id', type: 'uuid' })
  @ForeignKey('CreditAccountEntity', {
    name: 'credit_spending_key_spend_account_id_fkey',
    onDelete: 'RESTRICT',
  })
  spendAccountId!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Hex SHA-256 of the secret. */
  @Column({ name: 'secret_hash', type: 'char', length: 64 })
  secretHash!: string;

  /** The admin who signed its creation (checksummed address). */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
