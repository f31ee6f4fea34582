import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNotices1795230476464 implements MigrationInterface {
  name = 'CreateNotices1795230476464';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "notices" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "user_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "title" text NOT NULL,
                "body" text NOT NULL,
                "case_id" uuid,
                "dedupe_key" text,
                "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(),
                "read_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_3eb18c29da25d6935fcbe584237" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "UQ_NOTICES_USER_DEDUPE" ON "notices" ("user_id", "dedupe_key")
            WHERE dedupe_key IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_NOTICES_USER_UNREAD" ON "notices" ("user_id")
            WHERE read_at IS NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_NOTICES_USER_CREATED" ON "notices" ("user_id", "created_at", "id")
        `);
    await queryRunner.query(`
            ALTER TABLE "notices"
            ADD CONSTRAINT "FK_b63e8dcd3d13a55e8099bfee902" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "notices" DROP CONSTRAINT "FK_b63e8dcd3d13a55e8099bfee902"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_NOTICES_USER_CREATED"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_NOTICES_USER_UNREAD"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."UQ_NOTICES_USER_DEDUPE"
        `);
    await queryRunner.query(`
            DROP TABLE "notices"
        `);
  }
}
