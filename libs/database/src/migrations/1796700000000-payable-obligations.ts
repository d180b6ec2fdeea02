import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The treasury pays any payable source, not only vesting tranches: `payable_obligation` records
 * which obligation (of which source) a Safe transaction carries, at most one live transaction per
 * obligation, in place of `payout_transfer` (tranches only). What `payout_transfer` held moves over
 * (source "round-tranches"), and so does each proposal's Safe transaction (source "proposals"), live
 * unless it was replaced or failed on-chain.
 */
export class PayableObligations1796700000000 implements MigrationInterface {
  name = 'PayableObligations1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "payable_obligation" (
                "safe_tx_hash" character(66) NOT NULL,
                "source" text NOT NULL,
                "obligation_id" text NOT NULL,
                "token" character(42),
                "amount" numeric(78, 0),
                "live" boolean NOT NULL DEFAULT true,
                CONSTRAINT "payable_obligation_pkey" PRIMARY KEY ("safe_tx_hash", "source", "obligation_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payable_obligation_live_key" ON "payable_obligation" ("source", "obligation_id")
            WHERE "live"
        `);
    await queryRunner.query(`
            CREATE INDEX "payable_obligation_source_idx" ON "payable_obligation" ("source", "obligation_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "payable_obligation"
            ADD CONSTRAINT "payable_obligation_safe_tx_hash_fkey" FOREIGN KEY ("safe_tx_hash") REFERENCES "safe_transaction"("safe_tx_hash") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "payable_obligation" ("safe_tx_hash", "source", "obligation_id", "token", "amount", "live")
            SELECT p."safe_tx_hash", 'round-tranches', p."tranche_id"::text, r."token", t."amount", p."live"
              FROM "payout_transfer" p
              JOIN "vesting_tranche" t ON t."id" = p."tranche_id"
              JOIN "reward_round" r ON r."id" = t."round_id"
        `);
    await queryRunner.query(`
            INSERT INTO "payable_obligation" ("safe_tx_hash", "source", "obligation_id", "live")
            SELECT s."safe_tx_hash", 'proposals', s."proposal_id"::text,
                   NOT (s."status" = 'REPLACED' OR (s."status" = 'FAILED' AND s."execution_block" IS NOT NULL))
              FROM "safe_transaction" s
             WHERE s."proposal_id" IS NOT NULL
        `);
    await queryRunner.query(`
            DROP TABLE "payout_transfer"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "payout_transfer" (
                "safe_tx_hash" character(66) NOT NULL,
                "tranche_id" uuid NOT NULL,
                "live" boolean NOT NULL DEFAULT true,
                CONSTRAINT "payout_transfer_pkey" PRIMARY KEY ("safe_tx_hash", "tranche_id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "payout_transfer_live_tranche_key" ON "payout_transfer" ("tranche_id")
            WHERE "live"
        `);
    await queryRunner.query(`
            ALTER TABLE "payout_transfer"
            ADD CONSTRAINT "payout_transfer_safe_tx_hash_fkey" FOREIGN KEY ("safe_tx_hash") REFERENCES "safe_transaction"("safe_tx_hash") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "payout_transfer"
            ADD CONSTRAINT "payout_transfer_tranche_id_fkey" FOREIGN KEY ("tranche_id") REFERENCES "vesting_tranche"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            INSERT INTO "payout_transfer" ("safe_tx_hash", "tranche_id", "live")
            SELECT "safe_tx_hash", "obligation_id"::uuid, "live" FROM "payable_obligation"
             WHERE "source" = 'round-tranches'
        `);
    await queryRunner.query(`
            DROP TABLE "payable_obligation"
        `);
  }
}
