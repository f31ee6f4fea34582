import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, validateEnv } from '@citygrid/config';
import type { Job } from 'bullmq';
import { ClsServiceManager, CLS_ID } from 'nestjs-cls';
import { PinoLogger } from 'nestjs-pino';
import { storage, Store } from 'nestjs-pino/storage';
import type { JobEnvelope } from './job-payloads';

/**
 * Base of every processor: runs each job inside its correlation id's context (logs and any jobs it adds carry
 * the id), logs start, end and failure, and takes its concurrency from WORKER_CONCURRENCY.
 */
export abstract class JobProcessor<T extends JobEnvelope = JobEnvelope, R = unknown>
  extends WorkerHost
  implements OnApplicationBootstrap
{
  @Inject(AppConfig) private readonly appConfig: AppConfig;
  @Inject(PinoLogger) private readonly pino: PinoLogger;
  protected readonly logger = new Logger(this.constructor.name);

  /**
   * The job's work. Must be idempotent: a job can run again after a crash or a retry. `token` is the job's
   * lock, for a job that moves itself (moveToDelayed).
   */
  protected abstract handle(job: Job<T>, token?: string): Promise<R>;

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.appConfig.WORKER_CONCURRENCY;
  }

  async process(job: Job<T>, token?: string): Promise<R> {
    const correlationId = job.data.correlationId;
    const logger = this.pino.logger.child({
      correlationId,
      queue: job.queueName,
      job: job.name,
      jobId: job.id,
    });
    const cls = ClsServiceManager.getClsService();
    return cls.runWith({ [CLS_ID]: correlationId }, () =>
      storage.run(new Store(logger), async () => {
        const started = Date.now();
        this.logger.log(`${job.name} started (attempt ${job.attemptsMade + 1})`);
        const result = await this.handle(job, token);
        this.logger.log({ durationMs: Date.now() - started }, `${job.name} done`);
        return result;
      }),
    );
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<T> | undefined, error: Error): void {
    this.pino.logger.error(
      { correlationId: job?.data.correlationId, queue: job?.queueName, jobId: job?.id, err: error },
      `${job?.name ?? 'job'} failed (attempt ${job?.attemptsMade ?? '?'})`,
    );
  }
}

/**
 * Options every processor passes to `@Processor`. Nest builds workers from decorator metadata, not from
 * injected config, so these getters read the validated environment when the worker is built: a worker that
 * dies holding a job loses its lock after WORKER_LOCK_MS, and another worker takes the job over.
 */
export const WORKER_OPTIONS = {
  get lockDuration(): number {
    return validateEnv(process.env).WORKER_LOCK_MS;
  },
  get stalledInterval(): number {
    return validateEnv(process.env).WORKER_LOCK_MS;
  },
};
