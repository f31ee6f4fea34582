import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * users.password_changed_at ends the sessions opened before a new password. unit_grid_version counts changes to
 * unit_grids, bumped by a statement trigger inside the writing transaction, so every process can tell from
 * PostgreSQL alone whether its locate index is current (Redis only nudges).
 */
export class TrackPasswordChangesAndGridVersion1795224573111 implements MigrationInterface {
  name = 'TrackPasswordChangesAndGridVersion1795224573111';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD "password_changed_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE TABLE "unit_grid_version" (
                "id" integer PRIMARY KEY DEFAULT 1 CHECK ("id" = 1),
                "version" bigint NOT NULL
            )
        `);
    await queryRunner.query(`INSERT INTO "unit_grid_version" ("version") VALUES (1)`);
    await queryRunner.query(`
            CREATE FUNCTION "bump_unit_grid_version"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE "unit_grid_version" SET "version" = "version" + 1;
                RETURN NULL;
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "unit_grids_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "unit_grids"
            FOR EACH STATEMENT EXECUTE FUNCTION "bump_unit_grid_version"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "unit_grids_changed" ON "unit_grids"`);
    await queryRunner.query(`DROP FUNCTION "bump_unit_grid_version"()`);
    await queryRunner.query(`DROP TABLE "unit_grid_version"`);
    await queryRunner.query(`
            ALTER TABLE "users" DROP COLUMN "password_changed_at"
        `);
  }
}
