import {
  OBJECT_TYPES,
  OUTSTANDING_BY,
  PERIODS,
  RATE_KEYS,
  type ObjectType,
  type OutstandingBy,
  type Period,
  type RateKey,
} from '../api/evaluation-types';
import { CITY_TIME_ZONE } from '../config';

/** A period around a day, or a range of days (both included): the two forms the evaluation API takes. */
export type PeriodChoice = Period | 'range';

/** What the reports page shows, kept in the address (`#/reports?type=street&period=month&date=…`). */
export interface ReportQuery {
  type: ObjectType;
  period: PeriodChoice;
  /** A day in the period (YYYY-MM-DD, city time). */
  date: string;
  from: string;
  to: string;
  /** The object whose days the trend shows. */
  object: string | null;
  /** What the bars measure: the score or a rate. */
  metric: 'score' | RateKey;
  /** The layer the map shades. */
  map: 'street' | 'unit-grid';
  /** Outstanding problems grouped by this, optionally narrowed to matter codes starting with `matter`. */
  by: OutstandingBy;
  matter: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today in the city's time zone, YYYY-MM-DD. */
export const cityToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: CITY_TIME_ZONE }).format(now);

/** The first day of the month of a YYYY-MM-DD day. */
const monthStart = (day: string) => `${day.slice(0, 8)}01`;

const oneOf = <T extends string>(values: readonly T[], value: string | null, otherwise: T): T =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : otherwise;

const day = (value: string | null, otherwise: string) => (value && DAY.test(value) ? value : otherwise);

export function parseReportQuery(params: URLSearchParams, today = cityToday()): ReportQuery {
  const date = day(params.get('date'), today);
  return {
    type: oneOf(OBJECT_TYPES, params.get('type'), 'street'),
    period: oneOf<PeriodChoice>([...PERIODS, 'range'], params.get('period'), 'month'),
    date,
    from: day(params.get('from'), monthStart(date)),
    to: day(params.get('to'), date),
    object: params.get('object') || null,
    metric: oneOf<'score' | RateKey>(['score', ...RATE_KEYS], params.get('metric'), 'score'),
    map: oneOf(['street', 'unit-grid'] as const, params.get('map'), 'street'),
    by: oneOf(OUTSTANDING_BY, params.get('by'), 'street'),
    matter: /^\d{2,5}$/.test(params.get('matter') ?? '') ? params.get('matter')! : '',
  };
}

/** The address's query for a report: only what differs from the defaults is written. */
export function reportParams(query: ReportQuery, today = cityToday()): Record<string, string | null> {
  const range = query.period === 'range';
  return {
    type: query.type === 'street' ? null : query.type,
    period: query.period === 'month' ? null : query.period,
    date: range || query.date === today ? null : query.date,
    from: range ? query.from : null,
    to: range ? query.to : null,
    object: query.object,
    metric: query.metric === 'score' ? null : query.metric,
    map: query.map === 'street' ? null : query.map,
    by: query.by === 'street' ? null : query.by,
    matter: query.matter || null,
  };
}

/** The period as the evaluation API takes it. */
export const periodParams = (query: ReportQuery): Record<string, string> =>
  query.period === 'range' ? { from: query.from, to: query.to } : { period: query.period, date: query.date };

/** A rate as a percentage with one decimal (`93.8%`), or null. */
export const percent = (rate: number | null | undefined): string | null =>
  rate === null || rate === undefined ? null : `${(rate * 100).toFixed(1)}%`;
