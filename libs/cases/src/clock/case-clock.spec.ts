import { buildCalendar, chineseDaysSeed, DEFAULT_STEP_LIMITS, TimeUnit } from '@citygrid/calendar';
import { CaseAction } from '../workflow/case-action';
import { CaseStatus } from '../workflow/case-status';
import { clockAfter, initialClock, openAndAhead, thresholdAt, type CaseClock } from './case-clock';

const { days, years } = chineseDaysSeed();
const context = {
  handleLimit: { amount: 4, unit: TimeUnit.WORK_HOUR },
  stepLimits: DEFAULT_STEP_LIMITS,
  calendar: buildCalendar({ days, knownYears: years }),
};
const at = (iso: string) => new Date(iso);

/** Applies actions at given instants, from a report at 09:00 on Friday 20 November 2026. */
function run(
  steps: Array<[CaseAction, CaseStatus, string]>,
  grantedExtension?: { amount: number; unit: TimeUnit },
) {
  let status = CaseStatus.Reported;
  let clock: CaseClock = initialClock(at('2026-11-20T09:00:00+08:00'), context);
  for (const [action, to, when] of steps) {
    clock = clockAfter(action, { status, clock }, to, at(when), { ...context, grantedExtension });
    status = to;
  }
  return clock;
}

const DISPATCH: Array<[CaseAction, CaseStatus, string]> = [
  [CaseAction.File, CaseStatus.PendingDispatch, '2026-11-20T09:05:00+08:00'],
  [CaseAction.Dispatch, CaseStatus.Dispatched, '2026-11-20T10:00:00+08:00'],
  [CaseAction.Sign, CaseStatus.Handling, '2026-11-20T10:30:00+08:00'],
];

describe('case clocks', () => {
  it('times a report’s accept step in working minutes', () => {
    const clock = initialClock(at('2026-11-20T11:55:00+08:00'), context);
    // 10 working minutes from 11:55: 5 before lunch, 5 after 14:00; yellow at 8 minutes.
    expect(clock.stepDeadline).toEqual(at('2026-11-20T14:05:00+08:00'));
    expect(clock.stepWarnAt).toEqual(at('2026-11-20T14:03:00+08:00'));
  });

  it('counts handling from dispatch, signing included', () => {
    const clock = run(DISPATCH);
    expect(clock.handleStartedAt).toEqual(at('2026-11-20T10:00:00+08:00'));
    // 4 working hours from 10:00 Friday: 10–12 and 14–16.
    expect(clock.stepDeadline).toEqual(at('2026-11-20T16:00:00+08:00'));
  });

  it('adds a granted postponement to the handling deadline, across the weekend', () => {
    const clock = run(
      [...DISPATCH, [CaseAction.ApprovePostponement, CaseStatus.Handling, '2026-11-20T11:00:00+08:00']],
      { amount: 3, unit: TimeUnit.WORK_HOUR },
    );
    expect(clock.handleExtensions).toEqual([{ amount: 3, unit: TimeUnit.WORK_HOUR }]);
    // 16:00 Friday + 3 working hours: 16–18 Friday, then 08–09 Monday.
    expect(clock.stepDeadline).toEqual(at('2026-11-23T09:00:00+08:00'));
  });

  it('stops while suspended and moves the deadline by the working time stood still', () => {
    const suspended = run([
      ...DISPATCH,
      [CaseAction.ApproveSuspension, CaseStatus.Suspended, '2026-11-20T11:00:00+08:00'],
    ]);
    expect(suspended).toMatchObject({
      stepDeadline: null,
      stepWarnAt: null,
      suspendedAt: at('2026-11-20T11:00:00+08:00'),
    });
    const resumed = run([
      ...DISPATCH,
      [CaseAction.ApproveSuspension, CaseStatus.Suspended, '2026-11-20T11:00:00+08:00'],
      [CaseAction.Resume, CaseStatus.Handling, '2026-11-20T15:00:00+08:00'],
    ]);
    // Stood 11–12 and 14–15: 2 working hours, so 16:00 becomes 18:00.
    expect(resumed.handleExtensions).toEqual([{ amount: 2, unit: TimeUnit.WORK_HOUR }]);
    expect(resumed).toMatchObject({ suspendedAt: null, stepDeadline: at('2026-11-20T18:00:00+08:00') });
  });

  it('restarts handling on rework, keeps it on rejected feedback, and drops it on a return', () => {
    const feedback: Array<[CaseAction, CaseStatus, string]> = [
      ...DISPATCH,
      [CaseAction.Feedback, CaseStatus.PendingReview, '2026-11-20T11:00:00+08:00'],
    ];
    const bounced = run([
      ...feedback,
      [CaseAction.RejectFeedback, CaseStatus.Handling, '2026-11-20T11:10:00+08:00'],
    ]);
    expect(bounced.stepDeadline).toEqual(at('2026-11-20T16:00:00+08:00'));
    const rework = run([
      ...feedback,
      [CaseAction.ApproveFeedback, CaseStatus.Checking, '2026-11-20T11:10:00+08:00'],
      [CaseAction.CheckFailed, CaseStatus.Handling, '2026-11-20T11:30:00+08:00'],
    ]);
    expect(rework.handleStartedAt).toEqual(at('2026-11-20T11:30:00+08:00'));
    expect(rework.stepDeadline).toEqual(at('2026-11-20T17:30:00+08:00'));
    const returned = run([
      ...DISPATCH,
      [CaseAction.ApproveReturn, CaseStatus.PendingDispatch, '2026-11-20T11:00:00+08:00'],
    ]);
    expect(returned).toMatchObject({ handleStartedAt: null, handleExtensions: [] });
    expect(returned.stepDeadline).toEqual(at('2026-11-20T11:10:00+08:00'));
  });

  it('keeps a set deadline through actions that start no step, even after the limits change', () => {
    const reported = initialClock(at('2026-11-20T09:00:00+08:00'), context);
    const longer = {
      ...context,
      stepLimits: { ...DEFAULT_STEP_LIMITS, accept: { amount: 2, unit: TimeUnit.WORK_HOUR } },
    };
    const supervised = clockAfter(
      CaseAction.Supervise,
      { status: CaseStatus.Reported, clock: reported },
      CaseStatus.Reported,
      at('2026-11-20T09:05:00+08:00'),
      longer,
    );
    expect(supervised.stepDeadline).toEqual(at('2026-11-20T09:10:00+08:00'));
  });

  it('clears the suspension when a suspended case is cancelled', () => {
    const cancelled = run([
      ...DISPATCH,
      [CaseAction.ApproveSuspension, CaseStatus.Suspended, '2026-11-20T11:00:00+08:00'],
      [CaseAction.ApproveCancellation, CaseStatus.Cancelled, '2026-11-20T11:30:00+08:00'],
    ]);
    expect(cancelled).toMatchObject({ suspendedAt: null, stepDeadline: null });
  });

  it('shows the open step with its light and projects the main path ahead', () => {
    const clock = run(DISPATCH.slice(0, 2));
    const steps = openAndAhead(CaseStatus.Dispatched, clock, context, at('2026-11-20T10:50:00+08:00'));
    expect(steps.map((s) => [s.step, s.light, s.projected])).toEqual([
      ['sign', 'yellow', false],
      ['handle', null, true],
      ['review', null, true],
      ['check', null, true],
      ['close', null, true],
    ]);
    // Projected handling also runs from dispatch.
    expect(steps[1].dueAt).toEqual(at('2026-11-20T16:00:00+08:00'));
    expect(openAndAhead(CaseStatus.Closed, clock, context, at('2026-11-20T10:50:00+08:00'))).toEqual([]);
  });

  it('keeps the stored deadline of the open step, and projects from it, whatever the limits are now', () => {
    const filed = run(DISPATCH.slice(0, 1));
    const stored = {
      ...filed,
      stepWarnAt: at('2026-11-20T09:30:00+08:00'),
      stepDeadline: at('2026-11-20T10:00:00+08:00'),
    };
    const [dispatch, sign] = openAndAhead(
      CaseStatus.PendingDispatch,
      stored,
      context,
      at('2026-11-20T09:45:00+08:00'),
    );
    expect(dispatch).toMatchObject({ dueAt: stored.stepDeadline, light: 'yellow' });
    // Signing is projected from the stored deadline: 1 working hour after 10:00.
    expect(sign).toMatchObject({ startedAt: stored.stepDeadline, dueAt: at('2026-11-20T11:00:00+08:00') });
  });

  it('places the escalation ladder past the deadline in the step’s own working time', () => {
    // Handling of 4 working hours from dispatch at 10:00 Friday: due 16:00 (lunch 12-14), yellow at 15:12.
    const clock = run(DISPATCH);
    expect(thresholdAt(CaseStatus.Handling, clock, 80, context)).toEqual(at('2026-11-20T15:12:00+08:00'));
    expect(thresholdAt(CaseStatus.Handling, clock, 100, context)).toEqual(at('2026-11-20T16:00:00+08:00'));
    // 150 %: two more working hours, 18:00 the same day; 200 %: four more, into Monday morning.
    expect(thresholdAt(CaseStatus.Handling, clock, 150, context)).toEqual(at('2026-11-20T18:00:00+08:00'));
    expect(thresholdAt(CaseStatus.Handling, clock, 200, context)).toEqual(at('2026-11-23T10:00:00+08:00'));
  });

  it('has no thresholds while suspended', () => {
    const clock = run([
      ...DISPATCH,
      [CaseAction.ApproveSuspension, CaseStatus.Suspended, '2026-11-20T11:00:00+08:00'],
    ]);
    expect(thresholdAt(CaseStatus.Suspended, clock, 150, context)).toBeNull();
    expect(thresholdAt(CaseStatus.Suspended, clock, 100, context)).toBeNull();
  });
});
