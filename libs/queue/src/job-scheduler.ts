import type { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import type { JobName, JobPayloads } from './job-payloads';

/**
 * Puts a BullMQ job scheduler (one run per interval for the whole cluster) in place unless it already is, and
 * keeps looking every interval: a Redis that restarted empty has lost it, and any worker puts it back.
 * Returns the timer, to be cleared on shutdown.
 */
export function keepJobScheduled<N extends JobName>(
  queue: Queue,
  logger: Logger,
  scheduler: { id: string; everyMs: number; name: N; data: JobPayloads[N] },
): NodeJS.Timeout {
  const ensure = async (): Promise<void> => {
    try {
      if ((await queue.getJobScheduler(scheduler.id))?.every === scheduler.everyMs) return;
      await queue.upsertJobScheduler(
        scheduler.id,
        { every: scheduler.everyMs },
        {
          name: scheduler.name,
          data: scheduler.data,
          // A run that fails (the database away) stays visible, but an outage must not pile up thousands.
          opts: { removeOnFail: { count: 100 } },
        },
      );
    } catch (error) {
      logger.warn(`Could not schedule ${scheduler.id}: ${(error as Error).message}`);
    }
  };
  void ensure();
  return setInterval(() => void ensure(), scheduler.everyMs).unref();
}
