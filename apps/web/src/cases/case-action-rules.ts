/**
 * What each action of the transition table needs from the user (docs/cases.md): a reason (a non-blank
 * `opinion`), photos, a department (dispatch) or an extension (postponement). The server checks all of it
 * again; the form only asks for the right fields.
 */
export interface ActionNeeds {
  reason: boolean;
  photos: boolean;
  department: boolean;
  /** `required`: the request must name it; `optional`: blank grants what was asked. */
  extension: 'required' | 'optional' | null;
}

const REASON = new Set([
  'reject',
  'reject_feedback',
  'check_failed',
  'request_return',
  'refuse_return',
  'request_postponement',
  'refuse_postponement',
  'request_suspension',
  'refuse_suspension',
  'request_cancellation',
  'refuse_cancellation',
  'supervise',
]);

const PHOTOS = new Set(['report_verified', 'feedback', 'check_passed', 'check_failed']);

export const needsOf = (action: string): ActionNeeds => ({
  reason: REASON.has(action),
  photos: PHOTOS.has(action),
  department: action === 'dispatch',
  extension:
    action === 'request_postponement' ? 'required' : action === 'approve_postponement' ? 'optional' : null,
});

/** Actions that end or turn a case away, shown apart from the main path's buttons. */
export const CAUTIOUS = new Set([
  'reject',
  'reject_feedback',
  'check_failed',
  'refuse_return',
  'refuse_postponement',
  'refuse_suspension',
  'refuse_cancellation',
  'approve_cancellation',
  'request_cancellation',
]);

export const EXTENSION_UNITS: readonly string[] = [
  'WORK_HOUR',
  'WORK_DAY',
  'HOUR',
  'DAY',
  'URGENT_HOUR',
  'URGENT_WORK_DAY',
];
