import 'reflect-metadata';
import { runMain } from '@citygrid/common';
import { prepareServices } from '@citygrid/database';
import { createWorkerContext } from './worker.bootstrap';

void runMain('worker', async (config) => {
  await prepareServices(config);
  return [await createWorkerContext()];
});
