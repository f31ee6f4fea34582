import { addWorkingTime, CalendarService, TimeUnit, workingTimeBetween } from '@citygrid/calendar';
import {
  CaseAction,
  CaseStatus,
  decide,
  initialState,
  REFUSAL_ERRORS,
  TERMINAL_STATUSES,
  replay,
  type CaseDetailDto,
  type WorkflowState,
} from '@citygrid/cases';
import { ErrorKind, Role } from '@citygrid/common';
import { seededRandom } from '@citygrid/testing';
import { DataSource } from 'typeorm';
import { ApiClient, errorCode, errorDetails, signIn, type ApiResponse } from '../support/api-client';
import { act, photo, report } from '../support/cases';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { centreOf } from '../support/demo-city-points';

const GRID = '330191001001001';

type Who =
  | 'inspector'
  | 'gm'
  | 'otherGm'
  | 'acceptor'
  | 'dispatcher'
  | 'shiftleader'
  | 'supervisor'
  | 'handler'
  | 'otherHandler';
const USERNAMES: Record<Who, string> = {
  inspector: 'inspector-1',
  gm: 'gm-1',
  otherGm: 'gm-2',
  acceptor: 'acceptor',
  dispatcher: 'dispatcher',
  shiftleader: 'shiftleader',
  supervisor: 'supervisor',
  handler: 'handler-sanitation-1',
  otherHandler: 'handler-enforcement-1',
};
const ROLES: Record<Who, Role[]> = {
  inspector: [Role.Inspector],
  gm: [Role.GridManager],
  otherGm: [Role.GridManager],
  acceptor: [Role.Acceptor],
  dispatcher: [Role.Dispatcher],
  shiftleader: [Role.ShiftLeader],
  supervisor: [Role.Supervisor],
  handler: [Role.Handler],
  otherHandler: [Role.Handler],
};

const STATUS_OF_KIND: Partial<Record<ErrorKind, number>> = {
  [ErrorKind.Conflict]: 409,
  [ErrorKind.Forbidden]: 403,
  [ErrorKind.Rule]: 422,
};

const stateOf = (c: CaseDetailDto): WorkflowState => ({
  status: c.status,
  pending: c.pending,
  selfHandled: c.selfHandled,
  reworkCount: c.reworkCount,
  returnCount: c.returnCount,
  supervised: c.supervised,
});

/** The log replays to the case's state: the activity rows alone say where the case stands. */
function expectReplayable(c: CaseDetailDto): void {
  const actions = c.activities.slice(1).map((a) => a.action as CaseAction);
  expect(c.activities[0].action).toBe('report');
  expect(replay(c.selfHandled, actions)).toEqual(stateOf(c));
}

describe('the case workflow over HTTP', () => {
  let api: TestApp;
  let dataSource: DataSource;
  const as = {} as Record<Who, ApiClient>;
  let sanitation: string;
  let enforcement: string;
  let image: Buffer;
  /** Every action some test took successfully: at the end, all of them. */
  const taken = new Set<string>();

  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
    const signedIn = await Promise.all(Object.values(USERNAMES).map((username) => signIn(api.url, username)));
    (Object.keys(USERNAMES) as Who[]).forEach((who, i) => (as[who] = signedIn[i]));
    const departmentId = async (code: string) =>
      (await dataSource.query('SELECT id FROM departments WHERE code = $1', [code]))[0].id as string;
    [sanitation, enforcement] = await Promise.all([
      departmentId('sanitation-330191'),
      departmentId('enforcement-330191'),
    ]);
    image = await photo();
  });

  afterAll(async () => {
    await api.close();
  });

  const fresh = async (fields: Record<string, unknown> = {}): Promise<CaseDetailDto> => {
    const response = await report(as.inspector, centreOf(GRID), fields, { photos: [image] });
    expect(response.status).toBe(201);
    return response.body;
  };

  /** One step that must succeed. */
  const step = async (
    who: Who,
    seen: CaseDetailDto,
    action: CaseAction,
    fields: Record<string, unknown> = {},
    photos = 0,
  ): Promise<CaseDetailDto> => {
    const response = await act(as[who], seen, action, fields, { photos: Array<Buffer>(photos).fill(image) });
    if (response.status !== 200)
      throw new Error(`${action} by ${who}: ${response.status} ${JSON.stringify(response.body)}`);
    expect(response.body.version).toBe(seen.version + 1);
    taken.add(action);
    return response.body;
  };

  const toDispatched = async (c: CaseDetailDto, departmentId = sanitation) => {
    const filed = await step('acceptor', c, CaseAction.File);
    return step('dispatcher', filed, CaseAction.Dispatch, { departmentId, opinion: '请尽快清理' });
  };
  const toHandling = async () => step('handler', await toDispatched(await fresh()), CaseAction.Sign);

  it('walks the main path from report to close, logging each step with its deadline', async () => {
    const dispatched = await toDispatched(await fresh());
    expect(dispatched).toMatchObject({
      status: CaseStatus.Dispatched,
      departmentId: sanitation,
      step: { step: 'sign' },
    });
    const handling = await step('handler', dispatched, CaseAction.Sign);
    expect(handling.step?.step).toBe('handle');
    // Handling counts from dispatch: signing for the case is part of its time.
    expect(handling.step?.startedAt).toBe(dispatched.activities.at(-1)?.endedAt);
    const fedBack = await step('handler', handling, CaseAction.Feedback, { opinion: '已清理' }, 1);
    const reviewed = await step('dispatcher', fedBack, CaseAction.ApproveFeedback);
    const checked = await step('inspector', reviewed, CaseAction.CheckPassed, { opinion: '现场已清理' }, 1);
    const closed = await step('shiftleader', checked, CaseAction.Close);
    expect(closed).toMatchObject({ status: CaseStatus.Closed, step: null, allowedActions: [] });
    expect(closed.activities.map((a) => [a.action, a.fromStatus, a.toStatus])).toEqual([
      ['report', null, 'REPORTED'],
      ['file', 'REPORTED', 'PENDING_DISPATCH'],
      ['dispatch', 'PENDING_DISPATCH', 'DISPATCHED'],
      ['sign', 'DISPATCHED', 'HANDLING'],
      ['feedback', 'HANDLING', 'PENDING_REVIEW'],
      ['approve_feedback', 'PENDING_REVIEW', 'CHECKING'],
      ['check_passed', 'CHECKING', 'PENDING_CLOSE'],
      ['close', 'PENDING_CLOSE', 'CLOSED'],
    ]);
    expect(closed.activities[2]).toMatchObject({
      actorRole: 'dispatcher',
      opinion: '请尽快清理',
      departmentId: sanitation,
    });
    expect(closed.activities[2].details).toMatchObject({ departmentId: sanitation });
    for (const activity of closed.activities.slice(1)) expect(activity.deadline).not.toBeNull();
    expect(closed.deadlines.map((d) => [d.step, d.onTime])).toEqual([
      ['accept', true],
      ['dispatch', true],
      ['sign', true],
      ['handle', true],
      ['review', true],
      ['check', true],
      ['close', true],
    ]);
    expect(closed.photos.map((p) => p.stage)).toEqual(['report', 'handling', 'check']);
    expectReplayable(closed);
  });

  it('verifies a report before filing, and rejects one only with a reason', async () => {
    const sent = await step('acceptor', await fresh(), CaseAction.SendToVerify);
    expect(sent.step?.step).toBe('verify');
    const noPhoto = await act(as.inspector, sent, CaseAction.ReportVerified, { opinion: '属实' });
    expect([noPhoto.status, errorCode(noPhoto)]).toEqual([422, 'CASE_PHOTOS_REQUIRED']);
    const verified = await step('inspector', sent, CaseAction.ReportVerified, { opinion: '属实' }, 1);
    expect(verified.status).toBe(CaseStatus.Reported);
    const bare = await act(as.gm, verified, CaseAction.Reject, { opinion: '  ' });
    expect([bare.status, errorCode(bare)]).toEqual([422, 'CASE_REASON_REQUIRED']);
    const rejected = await step('gm', verified, CaseAction.Reject, { opinion: '重复上报' });
    expect(rejected).toMatchObject({ status: CaseStatus.Cancelled, allowedActions: [] });
    expectReplayable(rejected);
  });

  it('sends a self-handled report to closing after the acceptor’s audit, and only such a report', async () => {
    const ordinary = await act(as.acceptor, await fresh(), CaseAction.AuditSelfHandled);
    expect([ordinary.status, errorCode(ordinary)]).toEqual([409, 'CASE_TRANSITION_NOT_ALLOWED']);
    const own = await fresh({ selfHandled: true });
    expect(own.allowedActions).toEqual([]);
    const audited = await step('acceptor', own, CaseAction.AuditSelfHandled);
    expect(audited).toMatchObject({ status: CaseStatus.PendingClose, selfHandled: true });
    expectReplayable(await step('shiftleader', audited, CaseAction.Close));
  });

  it('returns a case by request and approval: counted, taken from the department, dispatched again', async () => {
    const dispatched = await toDispatched(await fresh());
    const asked = await step('handler', dispatched, CaseAction.RequestReturn, { opinion: '非本单位职责' });
    expect(asked.pending).toEqual(['return']);
    const again = await act(as.handler, asked, CaseAction.RequestReturn, { opinion: '再次申请' });
    expect([again.status, errorCode(again)]).toEqual([409, 'CASE_REQUEST_ALREADY_PENDING']);
    const refused = await step('dispatcher', asked, CaseAction.RefuseReturn, { opinion: '属于环卫职责' });
    expect(refused).toMatchObject({ status: CaseStatus.Dispatched, pending: [] });
    const noRequest = await act(as.dispatcher, refused, CaseAction.ApproveReturn);
    expect([noRequest.status, errorCode(noRequest)]).toEqual([409, 'CASE_REQUEST_NOT_PENDING']);
    const askedAgain = await step('handler', refused, CaseAction.RequestReturn, { opinion: '确属执法职责' });
    const returned = await step('shiftleader', askedAgain, CaseAction.ApproveReturn);
    expect(returned).toMatchObject({
      status: CaseStatus.PendingDispatch,
      returnCount: 1,
      departmentId: null,
    });
    expect(returned.activities.at(-1)?.departmentId).toBe(sanitation);
    const gone = await as.handler.get(`/api/v1/cases/${returned.id}`);
    expect([gone.status, errorCode(gone)]).toEqual([403, 'CASE_OUT_OF_SCOPE']);
    const redispatched = await step('dispatcher', returned, CaseAction.Dispatch, {
      departmentId: enforcement,
    });
    const signed = await step('otherHandler', redispatched, CaseAction.Sign);
    expect(signed.departmentId).toBe(enforcement);
    expectReplayable(signed);
  });

  it('sends rejected feedback back to handling, and counts rework when the check fails', async () => {
    const fedBack = await step('handler', await toHandling(), CaseAction.Feedback, { opinion: '已处理' }, 1);
    const bounced = await step('dispatcher', fedBack, CaseAction.RejectFeedback, { opinion: '照片看不清' });
    expect(bounced.status).toBe(CaseStatus.Handling);
    // Rejected feedback keeps the handling clock of the dispatch.
    expect(bounced.step?.dueAt).toBe(fedBack.activities.at(-1)?.extendedDeadline);
    const fedAgain = await step('handler', bounced, CaseAction.Feedback, { opinion: '已重新处理' }, 1);
    const checking = await step('gm', fedAgain, CaseAction.ApproveFeedback);
    const noReason = await act(as.inspector, checking, CaseAction.CheckFailed, {}, { photos: [image] });
    expect([noReason.status, errorCode(noReason)]).toEqual([422, 'CASE_REASON_REQUIRED']);
    const rework = await step('inspector', checking, CaseAction.CheckFailed, { opinion: '仍有垃圾' }, 1);
    expect(rework).toMatchObject({ status: CaseStatus.Handling, reworkCount: 1, departmentId: sanitation });
    // Rework restarts the handling clock at the failed check.
    expect(rework.step?.startedAt).toBe(rework.activities.at(-1)?.endedAt);
    expectReplayable(rework);
  });

  it('extends the handling deadline by the postponement granted', async () => {
    const calendar = await api.app.get(CalendarService).calendar();
    const handling = await toHandling();
    const vague = await act(as.handler, handling, CaseAction.RequestPostponement, { opinion: '需协调' });
    expect([vague.status, errorCode(vague)]).toEqual([400, 'VALIDATION_FAILED']);
    const twoHours = { opinion: '需要清运车', extensionAmount: 2, extensionUnit: TimeUnit.WORK_HOUR };
    const asked = await step('handler', handling, CaseAction.RequestPostponement, twoHours);
    expect(asked).toMatchObject({
      pending: ['postponement'],
      requestedExtension: { amount: 2, unit: 'WORK_HOUR' },
    });
    const refused = await step('dispatcher', asked, CaseAction.RefusePostponement, {
      opinion: '时限内可完成',
    });
    expect(refused).toMatchObject({
      pending: [],
      requestedExtension: null,
      step: { dueAt: handling.step?.dueAt },
    });
    const askedAgain = await step('handler', refused, CaseAction.RequestPostponement, twoHours);
    const granted = await step('dispatcher', askedAgain, CaseAction.ApprovePostponement);
    const expected = addWorkingTime(new Date(handling.step!.dueAt), 2, TimeUnit.WORK_HOUR, calendar);
    expect(granted.step?.dueAt).toBe(expected.toISOString());
    expect(granted.activities.at(-1)?.details).toMatchObject({ extension: { amount: 2, unit: 'WORK_HOUR' } });
    expectReplayable(granted);
  });

  it('stops the clock while suspended and moves the deadline by the time stood still', async () => {
    const calendar = await api.app.get(CalendarService).calendar();
    const handling = await toHandling();
    const asked = await step('handler', handling, CaseAction.RequestSuspension, {
      opinion: '需等待工程施工',
    });
    const suspended = await step('dispatcher', asked, CaseAction.ApproveSuspension);
    expect(suspended).toMatchObject({ status: CaseStatus.Suspended, step: null, pending: [] });
    const resumed = await step('dispatcher', suspended, CaseAction.Resume);
    expect(resumed.status).toBe(CaseStatus.Handling);
    const [from, to] = [suspended, resumed].map((c) => new Date(c.activities.at(-1)!.endedAt));
    const limitUnit = handling.handleLimit.unit;
    const stood = workingTimeBetween(from, to, limitUnit, calendar);
    const expected =
      stood > 0
        ? addWorkingTime(new Date(handling.step!.dueAt), stood, limitUnit, calendar)
        : new Date(handling.step!.dueAt);
    expect(Math.abs(new Date(resumed.step!.dueAt).getTime() - expected.getTime())).toBeLessThanOrEqual(1);
    const refusedCase = await step('handler', resumed, CaseAction.RequestSuspension, { opinion: '再次挂账' });
    const refused = await step('shiftleader', refusedCase, CaseAction.RefuseSuspension, {
      opinion: '不符合挂账条件',
    });
    expect(refused).toMatchObject({ status: CaseStatus.Handling, pending: [] });
    expectReplayable(refused);
  });

  it('cancels only with the shift leader’s approval, and supervises any open case', async () => {
    const c = await fresh();
    const unexplained = await act(as.supervisor, c, CaseAction.Supervise);
    expect([unexplained.status, errorCode(unexplained)]).toEqual([422, 'CASE_REASON_REQUIRED']);
    const supervised = await step('supervisor', c, CaseAction.Supervise, {
      opinion: '群众反映强烈，限期处理',
    });
    expect(supervised).toMatchObject({ supervised: true, status: CaseStatus.Reported });
    const asked = await step('acceptor', supervised, CaseAction.RequestCancellation, { opinion: '重复案件' });
    const notTheirs = await act(as.dispatcher, asked, CaseAction.ApproveCancellation);
    expect([notTheirs.status, errorCode(notTheirs)]).toEqual([403, 'CASE_ACTION_FORBIDDEN']);
    const kept = await step('shiftleader', asked, CaseAction.RefuseCancellation, { opinion: '并非重复' });
    const askedAgain = await step('gm', kept, CaseAction.RequestCancellation, { opinion: '确为重复' });
    const cancelled = await step('shiftleader', askedAgain, CaseAction.ApproveCancellation);
    expect(cancelled).toMatchObject({ status: CaseStatus.Cancelled, allowedActions: [] });
    expectReplayable(cancelled);
  });

  it('refuses out of turn, out of role, out of scope or at a stale version with a code, changing nothing', async () => {
    const c = await fresh();
    const attempts: Array<[ApiResponse, number, string]> = [
      [await act(as.acceptor, { ...c, version: 7 }, CaseAction.File), 409, 'CASE_VERSION_CONFLICT'],
      [
        await act(as.dispatcher, c, CaseAction.Dispatch, { departmentId: sanitation }),
        409,
        'CASE_TRANSITION_NOT_ALLOWED',
      ],
      [await act(as.inspector, c, CaseAction.File), 403, 'CASE_ACTION_FORBIDDEN'],
      [await act(as.otherGm, c, CaseAction.File), 403, 'CASE_OUT_OF_SCOPE'],
      [await act(as.handler, c, CaseAction.Sign), 403, 'CASE_OUT_OF_SCOPE'],
      [await act(as.gm, c, 'take_over'), 400, 'VALIDATION_FAILED'],
      [await act(as.gm, c, CaseAction.File, { version: 'one' }), 400, 'VALIDATION_FAILED'],
      [await act(as.gm, c, CaseAction.File, { priority: 'high' }), 400, 'VALIDATION_FAILED'],
    ];
    for (const [response, status, code] of attempts)
      expect([response.status, errorCode(response)]).toEqual([status, code]);
    expect(errorDetails(attempts[0][0])[0]).toMatchObject({
      status: 'REPORTED',
      version: 1,
      allowedActions: ['send_to_verify', 'reject', 'file', 'request_cancellation'],
    });
    expect(errorDetails(attempts[1][0])[0].allowedActions).toEqual(['request_cancellation']);
    const filed = await step('gm', c, CaseAction.File);
    const nowhere = await act(as.gm, filed, CaseAction.Dispatch);
    expect([nowhere.status, errorCode(nowhere)]).toEqual([400, 'VALIDATION_FAILED']);
    const unknown = await act(as.gm, filed, CaseAction.Dispatch, {
      departmentId: '00000000-0000-4000-8000-000000000000',
    });
    expect([unknown.status, errorCode(unknown)]).toEqual([400, 'CASE_DEPARTMENT_UNKNOWN']);
    const after = (await as.gm.get<CaseDetailDto>(`/api/v1/cases/${c.id}`)).body;
    expect(after).toMatchObject({ version: 2, status: CaseStatus.PendingDispatch });
    expect(after.activities).toHaveLength(2);
  });

  it('lets a role act only where that role’s own scope covers the case', async () => {
    // A grid manager reporting in another manager's grid may read the report, not accept or dispatch it.
    const call = await report(as.otherGm, centreOf(GRID), { source: 'hotline' });
    expect(call.status).toBe(201);
    expect(call.body.allowedActions).toEqual([]);
    const filing = await act(as.otherGm, call.body, CaseAction.File);
    expect([filing.status, errorCode(filing)]).toEqual([403, 'CASE_OUT_OF_SCOPE']);
    expect((await as.otherGm.get(`/api/v1/cases/${call.body.id}`)).status).toBe(200);
    // A handler's area codes give no reach into cases of another department.
    await dataSource.query(
      `UPDATE users SET area_codes = '{330191}' WHERE username = 'handler-enforcement-1'`,
    );
    const handler = await signIn(api.url, 'handler-enforcement-1');
    const theirs = await toDispatched(await fresh());
    const signing = await act(handler, theirs, CaseAction.Sign);
    expect([signing.status, errorCode(signing)]).toEqual([403, 'CASE_OUT_OF_SCOPE']);
    expect((await step('gm', call.body, CaseAction.File)).status).toBe(CaseStatus.PendingDispatch);
  });

  it('lets exactly one of two dispatchers racing on a case win', async () => {
    const filed = await Promise.all(
      Array.from({ length: 10 }, async () => step('acceptor', await fresh(), CaseAction.File)),
    );
    for (const c of filed) {
      const [a, b] = await Promise.all([
        act(as.dispatcher, c, CaseAction.Dispatch, { departmentId: sanitation }),
        act(as.gm, c, CaseAction.Dispatch, { departmentId: enforcement }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(errorCode(loser)).toBe('CASE_VERSION_CONFLICT');
      const rows = await dataSource.query(
        `SELECT count(*)::int AS n FROM case_activities WHERE case_id = $1 AND action = 'dispatch'`,
        [c.id],
      );
      expect(rows).toEqual([{ n: 1 }]);
      const winner = a.status === 200 ? a : b;
      expect(winner.body).toMatchObject({ version: 3, status: CaseStatus.Dispatched });
    }
  });

  it('serves a burst of actions on many cases at once, more than the pool has connections, one win per case', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, () => fresh()));
    const answers = await Promise.all(
      cases.flatMap((c) =>
        Array.from({ length: 4 }, () => act(as.supervisor, c, CaseAction.Supervise, { opinion: '限期处理' })),
      ),
    );
    for (let i = 0; i < cases.length; i++) {
      const mine = answers.slice(i * 4, i * 4 + 4);
      expect(mine.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
    }
  });

  it('never leaves the table under random actions, and the log always replays to the case (property)', async () => {
    const next = seededRandom(5_2026_11_21);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const actors: Who[] = [
      'inspector',
      'gm',
      'acceptor',
      'dispatcher',
      'shiftleader',
      'supervisor',
      'handler',
    ];
    const actions = Object.values(CaseAction);
    for (let run = 0; run < 12; run++) {
      let current = await fresh({ selfHandled: next() < 0.2 });
      let state = initialState(current.selfHandled);
      for (let attempt = 0; attempt < 30 && !TERMINAL_STATUSES.includes(state.status); attempt++) {
        // Lean towards what is offered, so runs go deep into the table rather than bouncing off its edge.
        const who = pick(actors);
        const offered =
          (await as[who].get<{ actions: CaseAction[] }>(`/api/v1/cases/${current.id}/allowed-actions`)).body
            .actions ?? [];
        const action = offered.length && next() < 0.7 ? pick(offered) : pick(actions);
        const input = {
          reason: next() < 0.85 ? '现场情况说明' : undefined,
          photoCount: next() < 0.6 ? 1 : 0,
        };
        const response = await act(
          as[who],
          current,
          action,
          {
            opinion: input.reason,
            departmentId: sanitation,
            extensionAmount: 1,
            extensionUnit: TimeUnit.WORK_HOUR,
          },
          { photos: Array<Buffer>(input.photoCount).fill(image) },
        );
        const inScope = who !== 'handler' || current.departmentId === sanitation;
        const decision = decide(state, action, ROLES[who], input);
        if (!inScope) {
          expect([response.status, errorCode(response)]).toEqual([403, 'CASE_OUT_OF_SCOPE']);
        } else if (!decision.allowed) {
          const refusal = REFUSAL_ERRORS[decision.refusal];
          expect([response.status, errorCode(response)]).toEqual([
            STATUS_OF_KIND[refusal.kind],
            refusal.code,
          ]);
        } else {
          expect(response.status).toBe(200);
          expect(stateOf(response.body)).toEqual(decision.next);
          taken.add(action);
          state = decision.next;
          current = response.body;
        }
      }
      const final = (await as.acceptor.get<CaseDetailDto>(`/api/v1/cases/${current.id}`)).body;
      expect(stateOf(final)).toEqual(state);
      expectReplayable(final);
    }
  });

  it('has taken every action of the transition table', () => {
    expect([...taken].sort()).toEqual(Object.values(CaseAction).sort());
  });
});
