import { Processor } from '@nestjs/bullmq';
import { CaseRoutingService, type RoutingOutcome } from '@citygrid/cases';
import { JobProcessor, QueueName, WORKER_OPTIONS, type CaseRouteJobData } from '@citygrid/queue';
import type { Job } from 'bullmq';

/** Routes each reported case to its grid manager and department (DESIGN.md §6). */
@Processor(QueueName.CaseRouting, WORKER_OPTIONS)
export class CaseRoutingProcessor extends JobProcessor<CaseRouteJobData, RoutingOutcome> {
  constructor(private readonly routing: CaseRoutingService) {
    super();
  }

  protected handle(job: Job<CaseRouteJobData>): Promise<RoutingOutcome> {
    return this.routing.route(job.data.caseId);
  }
}
