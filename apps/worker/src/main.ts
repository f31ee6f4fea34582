import 'reflect-metadata';
import { runMain } from '@citygrid/common';
import { prepareServices } from '@citygrid/database';
import { Logger } from 'nestjs-pino';
import { createWorkerContext } from './worker.bootstrap';

void runMain('worker', async (config) => {
  await prepareServices(config);
  const worker = await createWorkerContext();
  worker
    .get(Logger)
    .log(`CityGrid worker ready (pid ${process.pid}, concurrency ${config.WORKER_CONCURRENCY})`);
  return [worker];
});
