import { Injectable } from '@nestjs/common';
import { QueuesHealthIndicator } from '@citygrid/queue';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of this api process, in a registry of its own: process metrics, HTTP latency, and the
 * queue backlog (waiting, delayed, failed per queue), read from Redis at each scrape.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'citygrid_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(queues: QueuesHealthIndicator) {
    collectDefaultMetrics({ register: this.registry, prefix: 'citygrid_' });
    new Gauge({
      name: 'citygrid_queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await queues.counts();
        for (const [queue, byState] of Object.entries(counts)) {
          for (const [state, count] of Object.entries(byState)) this.set({ queue, state }, count);
        }
      },
    });
  }
}
