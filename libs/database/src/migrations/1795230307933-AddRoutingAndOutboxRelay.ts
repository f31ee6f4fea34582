import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddRoutingAndOutboxRelay1795230307933 implements MigrationInterface {
  name = 'AddRoutingAndOutboxRelay1795230307933';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "routed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "routed_department_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "sla_stage" smallint NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD "priority" integer
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD "run_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages"
            ADD "replace" boolean NOT NULL DEFAULT false
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_UNROUTED" ON "cases" ("created_at")
            WHERE routed_at IS NULL
        `);
    // Wakes the outbox relay the moment an outbox row commits (NOTIFY is delivered at commit).
    await queryRunner.query(`
            CREATE FUNCTION "citygrid_outbox_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('citygrid_outbox', '');
                RETURN NULL;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_OUTBOX_MESSAGES_NOTIFY" AFTER INSERT ON "outbox_messages"
            FOR EACH STATEMENT EXECUTE FUNCTION "citygrid_outbox_notify"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_OUTBOX_MESSAGES_NOTIFY" ON "outbox_messages"`);
    await queryRunner.query(`DROP FUNCTION "citygrid_outbox_notify"()`);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_UNROUTED"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP COLUMN "replace"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP COLUMN "run_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "outbox_messages" DROP COLUMN "priority"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "sla_stage"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "routed_department_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "routed_at"
        `);
  }
}
