import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Token prices a DAO recorded (USD per whole token, exact, as of a date): what statements value lines at. */
export class TokenPrices1797100000000 implements MigrationInterface {
  name = 'TokenPrices1797100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "token_price" ("dao_id" uuid NOT NULL, "token" character(42) NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "usd_per_token" numeric NOT NULL, "recorded_by" character(42) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "token_price_usd_per_token" CHECK ("usd_per_token" >= 0), CONSTRAINT "token_price_pkey" PRIMARY KEY ("dao_id", "token", "as_of"))
        `);
    await queryRunner.query(`
            ALTER TABLE "token_price"
            ADD CONSTRAINT "token_price_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "token_price" DROP CONSTRAINT "token_price_dao_id_fkey"`);
    await queryRunner.query(`DROP TABLE "token_price"`);
  }
}
