import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The counters of the API's rate limits, shared by every API process: rate-limiter-flexible's
 * RateLimiterPostgres reads and writes this table (its layout is that library's); nothing else does.
 */
@Entity({ name: 'rate_limit' })
export class RateLimitEntity {
  /** `<limit>:<client>`, e.g. `mutation:203.0.113.7` or `signer:0xAb…`. */
  @PrimaryColumn({ type: 'varchar', length: 255, primaryKeyConstraintName: 'rate_limit_pkey' })
  key!: string;

  /** Points consumed in the current window. */
  @Column({ type: 'integer', default: 0 })
  points!: number;

  /** When the window ends, in Unix milliseconds; expired rows are deleted every 5 minutes. */
  @Index('rate_limit_expire_idx')
  @Column({ type: 'bigint', nullable: true })
  expire!: string | null;
}
