/**
 * The base counters of reference/domain.md §4.2 (docs/evaluation.md has the table). Flow counters count
 * activity rows on the city-time-zone day the row's step ended; stock counters are the cases standing at the
 * day's end, so a period's stock is its last day's.
 */
export const FLOW_COUNTERS = [
  'reported',
  'reportedByInspector',
  'reportedByPublic',
  'selfHandled',
  'accepted',
  'acceptedOnTime',
  'rejected',
  'verifySent',
  'verified',
  'verifiedOnTime',
  'filed',
  'filedOnTime',
  'filedPublic',
  'valid',
  'dispatched',
  'dispatchedOnTime',
  'dispatchAccurate',
  'dispatchWrong',
  'received',
  'handled',
  'handledOnTime',
  'handledOverdue',
  'rework',
  'returned',
  'postponed',
  'suspended',
  'cancelled',
  'checksSent',
  'checked',
  'checkedOnTime',
  'closed',
  'closedOnTime',
  'closedOverdue',
  'selfHandledClosed',
  'supervised',
] as const;

export const STOCK_COUNTERS = ['open', 'openOverdue', 'handleOpen', 'handleOpenOverdue'] as const;

export type FlowCounter = (typeof FLOW_COUNTERS)[number];
export type StockCounter = (typeof STOCK_COUNTERS)[number];
export type Counter = FlowCounter | StockCounter;
export const COUNTERS: readonly Counter[] = [...FLOW_COUNTERS, ...STOCK_COUNTERS];
export type Counters = Record<Counter, number>;

export const zeroCounters = (): Counters =>
  Object.fromEntries(COUNTERS.map((counter) => [counter, 0])) as Counters;

/** The database column of a counter: `handledOnTime` → `handled_on_time`. */
export const columnOf = (counter: Counter): string =>
  counter.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The "due" totals the rates divide by (应处置, 应结案): done in the period plus still open and overdue at its end. */
export const dueToHandle = (c: Counters): number => c.handled + c.handleOpenOverdue;
export const dueToClose = (c: Counters): number => c.closed + c.openOverdue;

/** A rate: numerator over denominator; null when there is nothing to divide by. */
export interface RateDefinition {
  /** The reference's name. */
  label: string;
  of: (c: Counters) => [numerator: number, denominator: number];
}

/** The rates of reference/domain.md §4.3 that the counters support (docs/evaluation.md). */
export const RATES = {
  validReportRate: { label: '有效上报率', of: (c) => [c.valid, c.reported] },
  onTimeAcceptRate: { label: '按期受理率', of: (c) => [c.acceptedOnTime, c.accepted] },
  onTimeVerifyRate: { label: '按期核实率', of: (c) => [c.verifiedOnTime, c.verified] },
  onTimeFilingRate: { label: '按时立案率', of: (c) => [c.filedOnTime, c.filed] },
  accurateFilingRate: { label: '准确立案率', of: (c) => [Math.max(0, c.filed - c.cancelled), c.filed] },
  publicReportRate: { label: '监督举报率', of: (c) => [c.filedPublic, c.filed] },
  onTimeDispatchRate: { label: '按期派遣率', of: (c) => [c.dispatchedOnTime, c.dispatched] },
  accurateDispatchRate: {
    label: '准确派遣率',
    of: (c) => [c.dispatchAccurate, c.dispatchAccurate + c.dispatchWrong],
  },
  disposalRate: { label: '处置率', of: (c) => [c.handled, dueToHandle(c)] },
  onTimeDisposalRate: { label: '按期处置率', of: (c) => [c.handledOnTime, dueToHandle(c)] },
  overdueDisposalRate: { label: '超期处置率', of: (c) => [c.handledOverdue, dueToHandle(c)] },
  overduePendingRate: { label: '超期待处置率', of: (c) => [c.handleOpenOverdue, dueToHandle(c)] },
  postponementRate: { label: '延期率', of: (c) => [c.postponed, dueToHandle(c)] },
  reworkRate: { label: '返工率', of: (c) => [c.rework, dueToClose(c)] },
  closingRate: { label: '结案率', of: (c) => [c.closed, dueToClose(c)] },
  onTimeClosingRate: { label: '按期结案率', of: (c) => [c.closedOnTime, dueToClose(c)] },
  overdueClosingRate: { label: '超期结案率', of: (c) => [c.closedOverdue, dueToClose(c)] },
  onTimeCheckRate: { label: '按期核查率', of: (c) => [c.checkedOnTime, c.checked] },
} satisfies Record<string, RateDefinition>;

export type RateKey = keyof typeof RATES;
export const RATE_KEYS = Object.keys(RATES) as RateKey[];
export type Rates = Record<RateKey, number | null>;

/** Rates rounded to 4 decimals (0.9375), null where the denominator is 0. */
export function ratesOf(counters: Counters): Rates {
  return Object.fromEntries(
    RATE_KEYS.map((key) => {
      const [numerator, denominator] = RATES[key].of(counters);
      return [key, denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null];
    }),
  ) as Rates;
}
