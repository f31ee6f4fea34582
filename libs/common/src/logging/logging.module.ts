import { Module } from '@nestjs/common';
import { AppConfig, NodeEnv } from '@citygrid/config';
import { ClsModule } from 'nestjs-cls';
import { LoggerModule } from 'nestjs-pino';
import type { ServerResponse } from 'node:http';
import { CORRELATION_ID_HEADER, correlationIdOf } from './correlation-id';

/**
 * Structured logs (pino) and the per-request context (CLS) that carries the correlation id from the request
 * into job payloads. Pretty output only on an interactive development terminal; JSON everywhere else.
 */
@Module({
  imports: [
    ClsModule.forRoot({
      global: true,
      middleware: {
        mount: true,
        generateId: true,
        idGenerator: correlationIdOf,
        setup: (cls, _req, res: ServerResponse) => {
          res.setHeader(CORRELATION_ID_HEADER, cls.getId());
        },
      },
    }),
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.LOG_LEVEL,
          genReqId: correlationIdOf,
          customAttributeKeys: { reqId: 'correlationId' },
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
          autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
          transport:
            config.NODE_ENV === NodeEnv.Development && process.stdout.isTTY
              ? { target: 'pino-pretty', options: { singleLine: true } }
              : undefined,
        },
      }),
    }),
  ],
})
export class LoggingModule {}
