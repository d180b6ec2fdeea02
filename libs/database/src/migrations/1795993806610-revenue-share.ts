import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revenue sharing: revenue records, their pro-rata shares to governance-token holders at a snapshot
 * with one allocation per holder, and the holder index built from the token's Transfer log.
 */
export class RevenueShare1795993806610 implements MigrationInterface {
  name = 'RevenueShare1795993806610';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "revenue_record" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "token" character(42) NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                "period_start" TIMESTAMP WITH TIME ZONE NOT NULL,
                "period_end" TIMESTAMP WITH TIME ZONE NOT NULL,
                "reference" text NOT NULL,
                "recorded_by" character(42) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "revenue_record_period" CHECK ("period_start" < "period_end"),
                CONSTRAINT "revenue_record_amount" CHECK ("amount" > 0),
                CONSTRAINT "revenue_record_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "revenue_record_dao_created_idx" ON "revenue_record" ("dao_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "revenue_share" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "revenue_id" uuid NOT NULL,
                "snapshot_block" bigint NOT NULL,
                "excluded" text array NOT NULL,
                "state" text NOT NULL DEFAULT 'FINALIZED',
                "eligible_supply" numeric(78, 0) NOT NULL,
                "allocated" numeric(78, 0) NOT NULL,
                "unallocated" numeric(78, 0) NOT NULL,
                "created_by" character(42) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "revenue_share_state" CHECK ("state" IN ('FINALIZED', 'PAYING', 'PAID')),
                CONSTRAINT "revenue_share_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "revenue_share_revenue_key" ON "revenue_share" ("revenue_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "revenue_share_dao_created_idx" ON "revenue_share" ("dao_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "revenue_share_allocation" (
                "share_id" uuid NOT NULL,
                "holder" character(42) NOT NULL,
                "balance" numeric(78, 0) NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                "status" text NOT NULL DEFAULT 'PENDING',
                "tx_hash" character(66),
                CONSTRAINT "revenue_share_allocation_status" CHECK ("status" IN ('PENDING', 'PAID')),
                CONSTRAINT "revenue_share_allocation_amount" CHECK ("amount" > 0),
                CONSTRAINT "revenue_share_allocation_pkey" PRIMARY KEY ("share_id", "holder")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "token_holder" (
                "token" character(42) NOT NULL,
                "address" character(42) NOT NULL,
                "first_block" bigint NOT NULL,
                CONSTRAINT "token_holder_pkey" PRIMARY KEY ("token", "address")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "token_index_cursor" (
                "token" character(42) NOT NULL,
                "indexed_to" bigint NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "token_index_cursor_pkey" PRIMARY KEY ("token")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_record"
            ADD CONSTRAINT "revenue_record_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share"
            ADD CONSTRAINT "revenue_share_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share"
            ADD CONSTRAINT "revenue_share_revenue_id_fkey" FOREIGN KEY ("revenue_id") REFERENCES "revenue_record"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share_allocation"
            ADD CONSTRAINT "revenue_share_allocation_share_id_fkey" FOREIGN KEY ("share_id") REFERENCES "revenue_share"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "revenue_share_allocation" DROP CONSTRAINT "revenue_share_allocation_share_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share" DROP CONSTRAINT "revenue_share_revenue_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share" DROP CONSTRAINT "revenue_share_dao_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_record" DROP CONSTRAINT "revenue_record_dao_id_fkey"
        `);
    await queryRunner.query(`
            DROP TABLE "token_index_cursor"
        `);
    await queryRunner.query(`
            DROP TABLE "token_holder"
        `);
    await queryRunner.query(`
            DROP TABLE "revenue_share_allocation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."revenue_share_dao_created_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."revenue_share_revenue_key"
        `);
    await queryRunner.query(`
            DROP TABLE "revenue_share"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."revenue_record_dao_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "revenue_record"
        `);
  }
}
