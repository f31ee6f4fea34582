import type { ObjectType, RateKey } from '../api/evaluation-types';

/** The rates and counts a ranking shows for an object type: what its scheme weighs (docs/evaluation.md). */
export interface ReportColumns {
  rates: readonly RateKey[];
  counts: readonly string[];
}

const AREA: ReportColumns = {
  rates: ['closingRate', 'onTimeClosingRate', 'onTimeDisposalRate', 'reworkRate'],
  counts: ['reported', 'filed', 'closed', 'open', 'openOverdue'],
};

const COLUMNS: Record<ObjectType, ReportColumns> = {
  street: AREA,
  community: AREA,
  'unit-grid': AREA,
  'responsibility-grid': AREA,
  department: {
    rates: ['closingRate', 'onTimeClosingRate', 'onTimeDisposalRate', 'reworkRate'],
    counts: ['received', 'handled', 'closed', 'open', 'handleOpenOverdue'],
  },
  inspector: {
    rates: ['validReportRate', 'onTimeVerifyRate', 'onTimeCheckRate'],
    counts: ['reported', 'valid', 'verified', 'checked', 'selfHandled'],
  },
  acceptor: {
    rates: ['onTimeAcceptRate', 'accurateFilingRate', 'onTimeFilingRate'],
    counts: ['accepted', 'filed', 'rejected', 'verifySent', 'cancelled'],
  },
  dispatcher: {
    rates: ['onTimeDispatchRate', 'accurateDispatchRate'],
    counts: ['dispatched', 'dispatchAccurate', 'dispatchWrong'],
  },
};

export const columnsOf = (type: ObjectType): ReportColumns => COLUMNS[type];
