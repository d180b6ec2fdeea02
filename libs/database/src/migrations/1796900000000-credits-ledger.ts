import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The credits ledger (docs/credits.md): credit types and accounts per DAO, a journal of transfers
 * and their postings, kept balanced and append-only by the database itself, the balance of each
 * account and credit type maintained by a trigger, grants (lots with an expiry) with what consumed
 * them, and holds with the grant lots they reserve.
 *
 * - `credit_transfer_balanced`: at commit (deferred), every transfer written has at least two
 *   postings and its postings sum to zero per credit type.
 * - `credit_posting_same_transaction`: a posting joins only a transfer written by its own
 *   transaction (`created_at` is the transaction's `now()`), so history never gains a posting.
 * - `credit_append_only`: transfers, postings, grant uses and hold lots refuse UPDATE, DELETE and
 *   TRUNCATE; a mistake is fixed by a reversing transfer.
 * - `credit_posting_balance`: each posting adds its amount to its account's balance row, in the
 *   same transaction; the row's CHECK refuses a balance below what is held (but on the issuance
 *   account, which goes negative by what the DAO issued).
 */
export class CreditsLedger1796900000000 implements MigrationInterface {
  name = 'CreditsLedger1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "credit_type" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "code" text NOT NULL,
                "name" text NOT NULL,
                "unit" text NOT NULL,
                "scale" integer NOT NULL,
                "created_at" timestamp with time zone NOT NULL DEFAULT now(),
                CONSTRAINT "credit_type_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "credit_type_dao_code_key" UNIQUE ("dao_id", "code"),
                CONSTRAINT "credit_type_code_format" CHECK ("code" ~ '^[A-Z][A-Z0-9_]{0,31}$'),
                CONSTRAINT "credit_type_scale_range" CHECK ("scale" BETWEEN 0 AND 18)
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_account" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "owner" text NOT NULL,
                "created_at" timestamp with time zone NOT NULL DEFAULT now(),
                CONSTRAINT "credit_account_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "credit_account_dao_kind_owner_key" UNIQUE ("dao_id", "kind", "owner"),
                CONSTRAINT "credit_account_kind" CHECK ("kind" IN ('CONTRIBUTOR', 'ISSUANCE', 'SPEND', 'EXPIRY'))
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_transfer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "client_key" text NOT NULL,
                "body_hash" character(66) NOT NULL,
                "reference" text,
                "created_at" timestamp with time zone NOT NULL DEFAULT now(),
                CONSTRAINT "credit_transfer_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "credit_transfer_dao_client_key_key" UNIQUE ("dao_id", "client_key"),
                CONSTRAINT "credit_transfer_kind" CHECK ("kind" IN ('GRANT', 'SPEND', 'CAPTURE', 'EXPIRY'))
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_transfer_dao_created_idx" ON "credit_transfer" ("dao_id", "created_at", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_posting" (
                "transfer_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "credit_type_id" uuid NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                CONSTRAINT "credit_posting_pkey" PRIMARY KEY ("transfer_id", "account_id", "credit_type_id"),
                CONSTRAINT "credit_posting_nonzero" CHECK ("amount" <> 0)
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_posting_account_idx" ON "credit_posting" ("account_id", "credit_type_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_balance" (
                "account_id" uuid NOT NULL,
                "credit_type_id" uuid NOT NULL,
                "balance" numeric(78, 0) NOT NULL DEFAULT 0,
                "held" numeric(78, 0) NOT NULL DEFAULT 0,
                "overdraft" boolean NOT NULL DEFAULT false,
                CONSTRAINT "credit_balance_pkey" PRIMARY KEY ("account_id", "credit_type_id"),
                CONSTRAINT "credit_balance_held" CHECK ("held" >= 0),
                CONSTRAINT "credit_balance_covered" CHECK ("overdraft" OR "balance" >= "held")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_grant" (
                "transfer_id" uuid NOT NULL,
                "account_id" uuid NOT NULL,
                "credit_type_id" uuid NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                "remaining" numeric(78, 0) NOT NULL,
                "effective_at" timestamp with time zone NOT NULL,
                "expires_at" timestamp with time zone,
                CONSTRAINT "credit_grant_pkey" PRIMARY KEY ("transfer_id"),
                CONSTRAINT "credit_grant_amount" CHECK ("amount" > 0),
                CONSTRAINT "credit_grant_remaining" CHECK ("remaining" BETWEEN 0 AND "amount"),
                CONSTRAINT "credit_grant_window" CHECK ("expires_at" IS NULL OR "expires_at" > "effective_at")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_grant_account_idx" ON "credit_grant" ("account_id", "credit_type_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_grant_expires_idx" ON "credit_grant" ("expires_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_grant_use" (
                "transfer_id" uuid NOT NULL,
                "grant_id" uuid NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                CONSTRAINT "credit_grant_use_pkey" PRIMARY KEY ("transfer_id", "grant_id"),
                CONSTRAINT "credit_grant_use_amount" CHECK ("amount" > 0)
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_grant_use_grant_idx" ON "credit_grant_use" ("grant_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_hold" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "dao_id" uuid NOT NULL,
                "client_key" text NOT NULL,
                "body_hash" character(66) NOT NULL,
                "account_id" uuid NOT NULL,
                "spend_account_id" uuid NOT NULL,
                "credit_type_id" uuid NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                "status" text NOT NULL DEFAULT 'ACTIVE',
                "captured" numeric(78, 0),
                "capture_transfer_id" uuid,
                "reference" text,
                "expires_at" timestamp with time zone NOT NULL,
                "created_at" timestamp with time zone NOT NULL DEFAULT now(),
                "closed_at" timestamp with time zone,
                CONSTRAINT "credit_hold_pkey" PRIMARY KEY ("id"),
                CONSTRAINT "credit_hold_dao_client_key_key" UNIQUE ("dao_id", "client_key"),
                CONSTRAINT "credit_hold_amount" CHECK ("amount" > 0),
                CONSTRAINT "credit_hold_status" CHECK ("status" IN ('ACTIVE', 'CAPTURED', 'VOIDED', 'EXPIRED')),
                CONSTRAINT "credit_hold_captured" CHECK ("captured" IS NULL OR "captured" BETWEEN 1 AND "amount")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_hold_status_expires_idx" ON "credit_hold" ("status", "expires_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "credit_hold_account_idx" ON "credit_hold" ("account_id", "credit_type_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "credit_hold_lot" (
                "hold_id" uuid NOT NULL,
                "grant_id" uuid NOT NULL,
                "amount" numeric(78, 0) NOT NULL,
                CONSTRAINT "credit_hold_lot_pkey" PRIMARY KEY ("hold_id", "grant_id"),
                CONSTRAINT "credit_hold_lot_amount" CHECK ("amount" > 0)
            )
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_type"
            ADD CONSTRAINT "credit_type_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_account"
            ADD CONSTRAINT "credit_account_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_transfer"
            ADD CONSTRAINT "credit_transfer_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_posting"
            ADD CONSTRAINT "credit_posting_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "credit_transfer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_posting_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "credit_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_posting_credit_type_id_fkey" FOREIGN KEY ("credit_type_id") REFERENCES "credit_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_balance"
            ADD CONSTRAINT "credit_balance_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "credit_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_balance_credit_type_id_fkey" FOREIGN KEY ("credit_type_id") REFERENCES "credit_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_grant"
            ADD CONSTRAINT "credit_grant_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "credit_transfer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_grant_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "credit_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_grant_credit_type_id_fkey" FOREIGN KEY ("credit_type_id") REFERENCES "credit_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_grant_use"
            ADD CONSTRAINT "credit_grant_use_transfer_id_fkey" FOREIGN KEY ("transfer_id") REFERENCES "credit_transfer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_grant_use_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "credit_grant"("transfer_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_hold"
            ADD CONSTRAINT "credit_hold_dao_id_fkey" FOREIGN KEY ("dao_id") REFERENCES "dao"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_hold_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "credit_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_hold_spend_account_id_fkey" FOREIGN KEY ("spend_account_id") REFERENCES "credit_account"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_hold_credit_type_id_fkey" FOREIGN KEY ("credit_type_id") REFERENCES "credit_type"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_hold_capture_transfer_id_fkey" FOREIGN KEY ("capture_transfer_id") REFERENCES "credit_transfer"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "credit_hold_lot"
            ADD CONSTRAINT "credit_hold_lot_hold_id_fkey" FOREIGN KEY ("hold_id") REFERENCES "credit_hold"("id") ON DELETE RESTRICT ON UPDATE NO ACTION,
            ADD CONSTRAINT "credit_hold_lot_grant_id_fkey" FOREIGN KEY ("grant_id") REFERENCES "credit_grant"("transfer_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            CREATE FUNCTION "credit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the credits ledger is append-only: % on % refused (write a reversing transfer)', TG_OP, TG_TABLE_NAME
                    USING ERRCODE = 'integrity_constraint_violation';
            END
            $$
        `);
    for (const table of ['credit_transfer', 'credit_posting', 'credit_grant_use', 'credit_hold_lot']) {
      await queryRunner.query(`
            CREATE TRIGGER "${table}_append_only" BEFORE UPDATE OR DELETE ON "${table}"
            FOR EACH ROW EXECUTE FUNCTION "credit_append_only"()
        `);
      await queryRunner.query(`
            CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}"
            FOR EACH STATEMENT EXECUTE FUNCTION "credit_append_only"()
        `);
    }
    await queryRunner.query(`
            CREATE FUNCTION "credit_transfer_balanced"() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                postings integer;
                unbalanced uuid;
            BEGIN
                SELECT count(*) INTO postings FROM "credit_posting" WHERE "transfer_id" = NEW."id";
                IF postings < 2 THEN
                    RAISE EXCEPTION 'credit transfer % has % posting(s): a transfer moves credits between at least two accounts', NEW."id", postings
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_transfer_balanced';
                END IF;
                SELECT "credit_type_id" INTO unbalanced FROM "credit_posting" WHERE "transfer_id" = NEW."id"
                 GROUP BY "credit_type_id" HAVING sum("amount") <> 0 LIMIT 1;
                IF FOUND THEN
                    RAISE EXCEPTION 'credit transfer % does not balance in credit type %', NEW."id", unbalanced
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'credit_transfer_balanced';
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE CONSTRAINT TRIGGER "credit_transfer_balanced" AFTER INSERT ON "credit_transfer"
            DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION "credit_transfer_balanced"()
        `);
    await queryRunner.query(`
            CREATE FUNCTION "credit_posting_same_transaction"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM "credit_transfer" WHERE "id" = NEW."transfer_id" AND "created_at" = now()) THEN
                    RAISE EXCEPTION 'a posting joins only a transfer written in its own transaction (transfer %)', NEW."transfer_id"
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "credit_posting_same_transaction" BEFORE INSERT ON "credit_posting"
            FOR EACH ROW EXECUTE FUNCTION "credit_posting_same_transaction"()
        `);
    await queryRunner.query(`
            CREATE FUNCTION "credit_posting_balance"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "credit_balance" SET "balance" = "balance" + NEW."amount"
                 WHERE "account_id" = NEW."account_id" AND "credit_type_id" = NEW."credit_type_id";
                IF NOT FOUND THEN
                    -- The account's first posting in this type (a concurrent first one may win the insert).
                    INSERT INTO "credit_balance" ("account_id", "credit_type_id", "balance", "overdraft")
                    SELECT NEW."account_id", NEW."credit_type_id", NEW."amount", a."kind" = 'ISSUANCE'
                      FROM "credit_account" a WHERE a."id" = NEW."account_id"
                    ON CONFLICT ("account_id", "credit_type_id")
                    DO UPDATE SET "balance" = "credit_balance"."balance" + EXCLUDED."balance";
                END IF;
                RETURN NULL;
            END
            $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "credit_posting_balance" AFTER INSERT ON "credit_posting"
            FOR EACH ROW EXECUTE FUNCTION "credit_posting_balance"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'credit_hold_lot',
      'credit_hold',
      'credit_grant_use',
      'credit_grant',
      'credit_balance',
      'credit_posting',
      'credit_transfer',
      'credit_account',
      'credit_type',
    ]) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    for (const fn of [
      'credit_posting_balance',
      'credit_posting_same_transaction',
      'credit_transfer_balanced',
      'credit_append_only',
    ]) {
      await queryRunner.query(`DROP FUNCTION "${fn}"()`);
    }
  }
}
