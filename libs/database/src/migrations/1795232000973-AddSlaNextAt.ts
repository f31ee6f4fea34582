import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddSlaNextAt1795232000973 implements MigrationInterface {
  name = 'AddSlaNextAt1795232000973';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD "sla_next_at" TIMESTAMP WITH TIME ZONE
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_SLA_NEXT" ON "cases" ("sla_next_at")
            WHERE sla_next_at IS NOT NULL
        `);
    // Open steps of existing cases: their next threshold is the 80 % instant, or the deadline past it.
    await queryRunner.query(`
            UPDATE "cases" SET "sla_next_at" = CASE WHEN "sla_stage" < 80 THEN "step_warn_at" ELSE "step_deadline" END
            WHERE "step_deadline" IS NOT NULL AND "sla_stage" < 100
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_SLA_NEXT"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP COLUMN "sla_next_at"
        `);
  }
}
