import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The treasury: Safe transactions Guildhall proposed or saw executed, owners' confirmations, the
 * vesting tranches each payout transaction pays (at most one live transaction per tranche, by a
 * partial unique index), and each DAO Safe as last read on-chain with its indexer cursor.
 */
export class Treasury1796002051830 implements MigrationInterface {
  name = 'Treasury1796002051830';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "safe_transaction" (
                "safe_tx_hash" character(66) NOT NULL,
                "dao_id" uuid NOT NULL,
                "chain_id" integer NOT NULL,
                "safe" character(42) NOT NULL,
                "to_address" character(42) NOT NULL,
                "value" numeric(78, 0) NOT NULL,
                "data" text NOT NULL,
                "operation" smallint NOT NULL,
                "safe_tx_gas" numeric(78, 0) NOT NULL,
                "base_gas" numeric(78, 0) NOT NULL,
                "gas_price" numeric(78, 0) NOT NULL,
                "gas_token" character(42) NOT NULL,
                "refund_receiver" character(42) NOT NULL,
                "nonce" bigint NOT NULL,
                "origin" text NOT NULL,
                "proposal_id" uuid,
                "round_id" uuid,
                "actions" jsonb NOT NULL,
                "estimated_gas" bigint,
                "status" text NOT NULL,
                "status_reason" text,
                "execution_tx_hash" character(66),
                "execution_block" bigint,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "safe_transaction_origin" CHECK (
                    "origin" IN ('PROPOSAL', 'PAYOUT', 'REJECTION', 'EXTERNAL')
                ),
                CONSTRAINT "safe_transaction_status" CHECK (
                    "status" IN (
                        'AWAITING_CONFIRMATIONS',
                        'READY',
                        'EXECUTING',
                        'EXECUTED',
                        'FAILED',
                        'REPLACED'
                    )
                ),
                CONSTRAINT "safe_transaction_pkey" PRIMARY KEY ("safe_tx_hash")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "safe_transaction_round_idx" ON "safe_transaction" ("round_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "safe_transaction_proposal_idx" ON "safe_transaction" ("proposal_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "safe_transaction_dao_idx" ON "safe_transaction" ("dao_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "safe_transaction_safe_nonce_idx" ON "safe_transaction" ("chain_id", "safe", "nonce", "safe_tx_hash")
        `);
    await queryRunner.query(`
            CREATE TABLE "safe_confirmation" (
                "safe_tx_hash" character(66) NOT NULL,
                "owner" character(42) NOT NULL,
                "signature" text NOT NULL,
                "signature_type" text NOT NULL,
                "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "safe_confirmation_type" CHECK (
                    "signature_type" IN ('EOA', 'ETH_SIGN', 'CONTRACT', 'APPROVED_HASH')
                ),
                CONSTRAINT "safe_confirmation_pkey" PRIMARY KEY ("safe_tx_hash", "owner")
            )
        `);
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
            CREATE TABLE "safe_account" (
                "chain_id" integer NOT NULL,
                "safe" character(42) NOT NULL,
                "owners" text array NOT NULL,
                "threshold" integer NOT NULL,
                "nonce" bigint NOT NULL,
                "version" text NOT NULL,
                "indexed_to" bigint NOT NULL,
                "refreshed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "safe_account_pkey" PRIMARY KEY ("chain_id", "safe")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction"
            ADD CONSTRAINT "safe_transaction_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction"
            ADD CONSTRAINT "safe_transaction_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction"
            ADD CONSTRAINT "safe_transaction_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "reward_round"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_confirmation"
            ADD CONSTRAINT "safe_confirmation_safe_tx_hash_fkey" FOREIGN KEY ("safe_tx_hash") REFERENCES "safe_transaction"("safe_tx_hash") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "payout_transfer"
            ADD CONSTRAINT "payout_transfer_safe_tx_hash_fkey" FOREIGN KEY ("safe_tx_hash") REFERENCES "safe_transaction"("safe_tx_hash") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "payout_transfer"
            ADD CONSTRAINT "payout_transfer_tranche_id_fkey" FOREIGN KEY ("tranche_id") REFERENCES "vesting_tranche"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "payout_transfer" DROP CONSTRAINT "payout_transfer_tranche_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "payout_transfer" DROP CONSTRAINT "payout_transfer_safe_tx_hash_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_confirmation" DROP CONSTRAINT "safe_confirmation_safe_tx_hash_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction" DROP CONSTRAINT "safe_transaction_round_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction" DROP CONSTRAINT "safe_transaction_proposal_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction" DROP CONSTRAINT "safe_transaction_dao_id_fkey"
        `);
    await queryRunner.query(`
            DROP TABLE "safe_account"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."payout_transfer_live_tranche_key"
        `);
    await queryRunner.query(`
            DROP TABLE "payout_transfer"
        `);
    await queryRunner.query(`
            DROP TABLE "safe_confirmation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."safe_transaction_safe_nonce_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."safe_transaction_dao_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."safe_transaction_proposal_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."safe_transaction_round_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "safe_transaction"
        `);
  }
}
