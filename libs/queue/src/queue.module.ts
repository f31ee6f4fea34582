import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@citygrid/config';
import { JobProducer } from './job-producer';
import { OutboxMessageEntity } from './outbox/outbox-message.entity';
import { ALL_QUEUES } from './queue-names';
import { QueuesHealthIndicator } from './queues.health';

/**
 * BullMQ on the configured Redis, every queue registered, keys under REDIS_KEY_PREFIX. Failed jobs retry with
 * exponential backoff and are then kept (never dropped) so they stay visible.
 */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: config.REDIS_KEY_PREFIX,
        defaultJobOptions: {
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: { age: 24 * 3600, count: 10_000 },
          removeOnFail: false,
        },
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
    TypeOrmModule.forFeature([OutboxMessageEntity]),
    TerminusModule,
  ],
  providers: [JobProducer, QueuesHealthIndicator],
  exports: [BullModule, JobProducer, QueuesHealthIndicator],
})
export class QueueModule {}
