import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Governance: each DAO's voting rules and admins, proposals (rules frozen at creation, tally kept
 * with every vote), votes; and the result of each signed write beside its envelope, so the same
 * envelope submitted twice returns the first result.
 */
export class GovernanceProposalsAndVotes1795550000000 implements MigrationInterface {
  name = 'GovernanceProposalsAndVotes1795550000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "signed_message" ADD "result" jsonb`);

    await queryRunner.query(`
      ALTER TABLE "dao"
        ADD "voting_delay" integer NOT NULL DEFAULT 0,
        ADD "voting_period" integer NOT NULL DEFAULT 259200,
        ADD "proposal_threshold" numeric(78,0) NOT NULL DEFAULT 0,
        ADD "quorum_kind" text NOT NULL DEFAULT 'ABSOLUTE',
        ADD "quorum" numeric(78,0) NOT NULL DEFAULT 0,
        ADD "supermajority_bps" integer NOT NULL DEFAULT 0,
        ADD "vote_types" text array NOT NULL DEFAULT '{basic,single-choice,approval,weighted,quadratic,ranked-choice}',
        ADD "allow_vote_change" boolean NOT NULL DEFAULT true,
        ADD CONSTRAINT "dao_voting_delay_range" CHECK ("voting_delay" >= 0),
        ADD CONSTRAINT "dao_voting_period_range" CHECK ("voting_period" > 0),
        ADD CONSTRAINT "dao_quorum_kind" CHECK ("quorum_kind" IN ('ABSOLUTE', 'SUPPLY_BPS')),
        ADD CONSTRAINT "dao_supermajority_bps_range" CHECK ("supermajority_bps" BETWEEN 0 AND 10000)
    `);

    await queryRunner.query(`
      CREATE TABLE "dao_admin" (
        "dao_id" uuid NOT NULL,
        "address" character(42) NOT NULL,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "dao_admin_pkey" PRIMARY KEY ("dao_id", "address"),
        CONSTRAINT "dao_admin_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao" ("id") ON DELETE CASCADE ON UPDATE NO ACTION
      )
    `);

    await queryRunner.query(`
      CREATE TABLE "proposal" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "dao_id" uuid NOT NULL,
        "author" character(42) NOT NULL,
        "title" text NOT NULL,
        "body" text NOT NULL,
        "discussion" text NOT NULL,
        "vote_type" text NOT NULL,
        "choices" text array NOT NULL,
        "actions" jsonb NOT NULL,
        "snapshot_block" bigint NOT NULL,
        "start_at" timestamp with time zone NOT NULL,
        "end_at" timestamp with time zone NOT NULL,
        "quorum" numeric(78,0) NOT NULL,
        "supermajority_bps" integer NOT NULL,
        "allow_vote_change" boolean NOT NULL,
        "state" text NOT NULL,
        "tally" jsonb NOT NULL,
        "vote_count" integer NOT NULL DEFAULT 0,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "proposal_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "proposal_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "proposal_state" CHECK ("state" IN ('PENDING', 'ACTIVE', 'SUCCEEDED', 'DEFEATED', 'QUEUED', 'EXECUTED', 'FAILED', 'EXPIRED', 'CANCELED')),
        CONSTRAINT "proposal_period" CHECK ("end_at" > "start_at")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "proposal_dao_id_idx" ON "proposal" ("dao_id", "created_at", "id")`,
    );
    await queryRunner.query(`CREATE INDEX "proposal_state_idx" ON "proposal" ("state", "end_at")`);
    await queryRunner.query(`CREATE INDEX "proposal_author_idx" ON "proposal" ("author")`);

    await queryRunner.query(`
      CREATE TABLE "vote" (
        "proposal_id" uuid NOT NULL,
        "voter" character(42) NOT NULL,
        "choice" jsonb NOT NULL,
        "vp" numeric(78,0) NOT NULL,
        "reason" text NOT NULL,
        "signed_at" timestamp with time zone NOT NULL,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "vote_pkey" PRIMARY KEY ("proposal_id", "voter"),
        CONSTRAINT "vote_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "vote_vp_positive" CHECK ("vp" > 0)
      )
    `);
    await queryRunner.query(`CREATE INDEX "vote_proposal_vp_idx" ON "vote" ("proposal_id", "vp")`);
    await queryRunner.query(
      `CREATE INDEX "vote_proposal_created_idx" ON "vote" ("proposal_id", "created_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "vote"`);
    await queryRunner.query(`DROP TABLE "proposal"`);
    await queryRunner.query(`DROP TABLE "dao_admin"`);
    await queryRunner.query(`
      ALTER TABLE "dao"
        DROP CONSTRAINT "dao_voting_delay_range", DROP CONSTRAINT "dao_voting_period_range",
        DROP CONSTRAINT "dao_quorum_kind", DROP CONSTRAINT "dao_supermajority_bps_range",
        DROP "voting_delay", DROP "voting_period", DROP "proposal_threshold", DROP "quorum_kind",
        DROP "quorum", DROP "supermajority_bps", DROP "vote_types", DROP "allow_vote_change"
    `);
    await queryRunner.query(`ALTER TABLE "signed_message" DROP "result"`);
  }
}
