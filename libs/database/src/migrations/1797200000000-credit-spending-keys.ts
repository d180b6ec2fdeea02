import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spending keys of the credits ledger (docs/credits.md): a key lets one service of one DAO hold,
 * capture, void and spend credits into its own spend account. Only the SHA-256 of the key's secret
 * is stored; a revoked key keeps its row (`revoked_at`) so that what it wrote stays attributable.
 */
export class CreditSpendingKeys1797200000000 implements MigrationInterface {
  name = 'CreditSpendingKeys1797200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "credit_spending_key" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "spend_account_id" uuid NOT NULL,
                "name" text NOT NULL,
                "secret_hash" character(64) NOT NULL,
                "created_by" text NOT NULL,
                "created_at" timestamp with time zone NOT NULL DEFAULT now(),
                "revoked_at" timestamp with time zone,
                CONSTRAINT "credit_spending_key_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_spending_key_dao_created_idx" ON "credit_spending_key" ("dao_id", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_spending_key"
            ADD CONSTRAINT "credit_spending_key_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_spending_key"
            ADD CONSTRAINT "credit_spending_key_spend_account_id_fkey" FOREIGN KEY ("spend_account_id") REFERENCES "credit_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "credit_spending_key" DROP CONSTRAINT "credit_spending_key_spend_account_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_spending_key" DROP CONSTRAINT "credit_spending_key_dao_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."credit_spending_key_dao_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "credit_spending_key"
        `);
  }
}
