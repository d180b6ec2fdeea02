import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reward rounds: budget, phases and rules; each finalized round's allocations with their
 * explanations and vesting tranches; Yuma bonds kept per DAO across rounds.
 */
export class RewardRounds1795992285676 implements MigrationInterface {
  name = 'RewardRounds1795992285676';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reward_round" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "name" text NOT NULL,
                "state" text NOT NULL,
                "token" character(42) NOT NULL,
                "budget" numeric(78, 0) NOT NULL,
                "submissions_open_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "submissions_close_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "review_deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "snapshot_block" bigint NOT NULL,
                "engine" text NOT NULL,
                "yuma" jsonb NOT NULL,
                "reviewer_share_bps" integer NOT NULL,
                "pools" jsonb NOT NULL,
                "contributor_cap_bps" integer,
                "min_payout" numeric(78, 0) NOT NULL,
                "vesting_cliff" integer NOT NULL,
                "vesting_duration" integer NOT NULL,
                "vesting_interval" integer NOT NULL,
                "min_reviews" integer NOT NULL,
                "acceptance_score" integer NOT NULL,
                "created_by" character(42) NOT NULL,
                "finalized_at" TIMESTAMP WITH TIME ZONE,
                "allocated" numeric(78, 0),
                "unallocated" numeric(78, 0),
                "underfunded" boolean NOT NULL DEFAULT false,
                "result" jsonb,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "reward_round_phases" CHECK (
                    "submissions_open_at" < "submissions_close_at"
                    AND "submissions_close_at" < "review_deadline"
                ),
                CONSTRAINT "reward_round_budget" CHECK ("budget" > 0),
                CONSTRAINT "reward_round_engine" CHECK ("engine" IN ('YUMA', 'MEAN', 'MEDIAN')),
                CONSTRAINT "reward_round_state" CHECK (
                    "state" IN (
                        'DRAFT',
                        'OPEN',
                        'REVIEWING',
                        'FINALIZED',
                        'PAYING',
                        'PAID',
                        'CANCELED'
                    )
                ),
                CONSTRAINT "reward_round_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "reward_round_dao_created_idx" ON "reward_round" ("dao_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "round_allocation" (
                "round_id" uuid NOT NULL,
                "pool" text NOT NULL,
                "recipient" character(42) NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                "explanation" jsonb NOT NULL,
                CONSTRAINT "round_allocation_amount" CHECK ("amount" >= 0),
                CONSTRAINT "round_allocation_pkey" PRIMARY KEY ("round_id", "pool", "recipient")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "round_allocation_recipient_idx" ON "round_allocation" ("recipient")
        `);
    await queryRunner.query(`
            CREATE TABLE "vesting_tranche" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "round_id" uuid NOT NULL,
                "pool" text NOT NULL,
                "recipient" character(42) NOT NULL,
                "seq" integer NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                "unlock_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "status" text NOT NULL DEFAULT 'PENDING',
                "tx_hash" character(66),
                "paid_block" bigint,
                CONSTRAINT "vesting_tranche_amount" CHECK ("amount" > 0),
                CONSTRAINT "vesting_tranche_status" CHECK ("status" IN ('PENDING', 'PAID')),
                CONSTRAINT "vesting_tranche_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "vesting_tranche_recipient_idx" ON "vesting_tranche" ("recipient")
        `);
    await queryRunner.query(`
            CREATE INDEX "vesting_tranche_round_idx" ON "vesting_tranche" ("round_id", "unlock_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "reviewer_bond" (
                "dao_id" uuid NOT NULL,
                "pool" text NOT NULL,
                "reviewer" character(42) NOT NULL,
                "contributor" character(42) NOT NULL,
                "bond" double precision NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "reviewer_bond_pkey" PRIMARY KEY ("dao_id", "pool", "reviewer", "contributor")
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "reward_round"
            ADD CONSTRAINT "reward_round_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "round_allocation"
            ADD CONSTRAINT "round_allocation_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "reward_round"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "vesting_tranche"
            ADD CONSTRAINT "vesting_tranche_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "reward_round"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "reviewer_bond"
            ADD CONSTRAINT "reviewer_bond_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "reviewer_bond" DROP CONSTRAINT "reviewer_bond_dao_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "vesting_tranche" DROP CONSTRAINT "vesting_tranche_round_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "round_allocation" DROP CONSTRAINT "round_allocation_round_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "reward_round" DROP CONSTRAINT "reward_round_dao_id_fkey"
        `);
    await queryRunner.query(`
            DROP TABLE "reviewer_bond"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."vesting_tranche_round_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."vesting_tranche_recipient_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "vesting_tranche"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."round_allocation_recipient_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "round_allocation"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."reward_round_dao_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "reward_round"
        `);
  }
}
