import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  createValidationPipe,
  HttpExceptionFilter,
  LoggingModule,
  RedisHealthIndicator,
  RedisModule,
} from '@citygrid/common';
import { AppConfigModule } from '@citygrid/config';
import { DatabaseModule } from '@citygrid/database';
import { QueueModule } from '@citygrid/queue';
import { RealtimeModule } from '@citygrid/realtime';
import { BoardGateway } from './board/board.gateway';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { SystemController } from './system/system.controller';

/** The api role: controllers and the gateway over the shared feature libs. It never registers processors. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    RedisModule,
    DatabaseModule.forRoot('api'),
    QueueModule,
    RealtimeModule,
    TerminusModule,
  ],
  controllers: [HealthController, MetricsController, SystemController],
  providers: [
    BoardGateway,
    MetricsService,
    RedisHealthIndicator,
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class ApiModule {}
