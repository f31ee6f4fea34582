import { MigrationInterface, QueryRunner } from 'typeorm';

/** The default evaluation scheme as it was when this migration was written; later versions are rows of their own. */
const DEFAULT_SCHEME = {
  name: 'CJ/T 292 (CityGrid default)',
  objects: {
    'unit-grid': [
      {
        key: 'publicReportRate',
        weight: 10,
        scoring: 'inverse_rate',
      },
      {
        key: 'filed',
        weight: 20,
        scoring: 'bands',
        bands: [
          {
            min: 9,
            score: 0,
          },
          {
            min: 7,
            score: 40,
          },
          {
            min: 5,
            score: 60,
          },
          {
            min: 3,
            score: 75,
          },
          {
            min: 1,
            score: 90,
          },
          {
            min: 0,
            score: 100,
          },
        ],
        perUnitGrid: true,
      },
      {
        key: 'closingRate',
        weight: 30,
        scoring: 'rate',
      },
      {
        key: 'onTimeClosingRate',
        weight: 40,
        scoring: 'rate',
      },
    ],
    'responsibility-grid': [
      {
        key: 'publicReportRate',
        weight: 10,
        scoring: 'inverse_rate',
      },
      {
        key: 'filed',
        weight: 20,
        scoring: 'bands',
        bands: [
          {
            min: 9,
            score: 0,
          },
          {
            min: 7,
            score: 40,
          },
          {
            min: 5,
            score: 60,
          },
          {
            min: 3,
            score: 75,
          },
          {
            min: 1,
            score: 90,
          },
          {
            min: 0,
            score: 100,
          },
        ],
        perUnitGrid: true,
      },
      {
        key: 'closingRate',
        weight: 30,
        scoring: 'rate',
      },
      {
        key: 'onTimeClosingRate',
        weight: 40,
        scoring: 'rate',
      },
    ],
    community: [
      {
        key: 'publicReportRate',
        weight: 10,
        scoring: 'inverse_rate',
      },
      {
        key: 'filed',
        weight: 20,
        scoring: 'bands',
        bands: [
          {
            min: 9,
            score: 0,
          },
          {
            min: 7,
            score: 40,
          },
          {
            min: 5,
            score: 60,
          },
          {
            min: 3,
            score: 75,
          },
          {
            min: 1,
            score: 90,
          },
          {
            min: 0,
            score: 100,
          },
        ],
        perUnitGrid: true,
      },
      {
        key: 'closingRate',
        weight: 30,
        scoring: 'rate',
      },
      {
        key: 'onTimeClosingRate',
        weight: 40,
        scoring: 'rate',
      },
    ],
    street: [
      {
        key: 'publicReportRate',
        weight: 10,
        scoring: 'inverse_rate',
      },
      {
        key: 'filed',
        weight: 20,
        scoring: 'bands',
        bands: [
          {
            min: 9,
            score: 0,
          },
          {
            min: 7,
            score: 40,
          },
          {
            min: 5,
            score: 60,
          },
          {
            min: 3,
            score: 75,
          },
          {
            min: 1,
            score: 90,
          },
          {
            min: 0,
            score: 100,
          },
        ],
        perUnitGrid: true,
      },
      {
        key: 'closingRate',
        weight: 30,
        scoring: 'rate',
      },
      {
        key: 'onTimeClosingRate',
        weight: 40,
        scoring: 'rate',
      },
    ],
    department: [
      {
        key: 'received',
        weight: 10,
        scoring: 'bands',
        bands: [
          {
            min: 1001,
            score: 0,
          },
          {
            min: 501,
            score: 40,
          },
          {
            min: 201,
            score: 60,
          },
          {
            min: 101,
            score: 75,
          },
          {
            min: 51,
            score: 90,
          },
          {
            min: 0,
            score: 100,
          },
        ],
      },
      {
        key: 'closingRate',
        weight: 30,
        scoring: 'rate',
      },
      {
        key: 'onTimeDisposalRate',
        weight: 30,
        scoring: 'rate',
      },
      {
        key: 'reworkRate',
        weight: 30,
        scoring: 'inverse_rate',
      },
    ],
    inspector: [
      {
        key: 'validReportRate',
        weight: 40,
        scoring: 'rate',
      },
      {
        key: 'onTimeVerifyRate',
        weight: 30,
        scoring: 'rate',
      },
      {
        key: 'onTimeCheckRate',
        weight: 30,
        scoring: 'rate',
      },
    ],
    acceptor: [
      {
        key: 'accepted',
        weight: 25,
        scoring: 'bands',
        bands: [
          {
            min: 2001,
            score: 100,
          },
          {
            min: 1201,
            score: 90,
          },
          {
            min: 501,
            score: 75,
          },
          {
            min: 301,
            score: 60,
          },
          {
            min: 0,
            score: 0,
          },
        ],
      },
      {
        key: 'onTimeAcceptRate',
        weight: 40,
        scoring: 'rate',
      },
      {
        key: 'accurateFilingRate',
        weight: 35,
        scoring: 'rate',
      },
    ],
    dispatcher: [
      {
        key: 'dispatched',
        weight: 20,
        scoring: 'bands',
        bands: [
          {
            min: 2001,
            score: 100,
          },
          {
            min: 1201,
            score: 90,
          },
          {
            min: 501,
            score: 75,
          },
          {
            min: 301,
            score: 60,
          },
          {
            min: 0,
            score: 0,
          },
        ],
      },
      {
        key: 'onTimeDispatchRate',
        weight: 40,
        scoring: 'rate',
      },
      {
        key: 'accurateDispatchRate',
        weight: 40,
        scoring: 'rate',
      },
    ],
  },
  grades: [
    {
      grade: 'A',
      min: 90,
    },
    {
      grade: 'B',
      min: 75,
    },
    {
      grade: 'C',
      min: 60,
    },
    {
      grade: 'D',
      min: 40,
    },
    {
      grade: 'E',
      min: 0,
    },
  ],
};

/**
 * Evaluation (docs/evaluation.md): daily snapshots of the counters per object, the days built, and the
 * versioned schemes; indexes for reading a day's activity rows and the steps in progress at an instant.
 */
export class CreateEvaluation1795240000000 implements MigrationInterface {
  name = 'CreateEvaluation1795240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "evaluation_daily" (
                "object_type" text NOT NULL,
                "day" date NOT NULL,
                "object_id" text NOT NULL,
                "reported" integer NOT NULL DEFAULT 0,
                "reported_by_inspector" integer NOT NULL DEFAULT 0,
                "reported_by_public" integer NOT NULL DEFAULT 0,
                "self_handled" integer NOT NULL DEFAULT 0,
                "accepted" integer NOT NULL DEFAULT 0,
                "accepted_on_time" integer NOT NULL DEFAULT 0,
                "rejected" integer NOT NULL DEFAULT 0,
                "verify_sent" integer NOT NULL DEFAULT 0,
                "verified" integer NOT NULL DEFAULT 0,
                "verified_on_time" integer NOT NULL DEFAULT 0,
                "filed" integer NOT NULL DEFAULT 0,
                "filed_on_time" integer NOT NULL DEFAULT 0,
                "filed_public" integer NOT NULL DEFAULT 0,
                "valid" integer NOT NULL DEFAULT 0,
                "dispatched" integer NOT NULL DEFAULT 0,
                "dispatched_on_time" integer NOT NULL DEFAULT 0,
                "dispatch_accurate" integer NOT NULL DEFAULT 0,
                "dispatch_wrong" integer NOT NULL DEFAULT 0,
                "received" integer NOT NULL DEFAULT 0,
                "handled" integer NOT NULL DEFAULT 0,
                "handled_on_time" integer NOT NULL DEFAULT 0,
                "handled_overdue" integer NOT NULL DEFAULT 0,
                "rework" integer NOT NULL DEFAULT 0,
                "returned" integer NOT NULL DEFAULT 0,
                "postponed" integer NOT NULL DEFAULT 0,
                "suspended" integer NOT NULL DEFAULT 0,
                "cancelled" integer NOT NULL DEFAULT 0,
                "checks_sent" integer NOT NULL DEFAULT 0,
                "checked" integer NOT NULL DEFAULT 0,
                "checked_on_time" integer NOT NULL DEFAULT 0,
                "closed" integer NOT NULL DEFAULT 0,
                "closed_on_time" integer NOT NULL DEFAULT 0,
                "closed_overdue" integer NOT NULL DEFAULT 0,
                "self_handled_closed" integer NOT NULL DEFAULT 0,
                "supervised" integer NOT NULL DEFAULT 0,
                "open" integer NOT NULL DEFAULT 0,
                "open_overdue" integer NOT NULL DEFAULT 0,
                "handle_open" integer NOT NULL DEFAULT 0,
                "handle_open_overdue" integer NOT NULL DEFAULT 0,
                "built_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_EVALUATION_DAILY" PRIMARY KEY ("object_type", "day", "object_id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_days" (
                "day" date NOT NULL,
                "built_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "final" boolean NOT NULL,
                CONSTRAINT "PK_EVALUATION_DAYS" PRIMARY KEY ("day")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "evaluation_schemes" (
                "key" text NOT NULL,
                "version" integer NOT NULL,
                "definition" jsonb NOT NULL,
                "created_by" uuid REFERENCES "users" ("id") ON DELETE SET NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_EVALUATION_SCHEMES" PRIMARY KEY ("key", "version")
            )
        `);
    await queryRunner.query(
      `INSERT INTO "evaluation_schemes" ("key", "version", "definition") VALUES ('cjt292', 1, $1)`,
      [JSON.stringify(DEFAULT_SCHEME)],
    );
    await queryRunner.query(`
            CREATE INDEX "IDX_CASE_ACTIVITIES_ENDED_AT" ON "case_activities" ("ended_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_CASE_ACTIVITIES_STEP_SPAN" ON "case_activities"
            USING gist (tstzrange("started_at", "ended_at", '[)'))
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_CASE_ACTIVITIES_STEP_SPAN"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_CASE_ACTIVITIES_ENDED_AT"`);
    await queryRunner.query(`DROP TABLE "evaluation_schemes"`);
    await queryRunner.query(`DROP TABLE "evaluation_days"`);
    await queryRunner.query(`DROP TABLE "evaluation_daily"`);
  }
}
