import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The token log indexer also records each governance token's delegates (from DelegateVotesChanged),
 * whose voting power is read ahead for a proposal. Its cursors are reset: the next pass reads the
 * log again from each token's deployment block, finding the delegates of the blocks already passed
 * (holders already recorded are kept; the indexer skips addresses it has).
 */
export class TokenDelegates1796027789645 implements MigrationInterface {
  name = 'TokenDelegates1796027789645';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "token_delegate" (
                "token" character(42) NOT NULL,
                "address" character(42) NOT NULL,
                "first_block" bigint NOT NULL,
                CONSTRAINT "token_delegate_pkey" PRIMARY KEY ("token", "address")
            )
        `);
    await queryRunner.query(`
            DELETE FROM "token_index_cursor"
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "token_delegate"
        `);
  }
}
