import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bounties: a DAO's reward reserved on its Safe, claimed by contributors (a claim lives for the
 * bounty's claim TTL until its work is delivered as an attestation), reviewed blind, and paid through
 * the Safe on acceptance (a Safe transaction of origin BOUNTY carries the payouts).
 */
export class Bounties1797000000000 implements MigrationInterface {
  name = 'Bounties1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "bounty" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "dao_id" uuid NOT NULL, "title" text NOT NULL, "description" text NOT NULL, "token" character(42) NOT NULL, "amount" numeric(78,0) NOT NULL, "kind" text, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "max_claimants" integer NOT NULL, "claim_ttl" integer NOT NULL, "team_allowed" boolean NOT NULL, "min_reviews" integer NOT NULL, "acceptance_score" integer NOT NULL, "reviewers" text array NOT NULL, "state" text NOT NULL DEFAULT 'OPEN', "cancel_reason" text, "created_by" character(42) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bounty_acceptance_score" CHECK ("acceptance_score" BETWEEN 0 AND 100), CONSTRAINT "bounty_max_claimants" CHECK ("max_claimants" >= 1), CONSTRAINT "bounty_amount" CHECK ("amount" > 0), CONSTRAINT "bounty_state" CHECK ("state" IN ('OPEN', 'ACCEPTED', 'PAYING', 'PAID', 'CANCELLED')), CONSTRAINT "bounty_pkey" PRIMARY KEY ("id"))
        `);
    await queryRunner.query(`
            CREATE INDEX "bounty_dao_created_idx" ON "bounty"  ("dao_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "bounty_claim" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bounty_id" uuid NOT NULL, "claimant" character(42) NOT NULL, "state" text NOT NULL DEFAULT 'ACTIVE', "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attestation_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "decided_at" TIMESTAMP WITH TIME ZONE, "reject_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bounty_claim_state" CHECK ("state" IN ('ACTIVE', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'EXPIRED', 'CLOSED')), CONSTRAINT "bounty_claim_pkey" PRIMARY KEY ("id"))
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "bounty_claim_accepted_key" ON "bounty_claim"  ("bounty_id") WHERE "state" = 'ACCEPTED'
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "bounty_claim_live_key" ON "bounty_claim"  ("bounty_id", "claimant") WHERE "state" IN ('ACTIVE', 'SUBMITTED')
        `);
    await queryRunner.query(`
            CREATE INDEX "bounty_claim_bounty_idx" ON "bounty_claim"  ("bounty_id", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "bounty_review" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "claim_id" uuid NOT NULL, "reviewer" character(42) NOT NULL, "score" integer NOT NULL, "comment" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "bounty_review_score" CHECK ("score" BETWEEN 0 AND 100), CONSTRAINT "bounty_review_pkey" PRIMARY KEY ("id"))
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "bounty_review_claim_reviewer_key" ON "bounty_review"  ("claim_id", "reviewer")
        `);
    await queryRunner.query(`
            CREATE TABLE "bounty_payout" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "bounty_id" uuid NOT NULL, "payee" character(42) NOT NULL, "amount" numeric(78,0) NOT NULL, "status" text NOT NULL DEFAULT 'PENDING', "tx_hash" character(66), "paid_block" bigint, CONSTRAINT "bounty_payout_status" CHECK ("status" IN ('PENDING', 'IN_FLIGHT', 'PAID')), CONSTRAINT "bounty_payout_amount" CHECK ("amount" > 0), CONSTRAINT "bounty_payout_pkey" PRIMARY KEY ("id"))
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "bounty_payout_bounty_payee_key" ON "bounty_payout"  ("bounty_id", "payee")
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty" ADD CONSTRAINT "bounty_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_claim" ADD CONSTRAINT "bounty_claim_bounty_id_fkey" FOREIGN KEY ("bounty_id") REFERENCES "bounty"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_claim" ADD CONSTRAINT "bounty_claim_attestation_id_fkey" FOREIGN KEY ("attestation_id") REFERENCES "attestation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_review" ADD CONSTRAINT "bounty_review_claim_id_fkey" FOREIGN KEY ("claim_id") REFERENCES "bounty_claim"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_payout" ADD CONSTRAINT "bounty_payout_bounty_id_fkey" FOREIGN KEY ("bounty_id") REFERENCES "bounty"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction" DROP CONSTRAINT "safe_transaction_origin", ADD CONSTRAINT "safe_transaction_origin" CHECK ("origin" IN ('PROPOSAL', 'PAYOUT', 'REVENUE_SHARE', 'BOUNTY', 'REJECTION', 'EXTERNAL'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DELETE FROM "safe_transaction" WHERE "origin" = 'BOUNTY'
        `);
    await queryRunner.query(`
            ALTER TABLE "safe_transaction" DROP CONSTRAINT "safe_transaction_origin", ADD CONSTRAINT "safe_transaction_origin" CHECK ("origin" IN ('PROPOSAL', 'PAYOUT', 'REVENUE_SHARE', 'REJECTION', 'EXTERNAL'))
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_payout" DROP CONSTRAINT "bounty_payout_bounty_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_review" DROP CONSTRAINT "bounty_review_claim_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_claim" DROP CONSTRAINT "bounty_claim_attestation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty_claim" DROP CONSTRAINT "bounty_claim_bounty_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "bounty" DROP CONSTRAINT "bounty_dao_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bounty_payout_bounty_payee_key"
        `);
    await queryRunner.query(`
            DROP TABLE "bounty_payout"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bounty_review_claim_reviewer_key"
        `);
    await queryRunner.query(`
            DROP TABLE "bounty_review"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bounty_claim_bounty_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bounty_claim_live_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bounty_claim_accepted_key"
        `);
    await queryRunner.query(`
            DROP TABLE "bounty_claim"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."bounty_dao_created_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "bounty"
        `);
  }
}
