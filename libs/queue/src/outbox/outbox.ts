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
  const correlationId = currentCorrelationId();
  await manager.insert(
    OutboxMessageEntity,
    jobs.map((job) => ({
      queue: QUEUE_OF_JOB[job.name],
      jobName: job.name,
      jobId: job.jobId,
      payload: { ...job.data, correlationId },
      priority: job.priority ?? null,
      runAt: job.runAt ?? null,
      replace: job.replace ?? false,
    })),
  );
}
