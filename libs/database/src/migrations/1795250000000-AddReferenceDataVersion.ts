import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reference data that processes keep in memory: a change to any of these tables moves the version. */
const REFERENCE_TABLES = [
  'routing_rules',
  'step_limits',
  'catalogue_versions',
  'calendar_settings',
  'calendar_days',
  'calendar_overrides',
  'calendar_years',
];

/**
 * reference_data_version counts changes to the read-mostly reference data (routing rules, step limits, which
 * catalogue version is current, the calendar). A statement trigger bumps it inside the writing transaction, so
 * the new number becomes visible exactly when the change does: a process that reads the number in the same
 * statement as the case it works on knows whether its in-memory copy is current, whichever process made the
 * change. A row, not a sequence: nextval would show the new number before the change commits.
 */
export class AddReferenceDataVersion1795250000000 implements MigrationInterface {
  name = 'AddReferenceDataVersion1795250000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "reference_data_version" (
                "id" integer PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
                "version" bigint NOT NULL
            )
        `);
    await queryRunner.query(`INSERT INTO "reference_data_version" ("version") VALUES (1)`);
    await queryRunner.query(`
            CREATE FUNCTION "bump_reference_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "reference_data_version" SET "version" = "version" + 1;
                RETURN NULL;
            END $$
        `);
    for (const table of REFERENCE_TABLES) {
      await queryRunner.query(`
            CREATE TRIGGER "${table}_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
            FOR EACH STATEMENT EXECUTE FUNCTION "bump_reference_data_version"()
        `);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of REFERENCE_TABLES) {
      await queryRunner.query(`DROP TRIGGER "${table}_changed" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "bump_reference_data_version"()`);
    await queryRunner.query(`DROP TABLE "reference_data_version"`);
  }
}
