import {
  addDays,
  differenceInCalendarDays,
  endOfISOWeek,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  format,
  parseISO,
  startOfISOWeek,
  startOfMonth,
  startOfQuarter,
  startOfYear,
} from 'date-fns';
import type { EvaluationPeriodDto, Period } from './dto/evaluation-query.dto';
import { EvaluationException } from './evaluation.exception';

/** The longest range one question may cover. */
export const MAX_RANGE_DAYS = 3 * 366;

export interface DayRange {
  from: string;
  to: string;
}

const BOUNDS: Record<Period, [(d: Date) => Date, (d: Date) => Date]> = {
  day: [(d) => d, (d) => d],
  week: [startOfISOWeek, endOfISOWeek],
  month: [startOfMonth, endOfMonth],
  quarter: [startOfQuarter, endOfQuarter],
  year: [startOfYear, endOfYear],
};

const dayOf = (date: Date): string => format(date, 'yyyy-MM-dd');

/** The days asked for: `from`–`to`, or the `period` around `date` (city days; no time zone is involved). */
export function rangeOf(query: EvaluationPeriodDto): DayRange {
  const { from, to, period, date } = query;
  if (period || date) {
    if (from || to) throw EvaluationException.invalidPeriod('Give either from and to, or period and date');
    if (!period || !date) throw EvaluationException.invalidPeriod('period and date go together');
    const [start, end] = BOUNDS[period];
    const day = parseISO(date);
    return { from: dayOf(start(day)), to: dayOf(end(day)) };
  }
  if (!from || !to)
    throw EvaluationException.invalidPeriod('Give from and to (YYYY-MM-DD), or period and date');
  const span = differenceInCalendarDays(parseISO(to), parseISO(from));
  if (span < 0) throw EvaluationException.invalidPeriod('from must not be after to');
  if (span >= MAX_RANGE_DAYS) {
    throw EvaluationException.invalidPeriod(`A range covers at most ${MAX_RANGE_DAYS} days`);
  }
  return { from, to };
}

/** Every day of a range, in order. */
export function daysOf({ from, to }: DayRange): string[] {
  const days: string[] = [];
  for (let day = parseISO(from); dayOf(day) <= to; day = addDays(day, 1)) days.push(dayOf(day));
  return days;
}
