import {
  Check,
  Column,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  Unique,
  CreateDateColumn,
} from 'typeorm';

/** EIP-712 typed data as stored: JSON, every bigint (uint256 and the like) as a decimal string. */
export interface StoredTypedData {
  readonly domain: object;
  readonly types: object;
  readonly primaryType: string;
  readonly message: object;
}

/**
 * The append-only audit log of every signed write: the full EIP-712 envelope, so anyone can
 * re-verify it. The database rejects UPDATE, DELETE and TRUNCATE (a trigger in the migration).
 * `typed_data_hash` is the idempotency key: the same envelope submitted twice is stored once.
 */
@Entity({ name: 'signed_message' })
@Unique('signed_message_typed_data_hash_key', ['typedDataHash'])
@Check('signed_message_signer_format', `"signer" ~ '^0x[0-9a-fA-F]{40}$'`)
@Check('signed_message_typed_data_hash_format', `"typed_data_hash" ~ '^0x[0-9a-f]{64}$'`)
@Check('signed_message_signature_format', `"signature" ~ '^0x([0-9a-f]{2})+$'`)
export class SignedMessageEntity {
  /** Insertion order. A bigint column: pg returns it as a decimal string. */
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'ALWAYS',
    primaryKeyConstraintName: 'signed_message_pkey',
  })
  id!: string;

  /** The DAO the message names; null for messages that are not about one DAO. */
  @Index('signed_message_dao_id_idx')
  @ForeignKey('DaoEntity', { name: 'signed_message_dao_id_fkey', onDelete: 'RESTRICT' })
  @Column({ name: 'dao_id', type: 'uuid', nullable: true })
  daoId!: string | null;

  /** The EIP-712 domain's chainId. */
  @Column({ name: 'chain_id', type: 'integer' })
  chainId!: number;

  /** Checksummed address that signed (an EOA, or a contract wallet verified through ERC-1271). */
  @Index('signed_message_signer_idx')
  @Column({ type: 'char', length: 42 })
  signer!: string;

  @Column({ name: 'primary_type', type: 'text' })
  primaryType!: string;

  /** Lower-case 0x-hex EIP-712 hash of `typedData`. */
  @Column({ name: 'typed_data_hash', type: 'char', length: 66 })
  typedDataHash!: string;

  /** The full typed data that was signed. */
  @Column({ name: 'typed_data', type: 'jsonb' })
  typedData!: StoredTypedData;

  /** Lower-case 0x-hex signature bytes (65 for an EOA, any length for ERC-1271). */
  @Column({ type: 'text' })
  signature!: string;

  /** What the write produced (e.g. the new proposal's id): returned again when the envelope is replayed. */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}
