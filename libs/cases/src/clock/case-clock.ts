import {
  addWorkingTime,
  deadlinePlan,
  WARN_SHARE,
  lightAt,
  Step,
  workingTimeBetween,
  type Light,
  type PlannedStep,
  type StepStart,
  type StepLimits,
  type TimeLimit,
  type WorkingCalendar,
} from '@citygrid/calendar';
import { CaseAction } from '../workflow/case-action';
import { CaseStatus } from '../workflow/case-status';

/** The timed step each open status is (reference/domain.md §3.5). Suspended and final states run no clock. */
export const STEP_OF_STATUS: Partial<Record<CaseStatus, Step>> = {
  [CaseStatus.Reported]: Step.Accept,
  [CaseStatus.Verifying]: Step.Verify,
  [CaseStatus.PendingDispatch]: Step.Dispatch,
  [CaseStatus.Dispatched]: Step.Sign,
  [CaseStatus.Handling]: Step.Handle,
  [CaseStatus.PendingReview]: Step.Review,
  [CaseStatus.Checking]: Step.Check,
  [CaseStatus.PendingClose]: Step.Close,
};

/** The main path's steps in order, for projecting the ones still ahead. */
const MAIN_PATH: Step[] = [
  Step.Accept,
  Step.Dispatch,
  Step.Sign,
  Step.Handle,
  Step.Review,
  Step.Check,
  Step.Close,
];

/** The clock columns of a case. */
export interface CaseClock {
  stepStartedAt: Date;
  stepWarnAt: Date | null;
  stepDeadline: Date | null;
  handleStartedAt: Date | null;
  handleExtensions: TimeLimit[];
  suspendedAt: Date | null;
}

export interface ClockContext {
  handleLimit: TimeLimit;
  stepLimits: StepLimits;
  calendar: WorkingCalendar;
}

/** Where the clock of a status starts: handling from dispatch with its extensions, every other step at its start. */
export function startOf(status: CaseStatus, clock: CaseClock, fixed?: StepStart['fixed']): StepStart | null {
  const step = STEP_OF_STATUS[status];
  if (!step) return null;
  if (step === Step.Handle && clock.handleStartedAt) {
    return { step, startedAt: clock.handleStartedAt, extensions: clock.handleExtensions, fixed };
  }
  return { step, startedAt: clock.stepStartedAt, fixed };
}

/** The current step's plan worked out from its start, limit and the calendar. */
export function currentStep(status: CaseStatus, clock: CaseClock, context: ClockContext): PlannedStep | null {
  const start = startOf(status, clock);
  return start && deadlinePlan({ ...context, started: [start] })[0];
}

/** A new report's clock: the accept step starts now. */
export function initialClock(now: Date, context: ClockContext): CaseClock {
  const clock: CaseClock = {
    stepStartedAt: now,
    stepWarnAt: null,
    stepDeadline: null,
    handleStartedAt: null,
    handleExtensions: [],
    suspendedAt: null,
  };
  const step = currentStep(CaseStatus.Reported, clock, context)!;
  return { ...clock, stepWarnAt: step.warnAt, stepDeadline: step.dueAt };
}

/**
 * The clock after an action (DESIGN.md §5): a new status starts a new step; dispatch and rework start the
 * handling clock afresh; an approved postponement extends it; suspension stops it, and resuming adds the
 * working time it stood still, so the handling deadline moves by exactly that much.
 */
export function clockAfter(
  action: CaseAction,
  before: { status: CaseStatus; clock: CaseClock },
  status: CaseStatus,
  now: Date,
  context: ClockContext & { grantedExtension?: TimeLimit },
): CaseClock {
  const clock: CaseClock = { ...before.clock, handleExtensions: [...before.clock.handleExtensions] };
  if (status !== before.status) clock.stepStartedAt = now;
  switch (action) {
    case CaseAction.Dispatch:
    case CaseAction.CheckFailed:
      clock.handleStartedAt = now;
      clock.handleExtensions = [];
      break;
    case CaseAction.ApproveReturn:
      clock.handleStartedAt = null;
      clock.handleExtensions = [];
      break;
    case CaseAction.ApprovePostponement:
      if (context.grantedExtension) clock.handleExtensions.push(context.grantedExtension);
      break;
    case CaseAction.ApproveSuspension:
      clock.suspendedAt = now;
      break;
    case CaseAction.Resume: {
      const unit = context.handleLimit.unit;
      const stood = workingTimeBetween(before.clock.suspendedAt ?? now, now, unit, context.calendar);
      if (stood > 0) clock.handleExtensions.push({ amount: stood, unit });
      break;
    }
  }
  if (status !== CaseStatus.Suspended) clock.suspendedAt = null;
  // A deadline once set stands (DESIGN.md §5): only a new step or a change to the handling clock moves it.
  if (status !== before.status || RETIMING.includes(action)) {
    const step = currentStep(status, clock, context);
    clock.stepWarnAt = step?.warnAt ?? null;
    clock.stepDeadline = step?.dueAt ?? null;
  }
  return clock;
}

/**
 * When the open step reaches `percent` of its limit: the stored 80 % and 100 % instants, and past the deadline
 * the share beyond 100 % of the step's whole span (extensions included) in the step's own unit.
 */
export function thresholdAt(
  status: CaseStatus,
  clock: CaseClock,
  percent: number,
  context: ClockContext,
): Date | null {
  if (percent <= WARN_SHARE * 100) return clock.stepWarnAt;
  if (percent <= 100 || !clock.stepDeadline) return clock.stepDeadline;
  const step = currentStep(status, clock, context);
  if (!step) return null;
  const { unit } = step.limit;
  const span = workingTimeBetween(step.startedAt, clock.stepDeadline, unit, context.calendar);
  return addWorkingTime(clock.stepDeadline, ((percent - 100) / 100) * span, unit, context.calendar);
}

/**
 * What an activity row records of the step an action ends (or, for a request, the step it is asked in): when it
 * began, its deadline by the limit alone, and its deadline with the extensions granted.
 */
export function endedStep(
  status: CaseStatus,
  clock: CaseClock,
  context: ClockContext,
): { startedAt: Date; deadline: Date | null; extendedDeadline: Date | null } {
  const step = currentStep(status, { ...clock, handleExtensions: [] }, context);
  return {
    startedAt: step?.startedAt ?? clock.stepStartedAt,
    deadline: step?.dueAt ?? null,
    extendedDeadline: clock.stepDeadline,
  };
}

/** Actions that change the handling clock without (always) changing the status. */
const RETIMING = [CaseAction.CheckFailed, CaseAction.ApprovePostponement, CaseAction.Resume];

/** A step as the case detail shows it: finished steps from the activity log, the open one live, the rest projected. */
export interface StepDeadline {
  step: Step;
  startedAt: Date;
  warnAt: Date | null;
  dueAt: Date;
  endedAt: Date | null;
  light: Light | null;
  projected: boolean;
}

/** The open step with its light, and the main-path steps after it as if each began when the one before is due. */
export function openAndAhead(
  status: CaseStatus,
  clock: CaseClock,
  context: ClockContext,
  now: Date,
): StepDeadline[] {
  // The stored instants are the case's deadline (DESIGN.md §5), even if the calendar changed since.
  const fixed =
    clock.stepWarnAt && clock.stepDeadline
      ? { warnAt: clock.stepWarnAt, dueAt: clock.stepDeadline }
      : undefined;
  const start = startOf(status, clock, fixed);
  if (!start) return [];
  const index = MAIN_PATH.indexOf(start.step);
  const [current, ...projected] = deadlinePlan({
    ...context,
    started: [start],
    ahead: index < 0 ? [] : MAIN_PATH.slice(index + 1),
  });
  const shown = (plan: PlannedStep, light: Light | null): StepDeadline => ({
    step: plan.step,
    startedAt: plan.startedAt,
    warnAt: plan.warnAt,
    dueAt: plan.dueAt,
    endedAt: null,
    light,
    projected: plan.projected,
  });
  return [shown(current, lightAt(current, now)), ...projected.map((plan) => shown(plan, null))];
}
