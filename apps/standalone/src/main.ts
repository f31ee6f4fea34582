import 'reflect-metadata';
import { runMain } from '@citygrid/common';
import { NodeEnv } from '@citygrid/config';
import { prepareServices } from '@citygrid/database';
import { describeDemoSeed, seedDemoCityFor } from '@citygrid/demo-city';
import { Logger } from 'nestjs-pino';
import { createApiApp } from '../../api/src/api.bootstrap';
import { createWorkerContext } from '../../worker/src/worker.bootstrap';

/**
 * `npm start`: both roles in one process for a demo or a small city. Each keeps its own database pool and job
 * concurrency (DESIGN.md §10); on shutdown the api stops taking requests before the worker drains.
 */
void runMain('standalone', async (config) => {
  const migrated = await prepareServices(config);
  // A first start outside production gets the demo city, so there is something to sign in to and look at.
  const seeded = config.NODE_ENV === NodeEnv.Production ? null : await seedDemoCityFor(config);
  const worker = await createWorkerContext();
  const api = await createApiApp();
  await api.listen({ port: config.PORT, host: config.HOST });
  const logger = api.get(Logger);
  if (migrated.length > 0) logger.log(`Ran ${migrated.length} migration(s): ${migrated.join(', ')}`);
  if (seeded) logger.log(describeDemoSeed(seeded));
  const url = (await api.getUrl()).replace(/\/\/(\[::1?\]|127\.0\.0\.1|0\.0\.0\.0)/, '//localhost');
  logger.log(`CityGrid is running at ${url} (API docs ${url}/api/docs, health ${url}/health)`);
  return [api, worker];
});
