import { clockAfter, currentStep, endedStep, type ClockContext } from './clock/case-clock';
import { freshDeadlines } from './case-jobs';
import { workflowStateOf } from './case-mapper';
import type { CaseActivityEntity } from './entities/case-activity.entity';
import type { CaseEntity } from './entities/case.entity';
import { CaseAction } from './workflow/case-action';
import { CaseStatus } from './workflow/case-status';
import { systemDecide } from './workflow/case-workflow';

/** The actor role of what CityGrid does by itself: routing, auto-dispatch, automatic 督办. */
export const SYSTEM_ROLE = 'system';

export type ActivityRow = Omit<CaseActivityEntity, 'id' | 'createdAt' | 'case'>;

/**
 * An action the system takes on a case it holds locked: the case as it stands after it (status, counters,
 * clock) and the activity row that records it. Null when the action does not fit the case's state.
 */
export function systemAction(
  entity: CaseEntity,
  action: CaseAction,
  now: Date,
  context: ClockContext,
  input: { departmentId?: string; opinion: string },
): { entity: CaseEntity; activity: ActivityRow } | null {
  const decision = systemDecide(workflowStateOf(entity), action);
  if (!decision) return null;
  const { next } = decision;
  const clock = clockAfter(action, { status: entity.status, clock: entity }, next.status, now, context);
  const departmentId = action === CaseAction.Dispatch ? input.departmentId! : entity.departmentId;
  const after: CaseEntity = {
    ...entity,
    ...clock,
    status: next.status,
    pending: [...next.pending],
    supervised: next.supervised,
    departmentId,
    ...(next.status === entity.status ? {} : freshDeadlines(clock)),
  };
  const activity: ActivityRow = {
    caseId: entity.id,
    actorId: null,
    actorRole: SYSTEM_ROLE,
    action,
    departmentId,
    fromStatus: entity.status,
    toStatus: next.status,
    opinion: input.opinion,
    photoIds: [],
    details:
      action === CaseAction.Dispatch
        ? {
            departmentId: input.departmentId,
            handleDeadline: currentStep(CaseStatus.Handling, clock, context)?.dueAt ?? null,
          }
        : null,
    ...endedStep(entity.status, entity, context),
    endedAt: now,
  };
  return { entity: after, activity };
}
