import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reward round's attestations newest first: the listing `attestations(dao, round, first, after)`
 * and the round's phase changes (its attestations going IN_REVIEW, withdrawn, decided) read
 * through (round_id, dao_id, created_at, id) instead of every attestation of the DAO. The listing's
 * two equalities and its order are all in this one index, so the planner walks it backwards and
 * stops after a page even without statistics (autovacuum off, a table never analyzed), where with
 * (round_id, created_at, id) it chose a bitmap AND with the DAO's index and sorted the whole round.
 */
export class AttestationRoundIndex1796010246207 implements MigrationInterface {
  name = 'AttestationRoundIndex1796010246207';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "attestation_round_created_idx" ON "attestation" ("round_id", "dao_id", "created_at", "id")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."attestation_round_created_idx"
        `);
  }
}
