import 'reflect-metadata';
import { runMain } from '@citygrid/common';
import { prepareServices } from '@citygrid/database';
import { createApiApp } from './api.bootstrap';

void runMain('api', async (config) => {
  await prepareServices(config);
  const api = await createApiApp();
  await api.listen({ port: config.PORT, host: config.HOST });
  return [api];
});
