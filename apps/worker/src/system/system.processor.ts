import { Processor } from '@nestjs/bullmq';
import { BoardPublisher } from '@citygrid/realtime';
import {
  JobProcessor,
  QueueName,
  WORKER_OPTIONS,
  type SystemPingJobData,
  type SystemPingResult,
} from '@citygrid/queue';
import type { Job } from 'bullmq';
import { hostname } from 'node:os';
import { setTimeout } from 'node:timers/promises';

/** Answers pipeline self-checks: proves a job went api → Redis → this worker → socket.io → the caller. */
@Processor(QueueName.System, WORKER_OPTIONS)
export class SystemProcessor extends JobProcessor<SystemPingJobData, SystemPingResult> {
  constructor(private readonly board: BoardPublisher) {
    super();
  }

  protected async handle(job: Job<SystemPingJobData>): Promise<SystemPingResult> {
    if (job.data.holdMs) await setTimeout(Math.min(job.data.holdMs, 60_000));
    const result: SystemPingResult = {
      correlationId: job.data.correlationId,
      requestedAt: job.data.requestedAt,
      processedAt: new Date().toISOString(),
      worker: `${hostname()}:${process.pid}`,
    };
    if (job.data.replyTo) this.board.emit(job.data.replyTo, 'system.pong', result);
    return result;
  }
}
