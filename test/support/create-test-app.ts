import type { INestApplicationContext } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/api.bootstrap';
import { createWorkerContext } from '../../apps/worker/src/worker.bootstrap';

export interface TestApp {
  app: NestFastifyApplication;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** The real api application, configured as in production, listening on a free loopback port. */
export async function createTestApp(): Promise<TestApp> {
  const app = await createApiApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  if (!address || typeof address === 'string') throw new Error('api did not bind a TCP port');
  return { app, url: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}

/** The real worker (every processor), in this process. */
export async function createTestWorker(): Promise<INestApplicationContext> {
  return createWorkerContext();
}
