import 'reflect-metadata';
import { runMain } from '@citygrid/common';
import { prepareServices } from '@citygrid/database';
import { Logger } from 'nestjs-pino';
import { createApiApp } from './api.bootstrap';

void runMain('api', async (config) => {
  await prepareServices(config);
  const api = await createApiApp();
  await api.listen({ port: config.PORT, host: config.HOST });
  api.get(Logger).log(`CityGrid api listening on ${await api.getUrl()}`);
  return [api];
});
