import { currentCorrelationId } from '@citygrid/common';
import type { EntityManager } from 'typeorm';
import { QUEUE_OF_JOB, type JobName, type JobPayloads } from '../job-payloads';
import { OutboxMessageEntity } from './outbox-message.entity';

/** A job to enqueue once the transaction that writes it commits. */
export interface OutboxJob<N extends JobName = JobName> {
  name: N;
  data: Omit<JobPayloads[N], 'correlationId'>;
  /** Deterministic, so a job sent twice is one job (DESIGN.md §6). */
  jobId: string;
  priority?: number;
  runAt?: Date;
  /** Replace an earlier job with this id (a timer that moved) instead of keeping it. */
  replace?: boolean;
}

/**
 * Writes jobs into the outbox inside the caller's transaction (DESIGN.md §6): they reach BullMQ through the
 * relay only if the change that causes them commits, and they survive a Redis outage.
 */
export async function enqueueInOutbox(manager: EntityManager, jobs: OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await manager.insert(OutboxMessageEntity, outboxRows(jobs));
}

/**
 * An INSERT of the outbox rows given as JSON (`outboxRows`, stringified) in the parameter `$n`, for a statement
 * of the caller's that writes the change and its jobs at once (routing). `from` joins more relations: with a
 * data-modifying CTE that returned no row, nothing is inserted.
 */
export function outboxInsertSql(param: number, from = ''): string {
  return `INSERT INTO outbox_messages (queue, job_name, job_id, payload, priority, run_at, replace)
  SELECT r.queue, r."jobName", r."jobId", r.payload, r.priority, r."runAt", r.replace
  FROM ${from ? `${from}, ` : ''}jsonb_to_recordset($${param}) AS r(queue text, "jobName" text, "jobId" text,
    payload jsonb, priority integer, "runAt" timestamptz, replace boolean)`;
}

/** The outbox rows of `jobs`, as every writer stores them (also intake's single statement). */
export function outboxRows(jobs: OutboxJob[]): Array<Partial<OutboxMessageEntity>> {
  const correlationId = currentCorrelationId();
  return jobs.map((job) => ({
    queue: QUEUE_OF_JOB[job.name],
    jobName: job.name,
    jobId: job.jobId,
    payload: { ...job.data, correlationId },
    priority: job.priority ?? null,
    runAt: job.runAt ?? null,
    replace: job.replace ?? false,
  }));
}
