import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCityModel1795223415981 implements MigrationInterface {
  name = 'CreateCityModel1795223415981';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "departments" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" text NOT NULL,
                "name" text NOT NULL,
                "family" text NOT NULL,
                "parent_id" uuid,
                "area_codes" text array NOT NULL DEFAULT '{}',
                "phone" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_839517a681a86bb84cbcc6a1e9d" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_DEPARTMENTS_CODE" ON "departments" ("code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_DEPARTMENTS_PARENT" ON "departments" ("parent_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "username" text NOT NULL,
                "display_name" text NOT NULL,
                "phone" text,
                "password_hash" text NOT NULL,
                "roles" text array NOT NULL,
                "area_codes" text array NOT NULL DEFAULT '{}',
                "department_id" uuid,
                "disabled" boolean NOT NULL DEFAULT false,
                "failed_logins" integer NOT NULL DEFAULT '0',
                "locked_until" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "CHK_USERS_ROLES_NOT_EMPTY" CHECK (cardinality(roles) > 0),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_USERS_USERNAME" ON "users" ("username")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_USERS_DEPARTMENT" ON "users" ("department_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "districts" (
                "name" text NOT NULL,
                "geometry" jsonb NOT NULL,
                "min_lng" double precision NOT NULL,
                "min_lat" double precision NOT NULL,
                "max_lng" double precision NOT NULL,
                "max_lat" double precision NOT NULL,
                "area_m2" double precision NOT NULL,
                "source_crs" text NOT NULL DEFAULT 'WGS84',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(6) COLLATE "C" NOT NULL,
                CONSTRAINT "PK_8e9d73424149b43b38244f75528" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "streets" (
                "name" text NOT NULL,
                "geometry" jsonb NOT NULL,
                "min_lng" double precision NOT NULL,
                "min_lat" double precision NOT NULL,
                "max_lng" double precision NOT NULL,
                "max_lat" double precision NOT NULL,
                "area_m2" double precision NOT NULL,
                "source_crs" text NOT NULL DEFAULT 'WGS84',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(9) COLLATE "C" NOT NULL,
                "district_code" character varying(6) COLLATE "C" NOT NULL,
                CONSTRAINT "PK_9bdf64d97ca0a0e90c3c2878496" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_STREETS_DISTRICT" ON "streets" ("district_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "communities" (
                "name" text NOT NULL,
                "geometry" jsonb NOT NULL,
                "min_lng" double precision NOT NULL,
                "min_lat" double precision NOT NULL,
                "max_lng" double precision NOT NULL,
                "max_lat" double precision NOT NULL,
                "area_m2" double precision NOT NULL,
                "source_crs" text NOT NULL DEFAULT 'WGS84',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(12) COLLATE "C" NOT NULL,
                "street_code" character varying(9) COLLATE "C" NOT NULL,
                CONSTRAINT "PK_70812b391b6dc0a24cd3161ea1c" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_COMMUNITIES_STREET" ON "communities" ("street_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "responsibility_grids" (
                "name" text NOT NULL,
                "geometry" jsonb NOT NULL,
                "min_lng" double precision NOT NULL,
                "min_lat" double precision NOT NULL,
                "max_lng" double precision NOT NULL,
                "max_lat" double precision NOT NULL,
                "area_m2" double precision NOT NULL,
                "source_crs" text NOT NULL DEFAULT 'WGS84',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(13) COLLATE "C" NOT NULL,
                "street_code" character varying(9) COLLATE "C" NOT NULL,
                "geometry_derived" boolean NOT NULL DEFAULT false,
                "manager_id" uuid,
                CONSTRAINT "PK_eff0f4c6dd9fc9a9507afc6da88" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_RESPONSIBILITY_GRIDS_STREET" ON "responsibility_grids" ("street_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_RESPONSIBILITY_GRIDS_MANAGER" ON "responsibility_grids" ("manager_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "unit_grids" (
                "name" text NOT NULL,
                "geometry" jsonb NOT NULL,
                "min_lng" double precision NOT NULL,
                "min_lat" double precision NOT NULL,
                "max_lng" double precision NOT NULL,
                "max_lat" double precision NOT NULL,
                "area_m2" double precision NOT NULL,
                "source_crs" text NOT NULL DEFAULT 'WGS84',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "code" character varying(15) COLLATE "C" NOT NULL,
                "community_code" character varying(12) COLLATE "C" NOT NULL,
                "responsibility_grid_code" character varying(13) COLLATE "C",
                "area_class" character(1) NOT NULL DEFAULT 'B',
                CONSTRAINT "PK_c136fa3b4b4ce64f036b482d7c4" PRIMARY KEY ("code")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_UNIT_GRIDS_COMMUNITY" ON "unit_grids" ("community_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_UNIT_GRIDS_RESPONSIBILITY_GRID" ON "unit_grids" ("responsibility_grid_code")
        `);
    await queryRunner.query(`
            CREATE TABLE "area_imports" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "layer" text NOT NULL,
                "crs" text NOT NULL,
                "tolerance_m2" double precision NOT NULL,
                "status" text NOT NULL,
                "phase" text NOT NULL,
                "total" integer NOT NULL,
                "processed" integer NOT NULL DEFAULT '0',
                "created" integer NOT NULL DEFAULT '0',
                "updated" integer NOT NULL DEFAULT '0',
                "problems" jsonb NOT NULL DEFAULT '[]',
                "message" text,
                "created_by" uuid,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5b04c82ceb03256938843f4cf7e" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "auth_sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "token_hash" text NOT NULL,
                "previous_token_hash" text,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "user_agent" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "refreshed_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_AUTH_SESSIONS_USER" ON "auth_sessions" ("user_id")
        `);
    await queryRunner.query(`
            CREATE TABLE "responsibility_grid_inspectors" (
                "responsibility_grid_code" character varying(13) COLLATE "C" NOT NULL,
                "user_id" uuid NOT NULL,
                CONSTRAINT "PK_edc24ae770879ac01d63939760a" PRIMARY KEY ("responsibility_grid_code", "user_id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_527f2c1bb2676ec9da7e617c0b" ON "responsibility_grid_inspectors" ("responsibility_grid_code")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_31b00af0a6728fa2a40472a3d8" ON "responsibility_grid_inspectors" ("user_id")
        `);
    await queryRunner.query(`
            ALTER TABLE "departments"
            ADD CONSTRAINT "FK_700b0b13f494cb37b6ca929e79b" FOREIGN KEY ("parent_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "users"
            ADD CONSTRAINT "FK_0921d1972cf861d568f5271cd85" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "streets"
            ADD CONSTRAINT "FK_d24c321aac5e4161d8b1348efee" FOREIGN KEY ("district_code") REFERENCES "districts"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "communities"
            ADD CONSTRAINT "FK_fdbb2362bcf4a06b61bd197d671" FOREIGN KEY ("street_code") REFERENCES "streets"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "responsibility_grids"
            ADD CONSTRAINT "FK_af9c5a08868511fe9869c35ad7e" FOREIGN KEY ("street_code") REFERENCES "streets"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "responsibility_grids"
            ADD CONSTRAINT "FK_f09094a460094235d8e5fe8770d" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "unit_grids"
            ADD CONSTRAINT "FK_0d9066a92b94741379546d7a022" FOREIGN KEY ("community_code") REFERENCES "communities"("code") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "unit_grids"
            ADD CONSTRAINT "FK_e2812fce6fb093c5cca5db960f8" FOREIGN KEY ("responsibility_grid_code") REFERENCES "responsibility_grids"("code") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "auth_sessions"
            ADD CONSTRAINT "FK_50ccaa6440288a06f0ba693ccc6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    await queryRunner.query(`
            ALTER TABLE "responsibility_grid_inspectors"
            ADD CONSTRAINT "FK_527f2c1bb2676ec9da7e617c0b8" FOREIGN KEY ("responsibility_grid_code") REFERENCES "responsibility_grids"("code") ON DELETE CASCADE ON UPDATE CASCADE
        `);
    await queryRunner.query(`
            ALTER TABLE "responsibility_grid_inspectors"
            ADD CONSTRAINT "FK_31b00af0a6728fa2a40472a3d87" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "responsibility_grid_inspectors" DROP CONSTRAINT "FK_31b00af0a6728fa2a40472a3d87"
        `);
    await queryRunner.query(`
            ALTER TABLE "responsibility_grid_inspectors" DROP CONSTRAINT "FK_527f2c1bb2676ec9da7e617c0b8"
        `);
    await queryRunner.query(`
            ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_50ccaa6440288a06f0ba693ccc6"
        `);
    await queryRunner.query(`
            ALTER TABLE "unit_grids" DROP CONSTRAINT "FK_e2812fce6fb093c5cca5db960f8"
        `);
    await queryRunner.query(`
            ALTER TABLE "unit_grids" DROP CONSTRAINT "FK_0d9066a92b94741379546d7a022"
        `);
    await queryRunner.query(`
            ALTER TABLE "responsibility_grids" DROP CONSTRAINT "FK_f09094a460094235d8e5fe8770d"
        `);
    await queryRunner.query(`
            ALTER TABLE "responsibility_grids" DROP CONSTRAINT "FK_af9c5a08868511fe9869c35ad7e"
        `);
    await queryRunner.query(`
            ALTER TABLE "communities" DROP CONSTRAINT "FK_fdbb2362bcf4a06b61bd197d671"
        `);
    await queryRunner.query(`
            ALTER TABLE "streets" DROP CONSTRAINT "FK_d24c321aac5e4161d8b1348efee"
        `);
    await queryRunner.query(`
            ALTER TABLE "users" DROP CONSTRAINT "FK_0921d1972cf861d568f5271cd85"
        `);
    await queryRunner.query(`
            ALTER TABLE "departments" DROP CONSTRAINT "FK_700b0b13f494cb37b6ca929e79b"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_31b00af0a6728fa2a40472a3d8"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_527f2c1bb2676ec9da7e617c0b"
        `);
    await queryRunner.query(`
            DROP TABLE "responsibility_grid_inspectors"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_AUTH_SESSIONS_USER"
        `);
    await queryRunner.query(`
            DROP TABLE "auth_sessions"
        `);
    await queryRunner.query(`
            DROP TABLE "area_imports"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_UNIT_GRIDS_RESPONSIBILITY_GRID"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_UNIT_GRIDS_COMMUNITY"
        `);
    await queryRunner.query(`
            DROP TABLE "unit_grids"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_RESPONSIBILITY_GRIDS_MANAGER"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_RESPONSIBILITY_GRIDS_STREET"
        `);
    await queryRunner.query(`
            DROP TABLE "responsibility_grids"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_COMMUNITIES_STREET"
        `);
    await queryRunner.query(`
            DROP TABLE "communities"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_STREETS_DISTRICT"
        `);
    await queryRunner.query(`
            DROP TABLE "streets"
        `);
    await queryRunner.query(`
            DROP TABLE "districts"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_USERS_DEPARTMENT"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_USERS_USERNAME"
        `);
    await queryRunner.query(`
            DROP TABLE "users"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_DEPARTMENTS_PARENT"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_DEPARTMENTS_CODE"
        `);
    await queryRunner.query(`
            DROP TABLE "departments"
        `);
  }
}
