import { TimeUnit, type TimeLimit } from './time-unit';

/** The timed steps of a case (DESIGN.md §4, reference/domain.md §3.5), in the order of the main path. */
export enum Step {
  Accept = 'accept',
  Verify = 'verify',
  File = 'file',
  Dispatch = 'dispatch',
  Sign = 'sign',
  Handle = 'handle',
  Review = 'review',
  Check = 'check',
  Close = 'close',
}

/** Every step but handling, whose limit comes from the case's filing condition and area class. */
export type ConfiguredStep = Exclude<Step, Step.Handle>;
export type StepLimits = Record<ConfiguredStep, TimeLimit>;

/**
 * The suggested defaults of reference/domain.md §3.5. Center desk work (accept, file, dispatch, review,
 * close) runs in working minutes; the inspector's field tasks (verify before filing, check after handling)
 * run on a continuous clock, as the source gives them.
 */
export const DEFAULT_STEP_LIMITS: StepLimits = {
  [Step.Accept]: { amount: 10, unit: TimeUnit.WORK_MINUTE },
  [Step.Verify]: { amount: 30, unit: TimeUnit.URGENT_MINUTE },
  [Step.File]: { amount: 10, unit: TimeUnit.WORK_MINUTE },
  [Step.Dispatch]: { amount: 10, unit: TimeUnit.WORK_MINUTE },
  [Step.Sign]: { amount: 1, unit: TimeUnit.WORK_HOUR },
  [Step.Review]: { amount: 30, unit: TimeUnit.WORK_MINUTE },
  [Step.Check]: { amount: 30, unit: TimeUnit.URGENT_MINUTE },
  [Step.Close]: { amount: 30, unit: TimeUnit.WORK_MINUTE },
};
