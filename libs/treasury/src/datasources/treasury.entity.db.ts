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

/** One call of a Safe transaction as signers see it. */
export interface StoredSafeAction {
  readonly to: string;
  readonly value: string;
  readonly data: string;
  readonly operation: number;
  readonly humanReadable: string;
}

/**
 * A Safe transaction Guildhall proposed (a proposal's actions, a batch of payouts, a rejection) or
 * saw executed on-chain without it. The SafeTx fields are stored as signed; the safeTxHash is
 * recomputed from them before every confirmation.
 */
@Entity({ name: 'safe_transaction' })
@Index('safe_transaction_safe_nonce_idx', ['chainId', 'safe', 'nonce', 'safeTxHash'])
@Index('safe_transaction_dao_idx', ['daoId'])
@Index('safe_transaction_proposal_idx', ['proposalId'])
@Index('safe_transaction_round_idx', ['roundId'])
@Index('safe_transaction_revenue_share_idx', ['revenueShareId'])
@Check(
  'safe_transaction_status',
  `"status" IN ('AWAITING_CONFIRMATIONS', 'READY', 'EXECUTING', 'EXECUTED', 'FAILED', 'REPLACED')`,
)
@Check(
  'safe_transaction_origin',
  `"origin" IN ('PROPOSAL', 'PAYOUT', 'REVENUE_SHARE', 'BOUNTY', 'REJECTION', 'EXTERNAL')`,
)
export class SafeTransactionEntity {
  @PrimaryColumn({
    name: 'safe_tx_hash',
    type: 'char',
    length: 66,
    primaryKeyConstraintName: 'safe_transaction_pkey',
  })
  safeTxHash!: string;

  @ForeignKey('DaoEntity', { name: 'safe_transaction_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid' })
  daoId!: string;

  @Column({ name: 'chain_id', type: 'integer' })
  chainId!: number;

  @Column({ type: 'char', length: 42 })
  safe!: string;

  @Column({ name: 'to_address', type: 'char', length: 42 })
  to!: string;

  @Column({ type: 'numeric', precision: 78, scale: 0, transformer: numericBigintTransformer })
  value!: bigint;

  @Column({ type: 'text' })
  data!: string;

  @Column({ type: 'smallint' })
  operation!: number;

  @Column({
    name: 'safe_tx_gas',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  safeTxGas!: bigint;

  @Column({
    name: 'base_gas',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  baseGas!: bigint;

  @Column({
    name: 'gas_price',
    type: 'numeric',
    precision: 78,
    scale: 0,
    transformer: numericBigintTransformer,
  })
  gasPrice!: bigint;

  @Column({ name: 'gas_token', type: 'char', length: 42 })
  gasToken!: string;

  @Column({ name: 'refund_receiver', type: 'char', length: 42 })
  refundReceiver!: string;

  @Column({ type: 'bigint', transformer: numericBigintTransformer })
  nonce!: bigint;

  @Column({ type: 'text' })
  origin!: string;

  @ForeignKey('ProposalEntity', { name: 'safe_transaction_proposal_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'proposal_id', type: 'uuid', nullable: true })
  proposalId!: string | null;

  @ForeignKey('RoundEntity', { name: 'safe_transaction_round_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'round_id', type: 'uuid', nullable: true })
  roundId!: string | null;

  @ForeignKey('RevenueShareEntity', {
    name: 'safe_transaction_revenue_share_id_fkey',
    onDelete: 'RESTRICT',
  })
  @Column({ name: 'revenue_share_id', type: 'uuid', nullable: true })
  revenueShareId!: string | null;

  /** The calls inside (one, or each call of a MultiSendCallOnly batch), described for people. */
  @Column({ type: 'jsonb' })
  actions!: StoredSafeAction[];

  /** Gas the batch was estimated at when it was planned (null for single calls and external ones). */
  @Column({ name: 'estimated_gas', type: 'bigint', nullable: true, transformer: numericBigintTransformer })
  estimatedGas!: bigint | null;

  @Column({ type: 'text' })
  status!: string;

  /** Why it FAILED (the revert reason), or what replaced it. */
  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  /** The Ethereum transaction that executed it (or the relay's attempt, while EXECUTING). */
  @Column({ name: 'execution_tx_hash', type: 'char', length: 66, nullable: true })
  executionTxHash!: string | null;

  @Column({ name: 'execution_block', type: 'bigint', nullable: true, transformer: numericBigintTransformer })
  executionBlock!: bigint | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** An owner's signature over a safeTxHash, as submitted (one per owner and transaction). */
@Entity({ name: 'safe_confirmation' })
@Check('safe_confirmation_type', `"signature_type" IN ('EOA', 'ETH_SIGN', 'CONTRACT', 'APPROVED_HASH')`)
export class SafeConfirmationEntity {
  @PrimaryColumn({
    name: 'safe_tx_hash',
    type: 'char',
    length: 66,
    primaryKeyConstraintName: 'safe_confirmation_pkey',
  })
  @ForeignKey('SafeTransactionEntity', { name: 'safe_confirmation_safe_tx_hash_fkey', onDelete: 'CASCADE' })
  safeTxHash!: string;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'safe_confirmation_pkey' })
  owner!: string;

  @Column({ type: 'text' })
  signature!: string;

  @Column({ name: 'signature_type', type: 'text' })
  signatureType!: string;

  @CreateDateColumn({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt!: Date;
}

/**
 * An obligation of a payable source (a vesting tranche, a proposal) carried by a Safe transaction.
 * `live` is cleared when that transaction can no longer execute (REPLACED, or FAILED on-chain); the
 * partial unique index makes "each obligation belongs to at most one live Safe transaction" a
 * database fact, not a hope. Token and amount are those of a transfer (null for calls), for what
 * the Safe's open transactions already promise.
 */
@Entity({ name: 'payable_obligation' })
@Index('payable_obligation_live_key', ['source', 'obligationId'], { unique: true, where: '"live"' })
@Index('payable_obligation_source_idx', ['source', 'obligationId'])
export class PayableObligationEntity {
  @PrimaryColumn({
    name: 'safe_tx_hash',
    type: 'char',
    length: 66,
    primaryKeyConstraintName: 'payable_obligation_pkey',
  })
  @ForeignKey('SafeTransactionEntity', { name: 'payable_obligation_safe_tx_hash_fkey', onDelete: 'CASCADE' })
  safeTxHash!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'payable_obligation_pkey' })
  source!: string;

  @PrimaryColumn({ name: 'obligation_id', type: 'text', primaryKeyConstraintName: 'payable_obligation_pkey' })
  obligationId!: string;

  @Column({ type: 'char', length: 42, nullable: true })
  token!: string | null;

  @Column({ type: 'numeric', precision: 78, scale: 0, nullable: true, transformer: numericBigintTransformer })
  amount!: bigint | null;

  @Column({ type: 'boolean', default: true })
  live!: boolean;
}

/** A DAO Safe as last read on-chain: refreshed by the indexer and before every signature check. */
@Entity({ name: 'safe_account' })
export class SafeAccountEntity {
  @PrimaryColumn({ name: 'chain_id', type: 'integer', primaryKeyConstraintName: 'safe_account_pkey' })
  chainId!: number;

  @PrimaryColumn({ type: 'char', length: 42, primaryKeyConstraintName: 'safe_account_pkey' })
  safe!: string;

  @Column({ type: 'text', array: true })
  owners!: string[];

  @Column({ type: 'integer' })
  threshold!: number;

  @Column({ type: 'bigint', transformer: numericBigintTransformer })
  nonce!: bigint;

  @Column({ type: 'text' })
  version!: string;

  /** The last block the Safe's execution log is indexed to. */
  @Column({ name: 'indexed_to', type: 'bigint', transformer: numericBigintTransformer })
  indexedTo!: bigint;

  @UpdateDateColumn({ name: 'refreshed_at', type: 'timestamptz' })
  refreshedAt!: Date;
}
