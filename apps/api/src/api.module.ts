import { EvaluationModule } from '@citygrid/evaluation';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import {
  createValidationPipe,
  HttpExceptionFilter,
  LoggingModule,
  RedisHealthIndicator,
  RedisModule,
} from '@citygrid/common';
import { AreasModule } from '@citygrid/areas';
import { AuthGuard, AuthModule } from '@citygrid/auth';
import { BoardModule } from '@citygrid/board';
import { CalendarModule } from '@citygrid/calendar';
import { CasesModule } from '@citygrid/cases';
import { CatalogueModule } from '@citygrid/catalogue';
import { AppConfigModule } from '@citygrid/config';
import { DatabaseModule } from '@citygrid/database';
import { DepartmentsModule } from '@citygrid/departments';
import { NotificationsModule } from '@citygrid/notifications';
import { PositionsModule } from '@citygrid/positions';
import { QueueModule } from '@citygrid/queue';
import { RealtimeModule } from '@citygrid/realtime';
import { RoutingModule } from '@citygrid/routing';
import { UsersModule } from '@citygrid/users';
import { AdminConsoleController } from './admin/admin-console.controller';
import { NoticesController } from './notices/notices.controller';
import { AreaImportsController } from './areas/area-imports.controller';
import { AreasController } from './areas/areas.controller';
import { GridsController } from './areas/grids.controller';
import { AuthController } from './auth/auth.controller';
import { CalendarController } from './calendar/calendar.controller';
import { CasesController } from './cases/cases.controller';
import { EvaluationController } from './evaluation/evaluation.controller';
import { CatalogueController } from './catalogue/catalogue.controller';
import { BoardController } from './board/board.controller';
import { BoardGateway } from './board/board.gateway';
import { DepartmentsController } from './departments/departments.controller';
import { HealthController } from './health/health.controller';
import { InspectorsController } from './inspectors/inspectors.controller';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { RoutingRulesController } from './routing/routing-rules.controller';
import { SystemController } from './system/system.controller';
import { UsersController } from './users/users.controller';

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
    AuthModule,
    UsersModule,
    DepartmentsModule,
    AreasModule,
    PositionsModule,
    NotificationsModule,
    BoardModule,
    CatalogueModule,
    CalendarModule,
    RoutingModule,
    CasesModule,
    EvaluationModule,
  ],
  controllers: [
    HealthController,
    MetricsController,
    SystemController,
    AuthController,
    AdminConsoleController,
    NoticesController,
    BoardController,
    UsersController,
    DepartmentsController,
    AreasController,
    AreaImportsController,
    GridsController,
    InspectorsController,
    CatalogueController,
    CalendarController,
    RoutingRulesController,
    CasesController,
    EvaluationController,
  ],
  providers: [
    BoardGateway,
    MetricsService,
    RedisHealthIndicator,
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    { provide: APP_GUARD, useExisting: AuthGuard },
  ],
})
export class ApiModule {}
