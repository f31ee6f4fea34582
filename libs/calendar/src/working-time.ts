import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import { TimeUnit } from './time-unit';
import { clockMinutes, isWorkingDay, type WorkingCalendar } from './working-calendar';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** More than a year without a single working day can only be a data error; stop instead of looping forever. */
const MAX_IDLE_DAYS = 400;

/** How a unit is counted: on a continuous clock, or only inside working periods. */
interface UnitClock {
  clock: 'continuous' | 'working';
  ms: number;
}

/** A working window as epoch milliseconds, [start, end). */
type Window = readonly [number, number];

export function minutesPerWorkingDay(calendar: WorkingCalendar): number {
  return calendar.periods.reduce(
    (sum, period) => sum + clockMinutes(period.end) - clockMinutes(period.start),
    0,
  );
}

function unitClock(unit: TimeUnit, calendar: WorkingCalendar): UnitClock {
  const natural = calendar.plainUnits === 'natural';
  switch (unit) {
    case TimeUnit.URGENT_MINUTE:
      return { clock: 'continuous', ms: MINUTE_MS };
    case TimeUnit.URGENT_HOUR:
      return { clock: 'continuous', ms: HOUR_MS };
    case TimeUnit.URGENT_WORK_DAY:
      return { clock: 'continuous', ms: DAY_MS };
    case TimeUnit.WORK_MINUTE:
      return { clock: 'working', ms: MINUTE_MS };
    case TimeUnit.WORK_HOUR:
      return { clock: 'working', ms: HOUR_MS };
    case TimeUnit.WORK_DAY:
      return { clock: 'working', ms: minutesPerWorkingDay(calendar) * MINUTE_MS };
    case TimeUnit.HOUR:
      return natural ? { clock: 'continuous', ms: HOUR_MS } : unitClock(TimeUnit.WORK_HOUR, calendar);
    case TimeUnit.DAY:
      return natural ? { clock: 'continuous', ms: DAY_MS } : unitClock(TimeUnit.WORK_DAY, calendar);
    default:
      throw new RangeError(`Unknown time unit: ${String(unit satisfies never)}`);
  }
}

/** Periods as minutes after local midnight, parsed once per call rather than once per day. */
function periodMinutes(calendar: WorkingCalendar): (readonly [number, number])[] {
  return calendar.periods.map((period) => [clockMinutes(period.start), clockMinutes(period.end)] as const);
}

function dateKey(day: TZDate): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

function windowsOfDay(
  calendar: WorkingCalendar,
  periods: (readonly [number, number])[],
  day: TZDate,
): Window[] {
  if (!isWorkingDay(calendar, dateKey(day))) return [];
  const [year, month, date] = [day.getFullYear(), day.getMonth(), day.getDate()];
  const at = (minutes: number): number =>
    new TZDate(year, month, date, 0, minutes, calendar.timeZone).getTime();
  return periods.map(([start, end]): Window => [at(start), at(end)]);
}

/** A local day of a calendar: its working windows and where the days either side of it start. */
interface CalendarDay {
  windows: Window[];
  next: number;
  previous: number;
}

/**
 * Days already worked out, per calendar object (CalendarService keeps one for a while): deadline arithmetic
 * walks the same few days over and over, and time-zone arithmetic is what costs.
 */
const knownDays = new WeakMap<WorkingCalendar, Map<number, CalendarDay>>();

function calendarDay(calendar: WorkingCalendar, dayStartMs: number): CalendarDay {
  let days = knownDays.get(calendar);
  if (!days) knownDays.set(calendar, (days = new Map()));
  let known = days.get(dayStartMs);
  if (!known) {
    const day = new TZDate(dayStartMs, calendar.timeZone);
    known = {
      windows: windowsOfDay(calendar, periodMinutes(calendar), day),
      next: addDays(day, 1).getTime(),
      previous: addDays(day, -1).getTime(),
    };
    days.set(dayStartMs, known);
  }
  return known;
}

/** Instants are looked up by the quarter hour they fall in: every time zone in use today is offset by whole ones. */
const QUARTER_MS = 15 * MINUTE_MS;

/** Where the local day holding each quarter hour starts, per calendar object, as knownDays keeps the days. */
const knownDayStarts = new WeakMap<WorkingCalendar, Map<number, number>>();

/**
 * Where the local day containing `ms` starts. Every deadline computation begins here, and working it out is a
 * time-zone conversion (the costly part), so it is remembered per quarter hour. A quarter hour that a day
 * boundary cuts (an offset in odd minutes, as some historic ones were) is worked out every time instead.
 */
function dayStartOf(calendar: WorkingCalendar, ms: number): number {
  let starts = knownDayStarts.get(calendar);
  if (!starts) knownDayStarts.set(calendar, (starts = new Map()));
  const quarter = Math.floor(ms / QUARTER_MS);
  const known = starts.get(quarter);
  if (known !== undefined) return known;
  const start = startOfDay(new TZDate(ms, calendar.timeZone)).getTime();
  const quarterStart = quarter * QUARTER_MS;
  if (start <= quarterStart && quarterStart + QUARTER_MS <= calendarDay(calendar, start).next) {
    starts.set(quarter, start);
  }
  return start;
}

/**
 * Working windows day by day from the local day containing `fromMs`, forwards (step 1) or backwards (step -1),
 * in walking order. Windows of that first day may lie on either side of `fromMs`; callers clip them.
 */
function* workingWindows(calendar: WorkingCalendar, fromMs: number, step: 1 | -1): Generator<Window> {
  let dayStart = dayStartOf(calendar, fromMs);
  for (let idle = 0; idle <= MAX_IDLE_DAYS;) {
    const day = calendarDay(calendar, dayStart);
    idle = day.windows.length === 0 ? idle + 1 : 0;
    yield* step === 1 ? day.windows : [...day.windows].reverse();
    dayStart = step === 1 ? day.next : day.previous;
  }
  throw new RangeError(`No working day within ${MAX_IDLE_DAYS} days of ${new Date(fromMs).toISOString()}`);
}

/** Ending exactly at a period end returns the period end, not the next period start. */
function addWorkingForward(calendar: WorkingCalendar, startMs: number, workingMs: number): number {
  let remaining = workingMs;
  for (const [windowStart, windowEnd] of workingWindows(calendar, startMs, 1)) {
    if (windowEnd <= startMs) continue;
    const from = Math.max(windowStart, startMs);
    if (remaining <= windowEnd - from) return from + remaining;
    remaining -= windowEnd - from;
  }
  throw new Error('unreachable: workingWindows never ends without throwing');
}

/** The mirror image of addWorkingForward: ending exactly at a period start returns the period start. */
function subtractWorking(calendar: WorkingCalendar, startMs: number, workingMs: number): number {
  let remaining = workingMs;
  for (const [windowStart, windowEnd] of workingWindows(calendar, startMs, -1)) {
    if (windowStart >= startMs) continue;
    const to = Math.min(windowEnd, startMs);
    if (remaining <= to - windowStart) return to - remaining;
    remaining -= to - windowStart;
  }
  throw new Error('unreachable: workingWindows never ends without throwing');
}

function workingMsBetween(calendar: WorkingCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  for (const [windowStart, windowEnd] of workingWindows(calendar, fromMs, 1)) {
    if (windowStart >= toMs) return total;
    total += Math.max(0, Math.min(windowEnd, toMs) - Math.max(windowStart, fromMs));
  }
  return total;
}

function assertInstant(date: Date, name: string): number {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`${name} is not a valid date`);
  return ms;
}

/**
 * The instant `amount` `unit`s after `start`. Working units count only working periods of working days; a working
 * clock started outside working time starts at the next period start. A negative amount walks backwards.
 * An amount of 0 returns `start` for every unit: a limit of "0" is due now.
 */
export function addWorkingTime(start: Date, amount: number, unit: TimeUnit, calendar: WorkingCalendar): Date {
  const startMs = assertInstant(start, 'start');
  if (!Number.isFinite(amount)) throw new RangeError(`amount must be a finite number: ${amount}`);
  const { clock, ms } = unitClock(unit, calendar);
  if (amount === 0) return new Date(startMs);
  const totalMs = Math.round(Math.abs(amount) * ms);
  if (clock === 'continuous') return new Date(startMs + Math.sign(amount) * totalMs);
  return new Date(
    amount > 0 ? addWorkingForward(calendar, startMs, totalMs) : subtractWorking(calendar, startMs, totalMs),
  );
}

/** Time from `a` to `b` in `unit`s (fractional, negative when b < a): the inverse of addWorkingTime. */
export function workingTimeBetween(a: Date, b: Date, unit: TimeUnit, calendar: WorkingCalendar): number {
  const aMs = assertInstant(a, 'a');
  const bMs = assertInstant(b, 'b');
  const { clock, ms } = unitClock(unit, calendar);
  if (bMs < aMs) return -workingTimeBetween(b, a, unit, calendar) || 0;
  const elapsedMs = clock === 'continuous' ? bMs - aMs : workingMsBetween(calendar, aMs, bMs);
  return elapsedMs / ms;
}
