import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCatalogueCalendarRouting1795226032587 implements MigrationInterface {
  name = 'CreateCatalogueCalendarRouting1795226032587';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "calendar_days" (
                "date" date NOT NULL,
                "kind" text NOT NULL,
                "note" text NOT NULL,
                CONSTRAINT "PK_1c04d56e8833eb6827f104f17e0" PRIMARY KEY ("date")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_overrides" (
                "date" date NOT NULL,
                "kind" text NOT NULL,
                "note" text NOT NULL,
                "updated_by" uuid,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5da0adcfdcb3ce929cd0845d9a4" PRIMARY KEY ("date")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_years" (
                "year" integer NOT NULL,
                "source" text NOT NULL,
                CONSTRAINT "PK_1fed249d26e56ff06bb6dffd8d6" PRIMARY KEY ("year")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "calendar_settings" (
                "id" integer NOT NULL DEFAULT '1',
                "periods" jsonb NOT NULL,
                "plain_units" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5276e0ff0747427b978b6aea654" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "step_limits" (
                "step" text NOT NULL,
                "amount" double precision NOT NULL,
                "unit" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_64dfbf1a1a477904d650457072c" PRIMARY KEY ("step")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "catalogue_versions" (
                "id" integer GENERATED ALWAYS AS IDENTITY NOT NULL,
                "label" text NOT NULL,
                "note" text,
                "based_on" integer,
                "current" boolean NOT NULL DEFAULT false,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_724909b2a4de0e371f99a04cc96" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_CATALOGUE_VERSIONS_CURRENT" ON "catalogue_versions" ("current")
            WHERE current
        `);
    await queryRunner.query(`
            CREATE TABLE "matters" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "version_id" integer NOT NULL,
                "kind" text NOT NULL,
                "code" character varying(5) COLLATE "C" NOT NULL,
                "major_code" character varying(2) COLLATE "C" NOT NULL,
                "name_zh" text NOT NULL,
                "name_en" text NOT NULL,
                "name_initials" text NOT NULL,
                "legacy_code_2013" text,
                "family" text NOT NULL,
                "local" boolean NOT NULL DEFAULT false,
                CONSTRAINT "PK_b6e879e12614eaedc4a6fdcb2b3" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_MATTERS_VERSION_KIND_CODE" ON "matters" ("version_id", "kind", "code")
        `);
    await queryRunner.query(`
            CREATE TABLE "filing_conditions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "matter_id" uuid NOT NULL,
                "key" text NOT NULL,
                "filing_zh" text NOT NULL,
                "filing_en" text NOT NULL,
                "closing_zh" text NOT NULL,
                "closing_en" text NOT NULL,
                "urgent" boolean NOT NULL DEFAULT false,
                "limits" jsonb NOT NULL,
                "is_default" boolean NOT NULL DEFAULT false,
                "source" text NOT NULL,
                CONSTRAINT "PK_28417c58a2449b6cf45720f1826" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_FILING_CONDITIONS_MATTER_KEY" ON "filing_conditions" ("matter_id", "key")
        `);
    await queryRunner.query(`
            CREATE TABLE "routing_rules" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "position" integer NOT NULL,
                "name" text NOT NULL,
                "matter_kind" text,
                "matter_code" character varying(5),
                "major_code" character varying(2),
                "family" text,
                "area_code" text,
                "window_start" text,
                "window_end" text,
                "department_id" uuid NOT NULL,
                "auto_dispatch" boolean NOT NULL DEFAULT false,
                "enabled" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b744c5cc71053ea4d3fc8a860c2" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ROUTING_RULES_POSITION" ON "routing_rules" ("position")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_ROUTING_RULES_DEPARTMENT" ON "routing_rules" ("department_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "matters"
            ADD CONSTRAINT "FK_6d7c1e51229cf3b728a3d0b7b17" FOREIGN KEY ("version_id") REFERENCES "catalogue_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "filing_conditions"
            ADD CONSTRAINT "FK_cdadbda65b7dd2d21688bcebe79" FOREIGN KEY ("matter_id") REFERENCES "matters"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "routing_rules"
            ADD CONSTRAINT "FK_ad9c44da685418ca6d2598d169d" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "routing_rules" DROP CONSTRAINT "FK_ad9c44da685418ca6d2598d169d"
        `);
    await queryRunner.query(`
            ALTER TABLE "filing_conditions" DROP CONSTRAINT "FK_cdadbda65b7dd2d21688bcebe79"
        `);
    await queryRunner.query(`
            ALTER TABLE "matters" DROP CONSTRAINT "FK_6d7c1e51229cf3b728a3d0b7b17"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ROUTING_RULES_DEPARTMENT"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_ROUTING_RULES_POSITION"
        `);
    await queryRunner.query(`
            DROP TABLE "routing_rules"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_FILING_CONDITIONS_MATTER_KEY"
        `);
    await queryRunner.query(`
            DROP TABLE "filing_conditions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_MATTERS_VERSION_KIND_CODE"
        `);
    await queryRunner.query(`
            DROP TABLE "matters"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_CATALOGUE_VERSIONS_CURRENT"
        `);
    await queryRunner.query(`
            DROP TABLE "catalogue_versions"
        `);
    await queryRunner.query(`
            DROP TABLE "step_limits"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_settings"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_years"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_overrides"
        `);
    await queryRunner.query(`
            DROP TABLE "calendar_days"
        `);
  }
}
