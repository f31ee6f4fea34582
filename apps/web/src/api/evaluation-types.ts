// The answers of the evaluation API (docs/evaluation.md): rankings, one object's days, outstanding problems.

export const OBJECT_TYPES = [
  'street',
  'community',
  'unit-grid',
  'responsibility-grid',
  'department',
  'inspector',
  'acceptor',
  'dispatcher',
] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const RATE_KEYS = [
  'validReportRate',
  'onTimeAcceptRate',
  'onTimeVerifyRate',
  'onTimeFilingRate',
  'accurateFilingRate',
  'publicReportRate',
  'onTimeDispatchRate',
  'accurateDispatchRate',
  'disposalRate',
  'onTimeDisposalRate',
  'overdueDisposalRate',
  'overduePendingRate',
  'postponementRate',
  'reworkRate',
  'closingRate',
  'onTimeClosingRate',
  'overdueClosingRate',
  'onTimeCheckRate',
] as const;
export type RateKey = (typeof RATE_KEYS)[number];

/** Fractions rounded to 4 decimals; null when there was nothing to measure. */
export type Rates = Record<RateKey, number | null>;
/** Every counter of docs/evaluation.md by its key (`closed`, `openOverdue`, …). */
export type Counters = Record<string, number>;

export interface EvaluationRow {
  id: string;
  name: string | null;
  counters: Counters;
  rates: Rates;
  score: number | null;
  grade: string | null;
  rank: number | null;
}

export interface EvaluationTable {
  objectType: ObjectType;
  from: string;
  to: string;
  /** Everything up to this instant is counted. */
  asOf: string | null;
  /** False when a day of the period up to today has not been built yet. */
  complete: boolean;
  scheme: { key: string; version: number; name: string };
  rows: EvaluationRow[];
}

export interface EvaluationDay {
  day: string;
  counters: Counters;
  rates: Rates;
}

export interface EvaluationDetail extends Omit<EvaluationTable, 'rows'> {
  object: EvaluationRow;
  series: EvaluationDay[];
}

export const OUTSTANDING_BY = [
  'street',
  'community',
  'unit-grid',
  'responsibility-grid',
  'department',
] as const;
export type OutstandingBy = (typeof OUTSTANDING_BY)[number];

export interface OutstandingRow {
  areaId: string | null;
  areaName: string | null;
  matterKind: string;
  matterCode: string;
  matterName: string | null;
  open: number;
  overdue: number;
}
