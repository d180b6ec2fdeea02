import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contributions: contributor profiles, DAO reviewers and review policy, attestations (credit
 * splits; evidence keys that stop one artifact being claimed twice in a round), reviews, disputes.
 */
export class Contributions1795990987464 implements MigrationInterface {
  name = 'Contributions1795990987464';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "attestation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "contributor" character(42) NOT NULL,
                "round_id" uuid,
                "kind" text NOT NULL,
                "model_name" text NOT NULL,
                "model_version" text NOT NULL,
                "model_base" text NOT NULL,
                "title" text NOT NULL,
                "summary" text NOT NULL,
                "evidence" jsonb NOT NULL,
                "metrics" jsonb NOT NULL,
                "refs" uuid array NOT NULL,
                "status" text NOT NULL,
                "status_before_dispute" text,
                "snapshot_block" bigint NOT NULL,
                "cosign_deadline" TIMESTAMP WITH TIME ZONE NOT NULL,
                "min_reviews" integer NOT NULL,
                "acceptance_score" integer NOT NULL,
                "review_period" integer NOT NULL,
                "review_opens_at" TIMESTAMP WITH TIME ZONE,
                "review_deadline" TIMESTAMP WITH TIME ZONE,
                "review_count" integer NOT NULL DEFAULT '0',
                "consensus_score" integer,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "attestation_acceptance_score" CHECK (
                    "acceptance_score" BETWEEN 0 AND 100
                ),
                CONSTRAINT "attestation_review_count" CHECK ("review_count" >= 0),
                CONSTRAINT "attestation_status_before_dispute" CHECK (
                    "status_before_dispute" IN (
                        'PENDING_COSIGN',
                        'SUBMITTED',
                        'IN_REVIEW',
                        'ACCEPTED',
                        'REJECTED',
                        'DISPUTED',
                        'WITHDRAWN'
                    )
                ),
                CONSTRAINT "attestation_status" CHECK (
                    "status" IN (
                        'PENDING_COSIGN',
                        'SUBMITTED',
                        'IN_REVIEW',
                        'ACCEPTED',
                        'REJECTED',
                        'DISPUTED',
                        'WITHDRAWN'
                    )
                ),
                CONSTRAINT "attestation_kind" CHECK (
                    "kind" IN (
                        'FINE_TUNING',
                        'SAFETY_EVALUATION',
                        'RED_TEAMING',
                        'DATA_CURATION',
                        'APPLICATION',
                        'RESEARCH',
                        'INFRASTRUCTURE'
                    )
                ),
                CONSTRAINT "attestation_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "attestation_model_idx" ON "attestation" ("dao_id", "model_name", "model_version")
        `);
    await queryRunner.query(`
            CREATE INDEX "attestation_contributor_idx" ON "attestation" ("contributor", "dao_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "attestation_dao_status_idx" ON "attestation" ("dao_id", "status")
        `);
    await queryRunner.query(`
            CREATE INDEX "attestation_dao_created_idx" ON "attestation" ("dao_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "attestation_credit" (
                "attestation_id" uuid NOT NULL,
                "contributor" character(42) NOT NULL,
                "bps" integer NOT NULL,
                "cosigned_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "attestation_credit_bps" CHECK (
                    "bps" BETWEEN 1 AND 10000
                ),
                CONSTRAINT "attestation_credit_pkey" PRIMARY KEY ("attestation_id", "contributor")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "attestation_credit_contributor_idx" ON "attestation_credit" ("contributor")
        `);
    await queryRunner.query(`
            CREATE TABLE "attestation_evidence_key" (
                "dao_id" uuid NOT NULL,
                "contributor" character(42) NOT NULL,
                "round_key" text NOT NULL,
                "sha256" character(66) NOT NULL,
                "attestation_id" uuid NOT NULL,
                CONSTRAINT "attestation_evidence_key_pkey" PRIMARY KEY ("dao_id", "contributor", "round_key", "sha256")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "contributor_profile" (
                "dao_id" uuid NOT NULL,
                "address" character(42) NOT NULL,
                "handle" text NOT NULL,
                "handle_key" text NOT NULL,
                "kinds" text array NOT NULL,
                "links" text array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "contributor_profile_handle" CHECK ("handle" ~ '^[A-Za-z0-9_-]{3,32}$'),
                CONSTRAINT "contributor_profile_pkey" PRIMARY KEY ("dao_id", "address")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "contributor_profile_dao_handle_key" ON "contributor_profile" ("dao_id", "handle_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "dispute" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "disputer" character(42) NOT NULL,
                "target_kind" text NOT NULL,
                "attestation_id" uuid NOT NULL,
                "review_id" uuid,
                "target_key" text NOT NULL,
                "reason" text NOT NULL,
                "evidence" text array NOT NULL,
                "status" text NOT NULL DEFAULT 'OPEN',
                "resolution" text,
                "resolved_by" character(42),
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "dispute_status" CHECK ("status" IN ('OPEN', 'UPHELD', 'DISMISSED')),
                CONSTRAINT "dispute_target_kind" CHECK ("target_kind" IN ('ATTESTATION', 'REVIEW')),
                CONSTRAINT "dispute_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "dispute_one_open_per_target" ON "dispute" ("disputer", "attestation_id", "target_key")
            WHERE "status" = 'OPEN'
        `);
    await queryRunner.query(`
            CREATE INDEX "dispute_attestation_idx" ON "dispute" ("attestation_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "dao_reviewer" (
                "dao_id" uuid NOT NULL,
                "address" character(42) NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "dao_reviewer_pkey" PRIMARY KEY ("dao_id", "address")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "review_policy" (
                "dao_id" uuid NOT NULL,
                "cosign_window" integer NOT NULL,
                "review_period" integer NOT NULL,
                "min_reviews" integer NOT NULL,
                "acceptance_score" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "review_policy_acceptance_score" CHECK (
                    "acceptance_score" BETWEEN 0 AND 100
                ),
                CONSTRAINT "review_policy_min_reviews" CHECK (
                    "min_reviews" BETWEEN 1 AND 1000
                ),
                CONSTRAINT "review_policy_review_period" CHECK ("review_period" > 0),
                CONSTRAINT "review_policy_cosign_window" CHECK ("cosign_window" > 0),
                CONSTRAINT "review_policy_pkey" PRIMARY KEY ("dao_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "review" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "attestation_id" uuid NOT NULL,
                "reviewer" character(42) NOT NULL,
                "score" integer NOT NULL,
                "comment" text NOT NULL,
                "stake" numeric(78, 0) NOT NULL,
                "voided" boolean NOT NULL DEFAULT false,
                "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "review_attestation_reviewer_key" UNIQUE ("attestation_id", "reviewer"),
                CONSTRAINT "review_stake" CHECK ("stake" > 0),
                CONSTRAINT "review_score" CHECK (
                    "score" BETWEEN 0 AND 100
                ),
                CONSTRAINT "review_pkey" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "review_reviewer_idx" ON "review" ("reviewer", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation"
            ADD CONSTRAINT "attestation_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation_credit"
            ADD CONSTRAINT "attestation_credit_attestation_id_fkey" FOREIGN KEY ("attestation_id") REFERENCES "attestation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation_evidence_key"
            ADD CONSTRAINT "attestation_evidence_key_attestation_id_fkey" FOREIGN KEY ("attestation_id") REFERENCES "attestation"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "contributor_profile"
            ADD CONSTRAINT "contributor_profile_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispute"
            ADD CONSTRAINT "dispute_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispute"
            ADD CONSTRAINT "dispute_attestation_id_fkey" FOREIGN KEY ("attestation_id") REFERENCES "attestation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dispute"
            ADD CONSTRAINT "dispute_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "review"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "dao_reviewer"
            ADD CONSTRAINT "dao_reviewer_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review_policy"
            ADD CONSTRAINT "review_policy_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "review"
            ADD CONSTRAINT "review_attestation_id_fkey" FOREIGN KEY ("attestation_id") REFERENCES "attestation"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "review" DROP CONSTRAINT "review_attestation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "review_policy" DROP CONSTRAINT "review_policy_dao_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "dao_reviewer" DROP CONSTRAINT "dao_reviewer_dao_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispute" DROP CONSTRAINT "dispute_review_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispute" DROP CONSTRAINT "dispute_attestation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "dispute" DROP CONSTRAINT "dispute_dao_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "contributor_profile" DROP CONSTRAINT "contributor_profile_dao_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation_evidence_key" DROP CONSTRAINT "attestation_evidence_key_attestation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation_credit" DROP CONSTRAINT "attestation_credit_attestation_id_fkey"
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation" DROP CONSTRAINT "attestation_dao_id_fkey"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."review_reviewer_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "review"
        `);
    await queryRunner.query(`
            DROP TABLE "review_policy"
        `);
    await queryRunner.query(`
            DROP TABLE "dao_reviewer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dispute_attestation_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."dispute_one_open_per_target"
        `);
    await queryRunner.query(`
            DROP TABLE "dispute"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."contributor_profile_dao_handle_key"
        `);
    await queryRunner.query(`
            DROP TABLE "contributor_profile"
        `);
    await queryRunner.query(`
            DROP TABLE "attestation_evidence_key"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."attestation_credit_contributor_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "attestation_credit"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."attestation_dao_created_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."attestation_dao_status_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."attestation_contributor_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."attestation_model_idx"
        `);
    await queryRunner.query(`
            DROP TABLE "attestation"
        `);
  }
}
