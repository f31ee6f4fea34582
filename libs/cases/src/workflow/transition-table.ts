import { Role } from '@citygrid/common';
import { CaseAction, PendingRequest } from './case-action';
import { CaseStatus } from './case-status';

/** One row of the transition table (DESIGN.md §4): data, not code branches. */
export interface TransitionRule {
  action: CaseAction;
  /** The states the action applies in. */
  from: readonly CaseStatus[];
  /** The state it leads to; null keeps the state (requests, refusals, supervision). */
  to: CaseStatus | null;
  roles: readonly Role[];
  reasonRequired: boolean;
  photosRequired: boolean;
  /** A request: sets this pending flag, which must not be pending already. */
  raises?: PendingRequest;
  /** An approval or refusal: needs this request pending, and settles it. */
  settles?: PendingRequest;
  /** Only for a report the inspector handled on the spot (自行处置). */
  selfHandledOnly?: boolean;
  /** What the evaluation counts (reference/domain.md §4.2). */
  counts?: 'rework' | 'return';
}

const { Reported, Verifying, PendingDispatch, Dispatched, Handling, Suspended, PendingReview, Checking } =
  CaseStatus;
const { PendingClose, Closed, Cancelled } = CaseStatus;
const ACCEPTING = [Role.Acceptor, Role.ShiftLeader, Role.GridManager];
const DISPATCHING = [Role.Dispatcher, Role.ShiftLeader, Role.GridManager];
const APPROVING = [Role.Dispatcher, Role.ShiftLeader];
const DEPARTMENT = [Role.Handler, Role.DeptManager];
const OPEN = [
  Reported,
  Verifying,
  PendingDispatch,
  Dispatched,
  Handling,
  Suspended,
  PendingReview,
  Checking,
  PendingClose,
];

const rule = (
  action: CaseAction,
  from: CaseStatus[],
  to: CaseStatus | null,
  roles: readonly Role[],
  extra: Partial<TransitionRule> = {},
): TransitionRule => ({ action, from, to, roles, reasonRequired: false, photosRequired: false, ...extra });

/**
 * Who may do what from where. A grid manager acts as acceptor and dispatcher for the grids in scope; the
 * shift leader files, closes and approves cancellations; departments sign, handle and ask; inspectors verify
 * before filing and check after handling.
 */
export const TRANSITIONS: readonly TransitionRule[] = [
  rule(CaseAction.SendToVerify, [Reported], Verifying, ACCEPTING),
  rule(CaseAction.ReportVerified, [Verifying], Reported, [Role.Inspector], { photosRequired: true }),
  rule(CaseAction.Reject, [Reported], Cancelled, ACCEPTING, { reasonRequired: true }),
  rule(CaseAction.File, [Reported], PendingDispatch, ACCEPTING),
  rule(CaseAction.AuditSelfHandled, [Reported], PendingClose, ACCEPTING, { selfHandledOnly: true }),
  rule(CaseAction.Dispatch, [PendingDispatch], Dispatched, DISPATCHING),
  rule(CaseAction.Sign, [Dispatched], Handling, DEPARTMENT),
  rule(CaseAction.Feedback, [Handling], PendingReview, DEPARTMENT, { photosRequired: true }),
  rule(CaseAction.ApproveFeedback, [PendingReview], Checking, DISPATCHING),
  rule(CaseAction.RejectFeedback, [PendingReview], Handling, DISPATCHING, { reasonRequired: true }),
  rule(CaseAction.CheckPassed, [Checking], PendingClose, [Role.Inspector], { photosRequired: true }),
  rule(CaseAction.CheckFailed, [Checking], Handling, [Role.Inspector], {
    reasonRequired: true,
    photosRequired: true,
    counts: 'rework',
  }),
  rule(CaseAction.Close, [PendingClose], Closed, [Role.ShiftLeader]),
  rule(CaseAction.RequestReturn, [Dispatched, Handling], null, DEPARTMENT, {
    reasonRequired: true,
    raises: PendingRequest.Return,
  }),
  rule(CaseAction.ApproveReturn, [Dispatched, Handling], PendingDispatch, APPROVING, {
    settles: PendingRequest.Return,
    counts: 'return',
  }),
  rule(CaseAction.RefuseReturn, [Dispatched, Handling], null, APPROVING, {
    reasonRequired: true,
    settles: PendingRequest.Return,
  }),
  rule(CaseAction.RequestPostponement, [Handling], null, DEPARTMENT, {
    reasonRequired: true,
    raises: PendingRequest.Postponement,
  }),
  rule(CaseAction.ApprovePostponement, [Handling], null, APPROVING, { settles: PendingRequest.Postponement }),
  rule(CaseAction.RefusePostponement, [Handling], null, APPROVING, {
    reasonRequired: true,
    settles: PendingRequest.Postponement,
  }),
  rule(CaseAction.RequestSuspension, [Handling], null, DEPARTMENT, {
    reasonRequired: true,
    raises: PendingRequest.Suspension,
  }),
  rule(CaseAction.ApproveSuspension, [Handling], Suspended, APPROVING, {
    settles: PendingRequest.Suspension,
  }),
  rule(CaseAction.RefuseSuspension, [Handling], null, APPROVING, {
    reasonRequired: true,
    settles: PendingRequest.Suspension,
  }),
  rule(CaseAction.Resume, [Suspended], Handling, APPROVING),
  rule(CaseAction.RequestCancellation, OPEN, null, [Role.Acceptor, Role.Dispatcher, Role.GridManager], {
    reasonRequired: true,
    raises: PendingRequest.Cancellation,
  }),
  rule(CaseAction.ApproveCancellation, OPEN, Cancelled, [Role.ShiftLeader], {
    settles: PendingRequest.Cancellation,
  }),
  rule(CaseAction.RefuseCancellation, OPEN, null, [Role.ShiftLeader], {
    reasonRequired: true,
    settles: PendingRequest.Cancellation,
  }),
  rule(CaseAction.Supervise, OPEN, null, [Role.Supervisor, Role.ShiftLeader], { reasonRequired: true }),
];

export const TRANSITION_OF: ReadonlyMap<CaseAction, TransitionRule> = new Map(
  TRANSITIONS.map((t) => [t.action, t]),
);
