import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCases1795227352916 implements MigrationInterface {
  name = 'CreateCases1795227352916';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "cases" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "number" character varying(14) NOT NULL,
                "source" text NOT NULL,
                "status" text NOT NULL,
                "catalogue_version_id" integer NOT NULL,
                "matter_kind" text NOT NULL,
                "matter_code" character varying(5) NOT NULL,
                "filing_condition_key" text NOT NULL,
                "lng" double precision,
                "lat" double precision,
                "source_crs" text,
                "address" text,
                "unit_grid_code" character varying(15),
                "responsibility_grid_code" character varying(13),
                "street_code" character varying(9),
                "area_class" character(1),
                "out_of_grid" boolean NOT NULL DEFAULT false,
                "description" text NOT NULL,
                "reporter_id" uuid,
                "reporter_contact" text,
                "idempotency_key" text,
                "owner_id" uuid,
                "department_id" uuid,
                "self_handled" boolean NOT NULL DEFAULT false,
                "urgent" boolean NOT NULL DEFAULT false,
                "supervised" boolean NOT NULL DEFAULT false,
                "overdue" boolean NOT NULL DEFAULT false,
                "rework_count" integer NOT NULL DEFAULT '0',
                "return_count" integer NOT NULL DEFAULT '0',
                "pending" text array NOT NULL DEFAULT '{}',
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_CASES_VERSION_POSITIVE" CHECK (version > 0),
                CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_CASES_NUMBER" ON "cases" ("number")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_UNIT_GRID" ON "cases" ("unit_grid_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_STREET" ON "cases" ("street_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_DEPARTMENT" ON "cases" ("department_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASES_STATUS_CREATED" ON "cases" ("status", "created_at")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_CASES_IDEMPOTENCY" ON "cases" ("reporter_id", "idempotency_key")
            WHERE idempotency_key IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "case_activities" (
                "id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
                "case_id" uuid NOT NULL,
                "actor_id" uuid,
                "actor_role" text,
                "action" text NOT NULL,
                "from_status" text,
                "to_status" text NOT NULL,
                "opinion" text,
                "photo_ids" uuid array NOT NULL DEFAULT '{}',
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "deadline" TIMESTAMP WITH TIME ZONE,
                "extended_deadline" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_0685ffb4206982b7efabbc8c18d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASE_ACTIVITIES_CASE" ON "case_activities" ("case_id", "id")
        `);
    await queryRunner.query(`
            CREATE TABLE "case_number_days" (
                "day" date NOT NULL,
                "last_sequence" integer NOT NULL,
                CONSTRAINT "PK_c0c577832ee71142f852a26624a" PRIMARY KEY ("day")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "case_photos" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "case_id" uuid NOT NULL,
                "stage" text NOT NULL,
                "storage_key" text NOT NULL,
                "thumbnail_key" text NOT NULL,
                "content_type" text NOT NULL,
                "bytes" integer NOT NULL,
                "uploaded_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_499ace7a8f3188b2cf9db29d6f7" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASE_PHOTOS_CASE" ON "case_photos" ("case_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_410b3a2fc496f9bf4ca9a37bb2a" FOREIGN KEY ("catalogue_version_id") REFERENCES "catalogue_versions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_518171cb5b315bf8a59cb4c71dc" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_db631d0b7f9d9ed808d6a51331c" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "cases"
            ADD CONSTRAINT "FK_5c2435b947a8680f2fa0d847c0b" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_activities"
            ADD CONSTRAINT "FK_d60ebba7382ee1fc22cb9282053" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "case_photos"
            ADD CONSTRAINT "FK_8ef47fb9852cfbec5d9f794f6c5" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    // case_activities is append-only: no application path updates or deletes a row, and the database refuses too.
    await queryRunner.query(`
            CREATE FUNCTION "forbid_case_activity_change"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'case_activities is append-only: % refused', TG_OP USING ERRCODE = '42501';
            END $$
        `);
    await queryRunner.query(`
            CREATE TRIGGER "case_activities_append_only" BEFORE UPDATE OR DELETE ON "case_activities"
            FOR EACH ROW EXECUTE FUNCTION "forbid_case_activity_change"()
        `);
    await queryRunner.query(`
            CREATE TRIGGER "case_activities_no_truncate" BEFORE TRUNCATE ON "case_activities"
            FOR EACH STATEMENT EXECUTE FUNCTION "forbid_case_activity_change"()
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "case_activities_no_truncate" ON "case_activities"`);
    await queryRunner.query(`DROP TRIGGER "case_activities_append_only" ON "case_activities"`);
    await queryRunner.query(`DROP FUNCTION "forbid_case_activity_change"()`);
    await queryRunner.query(`
            ALTER TABLE "case_photos" DROP CONSTRAINT "FK_8ef47fb9852cfbec5d9f794f6c5"
        `);
    await queryRunner.query(`
            ALTER TABLE "case_activities" DROP CONSTRAINT "FK_d60ebba7382ee1fc22cb9282053"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_5c2435b947a8680f2fa0d847c0b"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_db631d0b7f9d9ed808d6a51331c"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_518171cb5b315bf8a59cb4c71dc"
        `);
    await queryRunner.query(`
            ALTER TABLE "cases" DROP CONSTRAINT "FK_410b3a2fc496f9bf4ca9a37bb2a"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASE_PHOTOS_CASE"
        `);
    await queryRunner.query(`
            DROP TABLE "case_photos"
        `);
    await queryRunner.query(`
            DROP TABLE "case_number_days"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASE_ACTIVITIES_CASE"
        `);
    await queryRunner.query(`
            DROP TABLE "case_activities"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_CASES_IDEMPOTENCY"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_STATUS_CREATED"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_DEPARTMENT"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_STREET"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_CASES_UNIT_GRID"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_CASES_NUMBER"
        `);
    await queryRunner.query(`
            DROP TABLE "cases"
        `);
  }
}
