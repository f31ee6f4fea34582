import { hasAnyRole, type Role } from '@citygrid/common';
import { CaseAction, PendingRequest } from './case-action';
import { CaseStatus } from './case-status';
import { TRANSITION_OF, TRANSITIONS, type TransitionRule } from './transition-table';

/** What the table needs to know of a case. */
export interface WorkflowState {
  status: CaseStatus;
  pending: readonly PendingRequest[];
  selfHandled: boolean;
  reworkCount: number;
  returnCount: number;
  supervised: boolean;
}

export interface ActionInput {
  reason?: string | null;
  photoCount?: number;
}

export enum RefusalReason {
  NOT_ALLOWED_FROM_STATE = 'NOT_ALLOWED_FROM_STATE',
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  REASON_REQUIRED = 'REASON_REQUIRED',
  PHOTOS_REQUIRED = 'PHOTOS_REQUIRED',
  REQUEST_NOT_PENDING = 'REQUEST_NOT_PENDING',
  REQUEST_ALREADY_PENDING = 'REQUEST_ALREADY_PENDING',
}

export type Decision =
  { allowed: true; rule: TransitionRule; next: WorkflowState } | { allowed: false; refusal: RefusalReason };

/** Whether the action fits the state alone (not who asks, nor what they send). */
function fitsState(rule: TransitionRule, state: WorkflowState): RefusalReason | null {
  if (!rule.from.includes(state.status)) return RefusalReason.NOT_ALLOWED_FROM_STATE;
  if (rule.selfHandledOnly && !state.selfHandled) return RefusalReason.NOT_ALLOWED_FROM_STATE;
  if (rule.raises && state.pending.includes(rule.raises)) return RefusalReason.REQUEST_ALREADY_PENDING;
  if (rule.settles && !state.pending.includes(rule.settles)) return RefusalReason.REQUEST_NOT_PENDING;
  return null;
}

const canSettle = (request: PendingRequest, status: CaseStatus): boolean =>
  TRANSITIONS.some((rule) => rule.settles === request && rule.from.includes(status));

/** The state after an allowed action: the table's target, pending requests raised or settled, counters. */
function apply(rule: TransitionRule, state: WorkflowState): WorkflowState {
  const status = rule.to ?? state.status;
  // A request lives on while its approval still applies: a cancellation asked survives feedback, a return
  // asked survives signing, but a suspension asked ends when the case leaves handling.
  const pending = state.pending
    .filter((p) => p !== rule.settles && canSettle(p, status))
    .concat(rule.raises ? [rule.raises] : []);
  return {
    status,
    pending,
    selfHandled: state.selfHandled,
    reworkCount: state.reworkCount + (rule.counts === 'rework' ? 1 : 0),
    returnCount: state.returnCount + (rule.counts === 'return' ? 1 : 0),
    supervised: state.supervised || rule.action === CaseAction.Supervise,
  };
}

/** Checks one action against the transition table: state, role, reason, photos, pending requests. */
export function decide(
  state: WorkflowState,
  action: CaseAction,
  roles: readonly Role[],
  input: ActionInput = {},
): Decision {
  const rule = TRANSITION_OF.get(action);
  if (!rule) return { allowed: false, refusal: RefusalReason.NOT_ALLOWED_FROM_STATE };
  const misfit = fitsState(rule, state);
  if (misfit) return { allowed: false, refusal: misfit };
  if (!hasAnyRole({ roles }, rule.roles)) return { allowed: false, refusal: RefusalReason.ROLE_NOT_ALLOWED };
  if (rule.reasonRequired && !input.reason?.trim())
    return { allowed: false, refusal: RefusalReason.REASON_REQUIRED };
  if (rule.photosRequired && !(input.photoCount && input.photoCount > 0)) {
    return { allowed: false, refusal: RefusalReason.PHOTOS_REQUIRED };
  }
  return { allowed: true, rule, next: apply(rule, state) };
}

/** The actions the state allows for someone with these roles (what a client may offer as buttons). */
export function allowedActions(state: WorkflowState, roles: readonly Role[]): CaseAction[] {
  return TRANSITIONS.filter((rule) => !fitsState(rule, state) && hasAnyRole({ roles }, rule.roles)).map(
    (rule) => rule.action,
  );
}

/** A new report's state: self-handled reports wait for the acceptor's audit. */
export const initialState = (selfHandled: boolean): WorkflowState => ({
  status: CaseStatus.Reported,
  pending: [],
  selfHandled,
  reworkCount: 0,
  returnCount: 0,
  supervised: false,
});

/**
 * Replays a case's activity log from its first state: what evaluation and audits rely on. Throws if a
 * logged action was not allowed where it stands in the log.
 */
export function replay(selfHandled: boolean, actions: readonly CaseAction[]): WorkflowState {
  return actions.reduce((state, action) => {
    const rule = TRANSITION_OF.get(action);
    const misfit = rule ? fitsState(rule, state) : RefusalReason.NOT_ALLOWED_FROM_STATE;
    if (!rule || misfit) throw new Error(`${action} is not allowed from ${state.status} (${misfit})`);
    return apply(rule, state);
  }, initialState(selfHandled));
}

/**
 * An action the system takes on its own (auto-dispatch, automatic 督办): the table's rules on states and
 * requests apply, its roles do not. Null where the action does not fit the state.
 */
export function systemDecide(
  state: WorkflowState,
  action: CaseAction,
): Extract<Decision, { allowed: true }> | null {
  const rule = TRANSITION_OF.get(action);
  if (!rule || fitsState(rule, state)) return null;
  return { allowed: true, rule, next: apply(rule, state) };
}
