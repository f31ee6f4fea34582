import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@citygrid/config';
import { EvaluationBuilder, type DayBuild } from '@citygrid/evaluation';
import {
  JobName,
  JobProcessor,
  keepJobScheduled,
  QueueName,
  WORKER_OPTIONS,
  type StatsRollupJobData,
} from '@citygrid/queue';
import type { Job, Queue } from 'bullmq';

/** The one stats scheduler of the cluster. */
export const STATS_SCHEDULER = 'stats-rollup';

/**
 * Builds the evaluation snapshots (docs/evaluation.md): every `STATS_EVERY_SECONDS`, today's and every earlier
 * day not final yet; a job with a `day` rebuilds that day.
 */
@Processor(QueueName.Stats, WORKER_OPTIONS)
export class StatsProcessor
  extends JobProcessor<StatsRollupJobData, DayBuild[]>
  implements OnApplicationShutdown
{
  private schedulerCheck: NodeJS.Timeout | null = null;

  constructor(
    private readonly builder: EvaluationBuilder,
    private readonly config: AppConfig,
    @InjectQueue(QueueName.Stats) private readonly queue: Queue,
  ) {
    super();
  }

  override onApplicationBootstrap(): void {
    super.onApplicationBootstrap();
    this.schedulerCheck = keepJobScheduled(this.queue, this.logger, {
      id: STATS_SCHEDULER,
      everyMs: this.config.STATS_EVERY_SECONDS * 1000,
      name: JobName.StatsRollup,
      data: { correlationId: STATS_SCHEDULER },
    });
  }

  onApplicationShutdown(): void {
    if (this.schedulerCheck) clearInterval(this.schedulerCheck);
  }

  protected async handle(job: Job<StatsRollupJobData>): Promise<DayBuild[]> {
    return job.data.day ? [await this.builder.build(job.data.day)] : this.builder.catchUp();
  }
}
