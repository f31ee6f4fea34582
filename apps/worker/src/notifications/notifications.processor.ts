import { Processor } from '@nestjs/bullmq';
import { NoticesService } from '@citygrid/notifications';
import { JobName, JobProcessor, QueueName, WORKER_OPTIONS, type NoticeDeliverJobData } from '@citygrid/queue';
import type { Job } from 'bullmq';

/** Delivers a notice through one channel; a failure throws and the job retries with backoff. */
@Processor(QueueName.Notifications, WORKER_OPTIONS)
export class NotificationsProcessor extends JobProcessor<NoticeDeliverJobData> {
  constructor(private readonly notices: NoticesService) {
    super();
  }

  protected async handle(job: Job<NoticeDeliverJobData>): Promise<void> {
    if (job.name !== JobName.NoticeDeliver) throw new Error(`No handler for ${job.name} on ${job.queueName}`);
    await this.notices.deliver(job.data.noticeId, job.data.channel);
  }
}
