import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The first tables: `dao`, and `signed_message`, the append-only audit log of signed writes. */
export class CreateDaoAndSignedMessage1795545724568 implements MigrationInterface {
  name = 'CreateDaoAndSignedMessage1795545724568';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "dao" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "slug" text NOT NULL,
        "name" text NOT NULL,
        "chain_id" integer NOT NULL,
        "governance_token" character(42) NOT NULL,
        "safe_address" character(42) NOT NULL,
        "created_at" timestamp with time zone NOT NULL DEFAULT now(),
        "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "dao_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "dao_slug_key" UNIQUE ("slug"),
        CONSTRAINT "dao_slug_format" CHECK ("slug" ~ '^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$'),
        CONSTRAINT "dao_governance_token_format" CHECK ("governance_token" ~ '^0x[0-9a-fA-F]{40}$'),
        CONSTRAINT "dao_safe_address_format" CHECK ("safe_address" ~ '^0x[0-9a-fA-F]{40}$')
      )
    `);

    await queryRunner.query(`
      CREATE TABLE "signed_message" (
        "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
        "dao_id" uuid,
        "chain_id" integer NOT NULL,
        "signer" character(42) NOT NULL,
        "primary_type" text NOT NULL,
        "typed_data_hash" character(66) NOT NULL,
        "typed_data" jsonb NOT NULL,
        "signature" text NOT NULL,
        "received_at" timestamp with time zone NOT NULL DEFAULT now(),
        CONSTRAINT "signed_message_pkey" PRIMARY KEY ("id"),
        CONSTRAINT "signed_message_typed_data_hash_key" UNIQUE ("typed_data_hash"),
        CONSTRAINT "signed_message_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
        CONSTRAINT "signed_message_signer_format" CHECK ("signer" ~ '^0x[0-9a-fA-F]{40}$'),
        CONSTRAINT "signed_message_typed_data_hash_format" CHECK ("typed_data_hash" ~ '^0x[0-9a-f]{64}$'),
        CONSTRAINT "signed_message_signature_format" CHECK ("signature" ~ '^0x([0-9a-f]{2})+$')
      )
    `);
    await queryRunner.query(`CREATE INDEX "signed_message_dao_id_idx" ON "signed_message" ("dao_id")`);
    await queryRunner.query(`CREATE INDEX "signed_message_signer_idx" ON "signed_message" ("signer")`);

    // Append-only, enforced by the database for every client, not only by this code.
    await queryRunner.query(`
      CREATE FUNCTION "signed_message_reject_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'signed_message is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'restrict_violation';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER "signed_message_append_only"
      BEFORE UPDATE OR DELETE OR TRUNCATE ON "signed_message"
      FOR EACH STATEMENT EXECUTE FUNCTION "signed_message_reject_change"()
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "signed_message"`);
    await queryRunner.query(`DROP FUNCTION "signed_message_reject_change"()`);
    await queryRunner.query(`DROP TABLE "dao"`);
  }
}
