import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An API key of a known integrator: requests that send it in `x-api-key` are not rate limited.
 * Only the SHA-256 of the key is kept; the key itself is shown once, when it is created.
 */
@Entity({ name: 'api_key' })
@Unique('api_key_key_hash_key', ['keyHash'])
@Check('api_key_key_hash_format', `"key_hash" ~ '^[0-9a-f]{64}$'`)
@Check('api_key_name_length', `char_length("name") BETWEEN 1 AND 100`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'api_key_pkey' })
  id!: string;

  /** Who the key is for, as the operator named it. */
  @Column({ type: 'text' })
  name!: string;

  /** Hex SHA-256 of the key. */
  @Column({ name: 'key_hash', type: 'character', length: 64 })
  keyHash!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Set once the key is revoked: it is then refused. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
