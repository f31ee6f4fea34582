import { currentCorrelationId } from '@citygrid/common';
import type { PoolClient } from 'pg';
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

/** The same on a pg connection inside its transaction (the worker's hot paths, see poolOf): one statement. */
export async function enqueueInOutboxWith(client: PoolClient, jobs: OutboxJob[]): Promise<void> {
  if (jobs.length === 0) return;
  await client.query({
    name: 'outbox-insert',
    text: `INSERT INTO outbox_messages (queue, job_name, job_id, payload, priority, run_at, replace)
           SELECT r.queue, r."jobName", r."jobId", r.payload, r.priority, r."runAt", r.replace
           FROM jsonb_to_recordset($1) AS r(queue text, "jobName" text, "jobId" text, payload jsonb,
             priority integer, "runAt" timestamptz, replace boolean)`,
    values: [JSON.stringify(outboxRows(jobs))],
  });
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
