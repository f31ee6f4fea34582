import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { withTimeout } from '@citygrid/common';
import type { Queue } from 'bullmq';
import { ALL_QUEUES, type QueueName } from './queue-names';

export type QueueCounts = Record<'waiting' | 'active' | 'delayed' | 'failed' | 'prioritized', number>;

/** Backlog per queue: the first thing to look at when cases stop moving (DESIGN.md §10). */
@Injectable()
export class QueuesHealthIndicator {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly health: HealthIndicatorService,
  ) {}

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    const entries = await Promise.all(
      ALL_QUEUES.map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        return [name, counts as QueueCounts] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
  }

  async isHealthy(key = 'queues'): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const counts = await withTimeout(this.counts(), 2000, 'queue counts not read within 2 s');
      return indicator.up(counts);
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
