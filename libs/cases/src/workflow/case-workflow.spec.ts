import { ALL_ROLES, Role } from '@citygrid/common';
import { seededRandom } from '@citygrid/testing';
import { CaseAction, PendingRequest } from './case-action';
import { CaseStatus, TERMINAL_STATUSES } from './case-status';
import {
  allowedActions,
  decide,
  initialState,
  RefusalReason,
  replay,
  type WorkflowState,
} from './case-workflow';
import { TRANSITIONS } from './transition-table';

const withPhotos = { reason: 'as seen', photoCount: 1 };

/** Applies actions as the given roles; fails the test on any refusal. */
function walk(state: WorkflowState, steps: Array<[CaseAction, Role]>): WorkflowState {
  return steps.reduce((current, [action, role]) => {
    const decision = decide(current, action, [role], withPhotos);
    if (!decision.allowed)
      throw new Error(`${action} as ${role} from ${current.status}: ${decision.refusal}`);
    return decision.next;
  }, state);
}

describe('the transition table', () => {
  it('has one row per action, leaves terminal states alone and reaches every state', () => {
    expect(new Set(TRANSITIONS.map((t) => t.action)).size).toBe(TRANSITIONS.length);
    expect(new Set(TRANSITIONS.map((t) => t.action))).toEqual(new Set(Object.values(CaseAction)));
    for (const terminal of TERMINAL_STATUSES)
      expect(TRANSITIONS.filter((t) => t.from.includes(terminal))).toEqual([]);
    const reached = new Set([CaseStatus.Reported, ...TRANSITIONS.map((t) => t.to).filter(Boolean)]);
    expect(reached).toEqual(new Set(Object.values(CaseStatus)));
  });

  it('every request has its approval and refusal, every approval a request', () => {
    for (const request of Object.values(PendingRequest)) {
      expect(TRANSITIONS.filter((t) => t.raises === request)).toHaveLength(1);
      expect(TRANSITIONS.filter((t) => t.settles === request).length).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('decide', () => {
  it('walks the main path: file, dispatch, sign, feed back, approve, check, close', () => {
    const closed = walk(initialState(false), [
      [CaseAction.File, Role.Acceptor],
      [CaseAction.Dispatch, Role.Dispatcher],
      [CaseAction.Sign, Role.Handler],
      [CaseAction.Feedback, Role.Handler],
      [CaseAction.ApproveFeedback, Role.Dispatcher],
      [CaseAction.CheckPassed, Role.Inspector],
      [CaseAction.Close, Role.ShiftLeader],
    ]);
    expect(closed.status).toBe(CaseStatus.Closed);
    expect(allowedActions(closed, ALL_ROLES)).toEqual([]);
  });

  it('lets a grid manager accept and dispatch, but not close', () => {
    const dispatched = walk(initialState(false), [
      [CaseAction.File, Role.GridManager],
      [CaseAction.Dispatch, Role.GridManager],
    ]);
    expect(dispatched.status).toBe(CaseStatus.Dispatched);
    const atClose = { ...dispatched, status: CaseStatus.PendingClose };
    expect(decide(atClose, CaseAction.Close, [Role.GridManager])).toEqual({
      allowed: false,
      refusal: RefusalReason.ROLE_NOT_ALLOWED,
    });
  });

  it('verifies public reports before filing, and rejects with a reason only', () => {
    const verified = walk(initialState(false), [
      [CaseAction.SendToVerify, Role.Acceptor],
      [CaseAction.ReportVerified, Role.Inspector],
    ]);
    expect(verified.status).toBe(CaseStatus.Reported);
    expect(decide(verified, CaseAction.Reject, [Role.Acceptor], { reason: ' ' })).toMatchObject({
      refusal: RefusalReason.REASON_REQUIRED,
    });
    expect(decide(verified, CaseAction.Reject, [Role.Acceptor], { reason: '重复上报' })).toMatchObject({
      allowed: true,
      next: { status: CaseStatus.Cancelled },
    });
  });

  it('counts rework when a check fails, and needs photos for it', () => {
    const checking = { ...initialState(false), status: CaseStatus.Checking };
    expect(decide(checking, CaseAction.CheckFailed, [Role.Inspector], { reason: '未清理' })).toMatchObject({
      refusal: RefusalReason.PHOTOS_REQUIRED,
    });
    const rework = walk(checking, [[CaseAction.CheckFailed, Role.Inspector]]);
    expect(rework).toMatchObject({ status: CaseStatus.Handling, reworkCount: 1 });
  });

  it('handles returns, postponements and suspensions as request and approval', () => {
    const handling = walk(initialState(false), [
      [CaseAction.File, Role.Acceptor],
      [CaseAction.Dispatch, Role.Dispatcher],
      [CaseAction.Sign, Role.Handler],
    ]);
    expect(decide(handling, CaseAction.ApproveReturn, [Role.Dispatcher])).toMatchObject({
      refusal: RefusalReason.REQUEST_NOT_PENDING,
    });
    const asked = walk(handling, [[CaseAction.RequestReturn, Role.Handler]]);
    expect(asked.pending).toEqual([PendingRequest.Return]);
    expect(decide(asked, CaseAction.RequestReturn, [Role.Handler], withPhotos)).toMatchObject({
      refusal: RefusalReason.REQUEST_ALREADY_PENDING,
    });
    expect(walk(asked, [[CaseAction.ApproveReturn, Role.Dispatcher]])).toMatchObject({
      status: CaseStatus.PendingDispatch,
      pending: [],
      returnCount: 1,
    });
    expect(walk(asked, [[CaseAction.RefuseReturn, Role.Dispatcher]])).toMatchObject({
      status: CaseStatus.Handling,
      pending: [],
    });
    const suspended = walk(handling, [
      [CaseAction.RequestSuspension, Role.Handler],
      [CaseAction.ApproveSuspension, Role.ShiftLeader],
    ]);
    expect(suspended.status).toBe(CaseStatus.Suspended);
    expect(walk(suspended, [[CaseAction.Resume, Role.Dispatcher]]).status).toBe(CaseStatus.Handling);
    const postponed = walk(handling, [
      [CaseAction.RequestPostponement, Role.Handler],
      [CaseAction.ApprovePostponement, Role.Dispatcher],
    ]);
    expect(postponed).toMatchObject({ status: CaseStatus.Handling, pending: [] });
  });

  it('keeps a request pending across a status change while its approval still applies', () => {
    const asked = walk(initialState(false), [
      [CaseAction.File, Role.Acceptor],
      [CaseAction.Dispatch, Role.Dispatcher],
      [CaseAction.RequestReturn, Role.Handler],
      [CaseAction.RequestCancellation, Role.Dispatcher],
      [CaseAction.Sign, Role.Handler],
      [CaseAction.RequestSuspension, Role.Handler],
    ]);
    expect(asked.pending).toEqual([
      PendingRequest.Return,
      PendingRequest.Cancellation,
      PendingRequest.Suspension,
    ]);
    // Feedback leaves handling: return and suspension no longer apply, cancellation still does.
    const fedBack = walk(asked, [[CaseAction.Feedback, Role.Handler]]);
    expect(fedBack.pending).toEqual([PendingRequest.Cancellation]);
    expect(walk(fedBack, [[CaseAction.ApproveCancellation, Role.ShiftLeader]]).status).toBe(
      CaseStatus.Cancelled,
    );
  });

  it('audits self-handled reports straight to closing, and only those', () => {
    expect(decide(initialState(false), CaseAction.AuditSelfHandled, [Role.Acceptor])).toMatchObject({
      refusal: RefusalReason.NOT_ALLOWED_FROM_STATE,
    });
    expect(walk(initialState(true), [[CaseAction.AuditSelfHandled, Role.Acceptor]]).status).toBe(
      CaseStatus.PendingClose,
    );
  });

  it('cancels by request and the shift leader’s approval, and supervises any open case', () => {
    const supervised = walk(initialState(false), [[CaseAction.Supervise, Role.Supervisor]]);
    expect(supervised).toMatchObject({ status: CaseStatus.Reported, supervised: true });
    const cancelled = walk(supervised, [
      [CaseAction.RequestCancellation, Role.Acceptor],
      [CaseAction.ApproveCancellation, Role.ShiftLeader],
    ]);
    expect(cancelled.status).toBe(CaseStatus.Cancelled);
  });
});

describe('random sequences of actions (property)', () => {
  it('never reach a state the table does not allow, and the log replays to the same state', () => {
    const next = seededRandom(20261121);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    for (let run = 0; run < 2000; run++) {
      const selfHandled = next() < 0.1;
      let state = initialState(selfHandled);
      const log: CaseAction[] = [];
      for (let step = 0; step < 40 && !TERMINAL_STATUSES.includes(state.status); step++) {
        const role = pick(ALL_ROLES);
        const action = pick(Object.values(CaseAction));
        const input = next() < 0.8 ? withPhotos : {};
        const decision = decide(state, action, [role], input);
        if (!decision.allowed) {
          // A refusal changes nothing, and is right only if the action is not offered, or input was missing.
          const offered = allowedActions(state, [role]).includes(action);
          expect(
            offered ? [RefusalReason.REASON_REQUIRED, RefusalReason.PHOTOS_REQUIRED] : [decision.refusal],
          ).toContain(decision.refusal);
          continue;
        }
        expect(decision.rule.from).toContain(state.status);
        expect(decision.next.status).toBe(decision.rule.to ?? state.status);
        state = decision.next;
        log.push(action);
      }
      expect(replay(selfHandled, log)).toEqual(state);
    }
  });
});
