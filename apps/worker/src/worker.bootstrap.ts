import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/**
 * The worker as an application context: no HTTP port. Closing it (on SIGTERM, through runMain) closes the
 * BullMQ workers gracefully, so jobs in flight finish before the process exits.
 */
export async function createWorkerContext(): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  worker.useLogger(worker.get(Logger));
  return worker;
}
