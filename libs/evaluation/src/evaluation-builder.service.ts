import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig } from '@citygrid/config';
import type { DataSource } from 'typeorm';
import { BUILD_DAY_SQL } from './evaluation-facts.sql';

/** A day is final once built this long after it ended: rows written in its last instants have committed by then. */
export const FINAL_AFTER_MS = 5 * 60_000;
/** Advisory lock class of a day's build, so two workers never build one day at once. */
const BUILD_LOCK = 7302;

export interface DayBuild {
  day: string;
  builtAt: Date;
  final: boolean;
  rows: number;
}

/**
 * Builds the daily snapshots (evaluation_daily) from activity rows. A past day is built until it is final and
 * then never again, so a published month stays as it was; today is rebuilt on every run (docs/evaluation.md).
 */
@Injectable()
export class EvaluationBuilder {
  private readonly logger = new Logger(EvaluationBuilder.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Builds every day from the first activity to today that is not final yet. */
  async catchUp(): Promise<DayBuild[]> {
    const days: { day: string }[] = await this.db.query(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day
       FROM generate_series(
              (SELECT coalesce(min(ended_at), now()) AT TIME ZONE $1 FROM case_activities)::date,
              (now() AT TIME ZONE $1)::date,
              interval '1 day') AS d
       WHERE NOT EXISTS (SELECT 1 FROM evaluation_days e WHERE e.day = d::date AND e.final)
       ORDER BY d`,
      [this.config.TZ_CITY],
    );
    const built: DayBuild[] = [];
    for (const { day } of days) built.push(await this.build(day));
    if (built.length > 7) {
      // A backfill: give the planner statistics at once rather than when autovacuum gets to it (if it is on).
      await this.db.query(`ANALYZE evaluation_daily`);
      this.logger.log(`Built ${built.length} days of evaluation snapshots`);
    }
    return built;
  }

  /** Replaces one city-time day's snapshot rows; the stocks are taken at its end, or now while it lasts. */
  async build(day: string): Promise<DayBuild> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [BUILD_LOCK, day]);
      // JIT compiling the day's query costs more than it saves: 12.3 s against 9.1 s a day (docs/benchmarks.md).
      await manager.query(`SET LOCAL jit = off`);
      const [{ start, end, now }]: { start: Date; end: Date; now: Date }[] = await manager.query(
        `SELECT ($1::date)::timestamp AT TIME ZONE $2 AS start,
                ($1::date + 1)::timestamp AT TIME ZONE $2 AS end,
                clock_timestamp() AS now`,
        [day, this.config.TZ_CITY],
      );
      const stockAt = now < end ? now : end;
      await manager.query(`DELETE FROM evaluation_daily WHERE day = $1`, [day]);
      const inserted: unknown[] = await manager.query(BUILD_DAY_SQL, [start, end, stockAt, day, now]);
      const final = now.getTime() >= end.getTime() + FINAL_AFTER_MS;
      await manager.query(
        `INSERT INTO evaluation_days (day, built_at, final) VALUES ($1, $2, $3)
         ON CONFLICT (day) DO UPDATE SET built_at = excluded.built_at, final = excluded.final`,
        [day, now, final],
      );
      return { day, builtAt: now, final, rows: inserted.length };
    });
  }
}
