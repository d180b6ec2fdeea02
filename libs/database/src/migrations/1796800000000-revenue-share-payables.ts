import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revenue shares are paid through the Safe: a share is COMPUTED (what was FINALIZED), then PAYING,
 * then PAID; it targets holders or a model's contributors, leaves allocations below its minimum
 * payout unpaid and carries their sum over to the next share of the DAO and token. Each allocation
 * gets an id (the treasury's obligation id), IN_FLIGHT and CARRIED statuses and the block it was
 * paid in; a Safe transaction can show the revenue share it pays (origin REVENUE_SHARE).
 */
export class RevenueSharePayables1796800000000 implements MigrationInterface {
  name = 'RevenueSharePayables1796800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "revenue_share" DROP CONSTRAINT "revenue_share_state"
        `);
    await queryRunner.query(`
            UPDATE "revenue_share" SET "state" = 'COMPUTED' WHERE "state" = 'FINALIZED'
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share" ALTER COLUMN "state" SET DEFAULT 'COMPUTED'
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share"
            ADD "target" text NOT NULL DEFAULT 'HOLDERS',
            ADD "model" text,
            ADD "lookback_rounds" integer,
            ADD "min_payout" numeric(78, 0) NOT NULL DEFAULT 0,
            ADD "carried_in" numeric(78, 0) NOT NULL DEFAULT 0,
            ADD "carried_over" numeric(78, 0) NOT NULL DEFAULT 0,
            ADD "carried_into" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share"
            ALTER COLUMN "target" DROP DEFAULT,
            ALTER COLUMN "min_payout" DROP DEFAULT,
            ALTER COLUMN "carried_in" DROP DEFAULT,
            ALTER COLUMN "carried_over" DROP DEFAULT
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share"
            ADD CONSTRAINT "revenue_share_state" CHECK ("state" IN ('COMPUTED', 'PAYING', 'PAID')),
            ADD CONSTRAINT "revenue_share_target" CHECK ("target" IN ('HOLDERS', 'CONTRIBUTORS_OF_MODEL')),
            ADD CONSTRAINT "revenue_share_min_payout" CHECK ("min_payout" >= 0),
            ADD CONSTRAINT "revenue_share_carried_into_fkey" FOREIGN KEY ("carried_into") REFERENCES "revenue_share"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share_allocation" DROP CONSTRAINT "revenue_share_allocation_status"
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share_allocation"
            ADD "id" uuid NOT NULL DEFAULT gen_random_uuid(),
            ADD "paid_block" bigint,
            ADD CONSTRAINT "revenue_share_allocation_status" CHECK ("status" IN ('PENDING', 'IN_FLIGHT', 'PAID', 'CARRIED'))
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "revenue_share_allocation_id_key" ON "revenue_share_allocation" ("id")
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction" DROP CONSTRAINT "safe_transaction_origin"
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction"
            ADD "revenue_share_id" uuid,
            ADD CONSTRAINT "safe_transaction_origin" CHECK ("origin" IN ('PROPOSAL', 'PAYOUT', 'REVENUE_SHARE', 'REJECTION', 'EXTERNAL')),
            ADD CONSTRAINT "safe_transaction_revenue_share_id_fkey" FOREIGN KEY ("revenue_share_id") REFERENCES "revenue_share"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE INDEX "safe_transaction_revenue_share_idx" ON "safe_transaction" ("revenue_share_id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."safe_transaction_revenue_share_idx"
        `);
    await queryRunner.query(`
            DELETE FROM "safe_transaction" WHERE "origin" = 'REVENUE_SHARE'
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction"
            DROP CONSTRAINT "safe_transaction_revenue_share_id_fkey",
            DROP CONSTRAINT "safe_transaction_origin",
            DROP COLUMN "revenue_share_id",
            ADD CONSTRAINT "safe_transaction_origin" CHECK ("origin" IN ('PROPOSAL', 'PAYOUT', 'REJECTION', 'EXTERNAL'))
        `);
    await queryRunner.query(`
            DROP INDEX "public"."revenue_share_allocation_id_key"
        `);
    await queryRunner.query(`
            DELETE FROM "revenue_share_allocation" WHERE "status" = 'CARRIED'
        `);
    await queryRunner.query(`
            UPDATE "revenue_share_allocation" SET "status" = 'PENDING' WHERE "status" = 'IN_FLIGHT'
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share_allocation"
            DROP CONSTRAINT "revenue_share_allocation_status",
            DROP COLUMN "paid_block",
            DROP COLUMN "id",
            ADD CONSTRAINT "revenue_share_allocation_status" CHECK ("status" IN ('PENDING', 'PAID'))
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share"
            DROP CONSTRAINT "revenue_share_carried_into_fkey",
            DROP CONSTRAINT "revenue_share_min_payout",
            DROP CONSTRAINT "revenue_share_target",
            DROP CONSTRAINT "revenue_share_state",
            DROP COLUMN "carried_into",
            DROP COLUMN "carried_over",
            DROP COLUMN "carried_in",
            DROP COLUMN "min_payout",
            DROP COLUMN "lookback_rounds",
            DROP COLUMN "model",
            DROP COLUMN "target"
        `);
    await queryRunner.query(`
            UPDATE "revenue_share" SET "state" = 'FINALIZED' WHERE "state" = 'COMPUTED'
        `);
    await queryRunner.query(`
            ALTER TABLE "revenue_share" ALTER COLUMN "state" SET DEFAULT 'FINALIZED',
            ADD CONSTRAINT "revenue_share_state" CHECK ("state" IN ('FINALIZED', 'PAYING', 'PAID'))
        `);
  }
}
