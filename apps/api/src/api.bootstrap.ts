import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { correlationIdOf } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import { RedisStreamsIoAdapter } from '@citygrid/realtime';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { registerQueueDashboard } from './admin/queue-dashboard';
import { ApiModule } from './api.module';
import { MetricsService } from './metrics/metrics.service';
import { webRoot } from './web-root';

const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;

/**
 * Builds the api application exactly as production runs it (tests use this too): fastify, security headers,
 * OpenAPI, the socket.io adapter on Redis streams, the queue dashboard, the web app at /. Not yet listening.
 */
export async function createApiApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ trustProxy: true, bodyLimit: 1024 * 1024, genReqId: correlationIdOf });
  const fastify = adapter.getInstance();
  // Layer imports carry whole cities of polygons; every other body stays small.
  fastify.addHook('onRoute', (route) => {
    if (route.url.endsWith('/import')) route.bodyLimit = IMPORT_BODY_LIMIT;
  });
  fastify.addContentTypeParser(
    'application/geo+json',
    { parseAs: 'string' },
    fastify.getDefaultJsonParser('error', 'error'),
  );
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  const config = app.get(AppConfig);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        workerSrc: ["'self'", 'blob:'],
      },
    },
  });

  // Photos come with reports and actions; each route reads its parts within its own limits.
  await app.register(multipart);

  const metrics = app.get(MetricsService);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpDuration.observe(
        { method: request.method, route, status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

  // bull-board at /admin/queues, admins only (retries, backoff and kept failures: DESIGN.md §6), registered
  // after the hooks above so that its routes get them.
  await registerQueueDashboard(app);

  app.useWebSocketAdapter(new RedisStreamsIoAdapter(app, config));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CityGrid API')
      .setDescription('Grid-based city management incidents: REST under /api/v1, errors as DESIGN.md §9')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);

  const web = webRoot();
  if (existsSync(join(web, 'index.html'))) {
    await app.register(fastifyStatic, { root: web, prefix: '/', wildcard: false });
  } else {
    app.get(Logger).warn(`No web app at ${web}: run "npm run build:web" to serve it at /`);
  }
  return app;
}
