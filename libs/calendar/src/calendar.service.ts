import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AdvisoryLock, lockedTransaction } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import type { DataSource } from 'typeorm';
import { CalendarErrorCode, CalendarException } from './calendar.exception';
import {
  CalendarSettingsEntity,
  CalendarOverrideEntity,
  CalendarYearEntity,
} from './entities/calendar-day.entity';
import { StepLimitEntity } from './entities/step-limit.entity';
import { DEFAULT_STEP_LIMITS, type ConfiguredStep, type StepLimits } from './step-limits';
import type { TimeLimit, TimeUnit } from './time-unit';
import { addWorkingTime } from './working-time';
import {
  buildCalendar,
  chineseDaysSeed,
  DEFAULT_PERIODS,
  missingYears,
  type CalendarDay,
  type DayKind,
  type WorkingCalendar,
  type WorkingPeriod,
} from './working-calendar';

/** How far ahead a year without holiday data is worth a warning (reference/ecosystem.md §5). */
export const LOOKAHEAD_DAYS = 60;
/** Other processes pick up an admin's calendar change within this long. */
const CACHE_MS = 60_000;
const DAY_MS = 86_400_000;

export interface CalendarStatus {
  timeZone: string;
  periods: WorkingPeriod[];
  plainUnits: 'working' | 'natural';
  knownYears: number[];
  missingYears: number[];
  warning: string | null;
}

/**
 * The working calendar as data: shipped public holidays and make-up days (chinese-days), the city's own
 * overrides, working periods and step limits, all in PostgreSQL and editable by admins.
 */
@Injectable()
export class CalendarService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CalendarService.name);
  private cached: { calendar: WorkingCalendar; at: number } | null = null;
  private cachedLimits: { limits: StepLimits; at: number } | null = null;
  private daily: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await seedCalendar(this.dataSource);
    await this.warnIfYearsMissing();
    // A process that runs for months must still say so when the 60-day window reaches an unknown year.
    this.daily = setInterval(() => void this.warnIfYearsMissing(), DAY_MS).unref();
  }

  onApplicationShutdown(): void {
    if (this.daily) clearInterval(this.daily);
  }

  private async warnIfYearsMissing(): Promise<void> {
    const { warning } = await this.status().catch(() => ({ warning: null }));
    if (warning) this.logger.warn(warning);
  }

  /** When a limit started at `start` ends, by the current calendar. */
  async deadline(start: Date, amount: number, unit: TimeUnit): Promise<Date> {
    return addWorkingTime(start, amount, unit, await this.calendar());
  }

  /** The calendar deadlines are computed with; cached briefly, dropped at once on a local change. */
  async calendar(): Promise<WorkingCalendar> {
    if (this.cached && Date.now() - this.cached.at < CACHE_MS) return this.cached.calendar;
    const [settings, shipped, overrides, years] = await Promise.all([
      this.dataSource.getRepository(CalendarSettingsEntity).findOneBy({ id: 1 }),
      this.dataSource.query("SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, note FROM calendar_days"),
      this.dataSource.query("SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, note FROM calendar_overrides"),
      this.dataSource.getRepository(CalendarYearEntity).find(),
    ]);
    const calendar = buildCalendar({
      timeZone: this.config.TZ_CITY,
      periods: settings?.periods ?? DEFAULT_PERIODS,
      plainUnits: settings?.plainUnits ?? 'working',
      // Overrides come last, so they win over the shipped data for the same date.
      days: [...(shipped as CalendarDay[]), ...(overrides as CalendarDay[])],
      knownYears: years.map((y) => y.year),
    });
    this.cached = { calendar, at: Date.now() };
    return calendar;
  }

  /** Settings, known years and, when a day in the next 60 falls in a year without data, a warning. */
  async status(now = new Date()): Promise<CalendarStatus> {
    const calendar = await this.calendar();
    const missing = missingYears(calendar, now, LOOKAHEAD_DAYS);
    return {
      timeZone: calendar.timeZone,
      periods: calendar.periods,
      plainUnits: calendar.plainUnits,
      knownYears: [...calendar.knownYears].sort(),
      missingYears: missing,
      warning:
        missing.length === 0
          ? null
          : `No public holidays are known for ${missing.join(', ')}: working days there are guessed (weekends, ` +
            `1 Jan, 1 May, 1-3 Oct). Enter the official holidays and make-up days as calendar overrides and ` +
            `mark the year known, or upgrade chinese-days once it has the year.`,
    };
  }

  async updateSettings(periods: WorkingPeriod[] | undefined, plainUnits: 'working' | 'natural' | undefined) {
    if (periods) {
      try {
        buildCalendar({ periods });
      } catch (error) {
        throw new CalendarException(CalendarErrorCode.CALENDAR_PERIODS_INVALID, (error as Error).message, [
          { field: 'periods', message: 'in order, each ending after it starts and before the next begins' },
        ]);
      }
    }
    const repository = this.dataSource.getRepository(CalendarSettingsEntity);
    const current = await repository.findOneByOrFail({ id: 1 });
    await repository.save({
      ...current,
      ...(periods ? { periods } : {}),
      ...(plainUnits ? { plainUnits } : {}),
    });
    this.cached = null;
  }

  /** Every explicit day between two dates, shipped and overridden, with where it comes from. */
  async days(from: string, to: string): Promise<Array<CalendarDay & { source: 'shipped' | 'override' }>> {
    return this.dataSource.query(
      `SELECT to_char(d.date, 'YYYY-MM-DD') AS date, d.kind, d.note, d.source FROM (
         SELECT date, kind, note, 'override' AS source FROM calendar_overrides WHERE date BETWEEN $1 AND $2
         UNION ALL
         SELECT s.date, s.kind, s.note, 'shipped' FROM calendar_days s
         WHERE s.date BETWEEN $1 AND $2 AND NOT EXISTS (SELECT 1 FROM calendar_overrides o WHERE o.date = s.date)
       ) d ORDER BY d.date`,
      [from, to],
    );
  }

  async override(date: string, kind: DayKind, note: string, actorId: string | null): Promise<void> {
    await this.dataSource
      .getRepository(CalendarOverrideEntity)
      .save({ date, kind, note, updatedBy: actorId });
    this.cached = null;
  }

  /** Removes a city override: the shipped data (or the weekday rule) applies again. Idempotent. */
  async removeOverride(date: string): Promise<void> {
    await this.dataSource.getRepository(CalendarOverrideEntity).delete({ date });
    this.cached = null;
  }

  /** An admin who entered a year's holidays as overrides says so; the warning for that year goes away. */
  async markYearKnown(year: number, known: boolean): Promise<void> {
    const repository = this.dataSource.getRepository(CalendarYearEntity);
    if (known) await repository.upsert({ year, source: 'admin' }, ['year']);
    else await repository.delete({ year, source: 'admin' });
    this.cached = null;
  }

  /** The step limits, cached like the calendar: every deadline needs them, and they change rarely. */
  async stepLimits(): Promise<StepLimits> {
    if (this.cachedLimits && Date.now() - this.cachedLimits.at < CACHE_MS)
      return { ...this.cachedLimits.limits };
    const rows = await this.dataSource.getRepository(StepLimitEntity).find();
    const limits: StepLimits = { ...DEFAULT_STEP_LIMITS };
    for (const row of rows) limits[row.step as ConfiguredStep] = { amount: row.amount, unit: row.unit };
    this.cachedLimits = { limits, at: Date.now() };
    return { ...limits };
  }

  async setStepLimit(step: ConfiguredStep, limit: TimeLimit): Promise<void> {
    await this.dataSource.getRepository(StepLimitEntity).upsert({ step, ...limit }, ['step']);
    this.cachedLimits = null;
  }
}

/**
 * Ships the holidays chinese-days knows into the database (new years and corrections arrive with a newer
 * package), and the default settings; a city's overrides and settings are never touched. Safe to run in every process at start.
 */
export async function seedCalendar(dataSource: DataSource): Promise<void> {
  const { days, years } = chineseDaysSeed();
  await lockedTransaction(dataSource, AdvisoryLock.CalendarSeed, async (manager) => {
    await manager.query(
      `INSERT INTO calendar_days (date, kind, note)
       SELECT r.date::date, r.kind, r.note FROM jsonb_to_recordset($1) AS r(date text, kind text, note text)
       ON CONFLICT (date) DO UPDATE SET kind = excluded.kind, note = excluded.note
       WHERE (calendar_days.kind, calendar_days.note) IS DISTINCT FROM (excluded.kind, excluded.note)`,
      [JSON.stringify(days)],
    );
    await manager.query(
      `INSERT INTO calendar_years (year, source) SELECT unnest($1::int[]), 'shipped' ON CONFLICT (year) DO NOTHING`,
      [years],
    );
    await manager.query(
      `INSERT INTO calendar_settings (id, periods, plain_units) VALUES (1, $1, 'working') ON CONFLICT (id) DO NOTHING`,
      [JSON.stringify(DEFAULT_PERIODS)],
    );
  });
}
