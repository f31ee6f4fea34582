import { MigrationInterface, QueryRunner } from 'typeorm';

/** The advisory-lock class of case changes in flight (libs/board/src/board.service.ts reads it). */
const BOARD_LOCK_CLASS = 7301;

export class AddBoardChangeSequence1795234339204 implements MigrationInterface {
  name = 'AddBoardChangeSequence1795234339204';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "case_change_seq"`);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "change_seq" bigint NOT NULL DEFAULT nextval('case_change_seq')
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_CHANGE_SEQ" ON "cases" ("change_seq")
        `);
    // Every change to a case moves it to the end of the board's change log.
    await queryRunner.query(`
            CREATE FUNCTION "citygrid_case_change_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                NEW.change_seq := nextval('case_change_seq');
                -- Until this transaction ends, its number shows in pg_locks: a board cursor stays below it.
                PERFORM pg_advisory_xact_lock_shared(${BOARD_LOCK_CLASS}, (NEW.change_seq % 2147483647)::int);
                RETURN NEW;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "TRG_CASES_CHANGE_SEQ" BEFORE INSERT OR UPDATE ON "cases"
            FOR EACH ROW EXECUTE FUNCTION "citygrid_case_change_seq"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "TRG_CASES_CHANGE_SEQ" ON "cases"`);
    await queryRunner.query(`DROP FUNCTION "citygrid_case_change_seq"()`);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_CHANGE_SEQ"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "change_seq"
        `);
    await queryRunner.query(`DROP SEQUENCE "case_change_seq"`);
  }
}
