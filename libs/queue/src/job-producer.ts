import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { currentCorrelationId } from '@citygrid/common';
import type { Job, JobsOptions, Queue } from 'bullmq';
import { QUEUE_OF_JOB, type JobName, type JobPayloads } from './job-payloads';
import type { QueueName } from './queue-names';

/** Adds typed jobs to their queue, stamping the current correlation id into the payload. */
@Injectable()
export class JobProducer {
  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  async add<N extends JobName>(
    name: N,
    data: Omit<JobPayloads[N], 'correlationId'>,
    options?: JobsOptions,
  ): Promise<Job<JobPayloads[N]>> {
    const payload = { ...data, correlationId: currentCorrelationId() } as JobPayloads[N];
    return this.queue(QUEUE_OF_JOB[name]).add(name, payload, options) as Promise<Job<JobPayloads[N]>>;
  }
}
