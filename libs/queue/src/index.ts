export * from './queue-names';
export * from './job-payloads';
export * from './queue.module';
export * from './job-producer';
export * from './job-processor';
export * from './queues.health';
export * from './outbox/outbox-message.entity';
