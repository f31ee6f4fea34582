import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCaseClocksAndActivityDetails1795228668970 implements MigrationInterface {
  name = 'AddCaseClocksAndActivityDetails1795228668970';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "community_code" character varying(12)
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "handle_limit" jsonb NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "step_started_at" TIMESTAMP WITH TIME ZONE NOT NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "step_warn_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "step_deadline" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "handle_started_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "handle_extensions" jsonb NOT NULL DEFAULT '[]'
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "requested_extension" jsonb
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "suspended_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            ALTER TABLE "case_activities"
            ADD "department_id" uuid
        `);
    await queryRunner.query(`
            ALTER TABLE "case_activities"
            ADD "details" jsonb
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_STEP_DEADLINE" ON "cases" ("step_deadline")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_STEP_DEADLINE"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_activities" DROP COLUMN "details"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_activities" DROP COLUMN "department_id"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "suspended_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "requested_extension"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "handle_extensions"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "handle_started_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "step_deadline"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "step_warn_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "step_started_at"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "handle_limit"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "community_code"
        `);
  }
}
