import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { OnApplicationShutdown } from '@nestjs/common';
import { CaseDeadlinesService, type DeadlineCheck, type SweepResult } from '@citygrid/cases';
import { AppConfig } from '@citygrid/config';
import {
  JobName,
  JobProcessor,
  keepJobScheduled,
  QueueName,
  WORKER_OPTIONS,
  type SlaCheckJobData,
  type SlaSweepJobData,
} from '@citygrid/queue';
import { DelayedError, type Job, type Queue } from 'bullmq';

/** The one sweep scheduler of the cluster (a BullMQ job scheduler: one run per interval, whatever the workers). */
export const SLA_SWEEP_SCHEDULER = 'sla-sweep';

/**
 * Runs the deadline timers (`sla.check`) and the periodic sweep (`sla.sweep`). A timer that fires before its
 * instant (the deadline moved and the job was still running) puts itself back until then.
 */
@Processor(QueueName.CaseDeadlines, WORKER_OPTIONS)
export class CaseDeadlinesProcessor
  extends JobProcessor<SlaCheckJobData | SlaSweepJobData, DeadlineCheck | SweepResult>
  implements OnApplicationShutdown
{
  private schedulerCheck: NodeJS.Timeout | null = null;

  constructor(
    private readonly deadlines: CaseDeadlinesService,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.CaseDeadlines) private readonly queue: Queue,
  ) {
    super();
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    this.schedulerCheck = keepJobScheduled(this.queue, this.logger, {
      id: SLA_SWEEP_SCHEDULER,
      everyMs: this.config.SLA_SWEEP_SECONDS * 1000,
      name: JobName.SlaSweep,
      data: { correlationId: SLA_SWEEP_SCHEDULER },
    });
  }

  onApplicationShutdown(): void {
    if (this.schedulerCheck) clearInterval(this.schedulerCheck);
  }

  protected async handle(
    job: Job<SlaCheckJobData | SlaSweepJobData>,
    token?: string,
  ): Promise<DeadlineCheck | SweepResult> {
    if (job.name === JobName.SlaSweep) return this.deadlines.sweep();
    const { caseId, step, threshold } = job.data as SlaCheckJobData;
    const result = await this.deadlines.check(caseId, step, threshold);
    if (result.outcome === 'early') {
      await job.moveToDelayed(result.dueAt.getTime(), token);
      throw new DelayedError();
    }
    return result;
  }
}
