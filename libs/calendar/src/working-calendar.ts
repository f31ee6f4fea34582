import { TZDate } from '@date-fns/tz';
import { addDays, addMilliseconds } from 'date-fns';
import chineseDaysData from 'chinese-days/dist/chinese-days.json';

/** A working period of every working day, as local 'HH:mm' times (DESIGN.md §5). */
export interface WorkingPeriod {
  start: string;
  end: string;
}

/** `holiday` is any non-working day set explicitly (public holiday, local closure, admin override). */
export type DayKind = 'workday' | 'holiday';

/** An explicit day of the calendar; `date` is a local 'YYYY-MM-DD'. */
export interface CalendarDay {
  date: string;
  kind: DayKind;
  note: string;
}

export interface WorkingCalendar {
  /** IANA time zone the periods and dates are read in. */
  timeZone: string;
  /** Sorted, non-overlapping, each start < end. */
  periods: WorkingPeriod[];
  /** Public holidays, make-up working days (调休) and admin overrides, already merged by the caller. */
  days: ReadonlyMap<string, CalendarDay>;
  /** Years whose holidays are known; other years fall back to weekends plus fixed-date holidays. */
  knownYears: ReadonlySet<number>;
  /** How HOUR (小时) and DAY (天) are read. */
  plainUnits: 'working' | 'natural';
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const DEFAULT_PERIODS: WorkingPeriod[] = [
  { start: '08:00', end: '12:00' },
  { start: '14:00', end: '18:00' },
];

/** Holidays that fall on the same date every year: the fallback for years without data (ecosystem.md §5). */
const FIXED_DATE_HOLIDAYS: ReadonlySet<string> = new Set(['01-01', '05-01', '10-01', '10-02', '10-03']);

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK_TIME = /^(\d{2}):(\d{2})$/;
const MINUTES_PER_DAY = 24 * 60;

interface ParsedDate {
  year: number;
  monthDay: string;
  weekday: number;
}

/** Civil-date parsing: a date's weekday does not depend on any time zone, so plain UTC dates suffice. */
function parseDateKey(date: string): ParsedDate {
  const match = DATE_KEY.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const parsed = new Date(0);
  parsed.setUTCFullYear(year, month - 1, day);
  if (!match || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  }
  return { year, monthDay: date.slice(5), weekday: parsed.getUTCDay() };
}

function isMondayToFriday(weekday: number): boolean {
  return weekday >= 1 && weekday <= 5;
}

export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const { year, monthDay, weekday } = parseDateKey(date);
  const explicit = calendar.days.get(date);
  if (explicit) return explicit.kind === 'workday';
  if (calendar.knownYears.has(year)) return isMondayToFriday(weekday);
  return isMondayToFriday(weekday) && !FIXED_DATE_HOLIDAYS.has(monthDay);
}

/** Local years touched by the half-open span [from, from + days) that have no holiday data. */
export function missingYears(calendar: WorkingCalendar, from: Date, days: number): number[] {
  if (!Number.isFinite(from.getTime())) throw new RangeError('from is not a valid date');
  if (!(days > 0)) return [];
  const first = new TZDate(from.getTime(), calendar.timeZone);
  const last = addMilliseconds(addDays(first, days), -1);
  const years: number[] = [];
  for (let year = first.getFullYear(); year <= last.getFullYear(); year++) {
    if (!calendar.knownYears.has(year)) years.push(year);
  }
  return years;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** chinese-days writes each entry as "English name,中文名,days". */
function chineseName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}

/** Public holidays and make-up working days (调休) shipped by chinese-days, to seed the calendar with. */
export function chineseDaysSeed(): { days: CalendarDay[]; years: number[] } {
  const data = chineseDaysData as ChineseDaysData;
  const holidays = Object.entries(data.holidays).map(([date, entry]): CalendarDay => ({
    date,
    kind: 'holiday',
    note: chineseName(entry),
  }));
  const workdays = Object.keys(data.workdays).map((date): CalendarDay => ({
    date,
    kind: 'workday',
    note: '调休',
  }));
  const days = [...holidays, ...workdays].sort((a, b) => a.date.localeCompare(b.date));
  const years = [...new Set(days.map((day) => Number(day.date.slice(0, 4))))].sort((a, b) => a - b);
  return { days, years };
}

/** Minutes after local midnight of an 'HH:mm' time; '24:00' is allowed as a period end. */
export function clockMinutes(time: string): number {
  const match = CLOCK_TIME.exec(time);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || !(minutes <= MINUTES_PER_DAY)) {
    throw new RangeError(`Not a local time (HH:mm): ${time}`);
  }
  return minutes;
}

function assertPeriods(periods: WorkingPeriod[]): void {
  if (periods.length === 0) throw new RangeError('A working calendar needs at least one working period');
  let previousEnd = -1;
  for (const period of periods) {
    const start = clockMinutes(period.start);
    const end = clockMinutes(period.end);
    if (start >= end || start < previousEnd) {
      throw new RangeError(
        `Working periods must be sorted and non-overlapping with start < end: ${period.start}–${period.end}`,
      );
    }
    previousEnd = end;
  }
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new RangeError(`Unknown IANA time zone: ${timeZone}`);
  }
}

export function buildCalendar(
  options: Partial<Omit<WorkingCalendar, 'days' | 'knownYears'>> & {
    days?: CalendarDay[];
    knownYears?: number[];
  },
): WorkingCalendar {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const periods = (options.periods ?? DEFAULT_PERIODS).map((period) => ({ ...period }));
  assertTimeZone(timeZone);
  assertPeriods(periods);
  const days = new Map<string, CalendarDay>();
  for (const day of options.days ?? []) {
    parseDateKey(day.date);
    days.set(day.date, { ...day });
  }
  return {
    timeZone,
    periods,
    days,
    knownYears: new Set(options.knownYears ?? []),
    plainUnits: options.plainUnits ?? 'working',
  };
}
