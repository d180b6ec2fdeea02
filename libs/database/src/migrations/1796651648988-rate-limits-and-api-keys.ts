import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits shared by every API process: `rate_limit` holds the counters (the layout
 * rate-limiter-flexible's RateLimiterPostgres reads and writes; the index serves its clean-up of
 * expired rows). `api_key` holds the SHA-256 of each integrator key that lifts the limits.
 */
export class RateLimitsAndApiKeys1796651648988 implements MigrationInterface {
  name = 'RateLimitsAndApiKeys1796651648988';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "rate_limit" (
                "key" character varying(255) NOT NULL,
                "points" integer NOT NULL DEFAULT '0',
                "expire" bigint,
                CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "rate_limit_expire_idx" ON "rate_limit" ("expire")
        `);
    await queryRunner.query(`
            CREATE TABLE "api_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "key_hash" character(64) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "api_key_key_hash_key" UNIQUE ("key_hash"),
                CONSTRAINT "api_key_name_length" CHECK (char_length("name") BETWEEN 1 AND 100),
                CONSTRAINT "api_key_key_hash_format" CHECK ("key_hash" ~ '^[0-9a-f]{64}$'),
                CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "api_key"
        `);
    await queryRunner.query(`
            DROP TABLE "rate_limit"
        `);
  }
}
