import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attestations and reviews are created at millisecond precision, as a JS Date holds it, so their
 * pages are keyed on created_at itself and read through the (dao_id, created_at, id) index instead
 * of sorting every row of the DAO.
 */
export class MillisecondCreatedAt1795994530324 implements MigrationInterface {
  name = 'MillisecondCreatedAt1795994530324';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."attestation_dao_created_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
    await queryRunner.query(`
            DROP INDEX "public"."review_reviewer_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "review"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(3) WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "attestation_dao_created_idx" ON "attestation" ("dao_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE INDEX "review_reviewer_idx" ON "review" ("reviewer", "created_at")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."review_reviewer_idx"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."attestation_dao_created_idx"
        `);
    await queryRunner.query(`
            ALTER TABLE "review"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "review_reviewer_idx" ON "review" USING btree ("reviewer", "created_at")
        `);
    await queryRunner.query(`
            ALTER TABLE "attestation"
            ALTER COLUMN "created_at" TYPE TIMESTAMP(6) WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "attestation_dao_created_idx" ON "attestation" USING btree ("id", "dao_id", "created_at")
        `);
  }
}
