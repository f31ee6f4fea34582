import { JobName, type OutboxJob } from '@citygrid/queue';
import { STEP_OF_STATUS, type CaseClock } from './clock/case-clock';
import type { CaseEntity } from './entities/case.entity';

/** BullMQ runs prioritized jobs lowest number first: urgent matters are routed before the rest. */
export const URGENT_PRIORITY = 1;
export const NORMAL_PRIORITY = 10;

/** Percent of a step's limit at which the light turns yellow, and red. */
export const WARN_PERCENT = 80;
export const DUE_PERCENT = 100;

/** The deadline bookkeeping of a step that starts, or whose deadline moved: nothing acted on, 80 % next. */
export const freshDeadlines = (clock: Pick<CaseClock, 'stepWarnAt'>) => ({
  slaStage: 0,
  overdue: false,
  slaNextAt: clock.stepWarnAt,
});

/**
 * The timer's job id (DESIGN.md §5). BullMQ refuses custom ids with more than two colons, so step and
 * percent are joined by a dash: `sla:<caseId>:<step>-<percent>`.
 */
export const slaJobId = (caseId: string, step: string, percent: number): string =>
  `sla:${caseId}:${step}-${percent}`;

/** Routing of a new case: job id = case id, so the relay sending it twice routes it once. */
export function routeJob(entity: Pick<CaseEntity, 'id' | 'urgent'>): OutboxJob<JobName.CaseRoute> {
  return {
    name: JobName.CaseRoute,
    data: { caseId: entity.id },
    jobId: entity.id,
    priority: entity.urgent ? URGENT_PRIORITY : NORMAL_PRIORITY,
  };
}

/**
 * A timer at `percent` of the case's open step, due at `runAt`; it replaces an earlier timer of that id. A case
 * at version 1 has just been reported: no timer of its exists but the one its own outbox row makes (sent twice,
 * it is the same job), so there is nothing to replace and the relay saves a Redis call per timer.
 */
export function slaJob(
  entity: Pick<CaseEntity, 'id' | 'status'> & Partial<Pick<CaseEntity, 'version'>>,
  percent: number,
  runAt: Date,
): OutboxJob<JobName.SlaCheck> | null {
  const step = STEP_OF_STATUS[entity.status];
  if (!step) return null;
  return {
    name: JobName.SlaCheck,
    data: { caseId: entity.id, step, threshold: percent },
    jobId: slaJobId(entity.id, step, percent),
    runAt,
    replace: entity.version !== 1,
  };
}

/** The 80 % and 100 % timers of the open step that have not been acted on; none while no clock runs. */
export function deadlineJobs(
  entity: Pick<CaseEntity, 'id' | 'status' | 'stepWarnAt' | 'stepDeadline' | 'slaStage' | 'version'>,
): OutboxJob[] {
  const timers: Array<[number, Date | null]> = [
    [WARN_PERCENT, entity.stepWarnAt],
    [DUE_PERCENT, entity.stepDeadline],
  ];
  return timers.flatMap(([percent, at]) => {
    const job = at && entity.slaStage < percent ? slaJob(entity, percent, at) : null;
    return job ? [job] : [];
  });
}
