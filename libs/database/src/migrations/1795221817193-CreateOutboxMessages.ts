import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutboxMessages1795221817193 implements MigrationInterface {
  name = 'CreateOutboxMessages1795221817193';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "outbox_messages" (
                "id" BIGSERIAL NOT NULL,
                "queue" text NOT NULL,
                "job_name" text NOT NULL,
                "job_id" text NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "sent_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_OUTBOX_MESSAGES_UNSENT" ON "outbox_messages" ("id")
            WHERE sent_at IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."IDX_OUTBOX_MESSAGES_UNSENT"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox_messages"
        `);
  }
}
