import { Step, type StepLimits } from './step-limits';
import type { TimeLimit } from './time-unit';
import type { WorkingCalendar } from './working-calendar';
import { addWorkingTime, workingTimeBetween } from './working-time';

/** Lights turn yellow at this share of a step's limit and red at all of it (DESIGN.md §5). */
export const WARN_SHARE = 0.8;

export interface StepStart {
  step: Step;
  startedAt: Date;
  /** Approved postponements of this step, added to its limit in order. */
  extensions?: TimeLimit[];
  /** Instants already fixed for this step (as stored with a case): kept, rather than worked out again. */
  fixed?: { warnAt: Date; dueAt: Date };
}

export interface PlannedStep {
  step: Step;
  startedAt: Date;
  limit: TimeLimit;
  extensions: TimeLimit[];
  /** 80 %: the light turns yellow. */
  warnAt: Date;
  /** 100 %: the deadline; the light turns red after it. */
  dueAt: Date;
  /** True for a step that has not started: it is assumed to start at the previous step's deadline. */
  projected: boolean;
}

export interface DeadlinePlanInput {
  /** Steps that have started, in order; the last is the step the case is in. */
  started: StepStart[];
  /** The handling limit of the case's filing condition for its area class. */
  handleLimit: TimeLimit;
  stepLimits: StepLimits;
  calendar: WorkingCalendar;
  /** Steps still ahead, planned as if each starts when the one before it is due. */
  ahead?: Step[];
}

/** The limit of a step: configured, or the filing condition's for handling. */
export const limitOf = (step: Step, handleLimit: TimeLimit, limits: StepLimits): TimeLimit =>
  step === Step.Handle ? handleLimit : limits[step];

/** Every step's deadline and its 80 % and 100 % instants, in working time where the unit says so. */
export function deadlinePlan(input: DeadlinePlanInput): PlannedStep[] {
  const plan = input.started.map(({ step, startedAt, extensions = [], fixed }) => ({
    ...planStep(
      step,
      startedAt,
      limitOf(step, input.handleLimit, input.stepLimits),
      extensions,
      input.calendar,
      false,
    ),
    ...fixed,
  }));
  for (const step of input.ahead ?? []) {
    const previous = plan[plan.length - 1];
    if (!previous) break;
    // The handling limit runs from dispatch (reference/domain.md §3.3): signing for the case is part of it.
    const start = step === Step.Handle && previous.step === Step.Sign ? previous.startedAt : previous.dueAt;
    plan.push(
      planStep(step, start, limitOf(step, input.handleLimit, input.stepLimits), [], input.calendar, true),
    );
  }
  return plan;
}

function planStep(
  step: Step,
  startedAt: Date,
  limit: TimeLimit,
  extensions: TimeLimit[],
  calendar: WorkingCalendar,
  projected: boolean,
): PlannedStep {
  const dueAt = [limit, ...extensions].reduce(
    (due, part) => addWorkingTime(due, part.amount, part.unit, calendar),
    startedAt,
  );
  // With extensions in other units, 80 % is of the whole span measured in the step's own unit.
  const span =
    extensions.length === 0 ? limit.amount : workingTimeBetween(startedAt, dueAt, limit.unit, calendar);
  const warnAt = addWorkingTime(startedAt, WARN_SHARE * span, limit.unit, calendar);
  return { step, startedAt, limit, extensions, warnAt, dueAt, projected };
}

export type Light = 'green' | 'yellow' | 'red';

/** Green before 80 %, yellow up to the deadline, red after it. */
export const lightAt = (step: Pick<PlannedStep, 'warnAt' | 'dueAt'>, now: Date): Light =>
  now > step.dueAt ? 'red' : now >= step.warnAt ? 'yellow' : 'green';
