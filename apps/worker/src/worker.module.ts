import { Module } from '@nestjs/common';
import { LoggingModule, RedisModule } from '@citygrid/common';
import { AreasModule } from '@citygrid/areas';
import { CalendarModule } from '@citygrid/calendar';
import { CasesModule } from '@citygrid/cases';
import { EvaluationModule } from '@citygrid/evaluation';
import { NotificationsModule } from '@citygrid/notifications';
import { CatalogueModule } from '@citygrid/catalogue';
import { AppConfigModule } from '@citygrid/config';
import { DatabaseModule } from '@citygrid/database';
import { OutboxRelay, QueueModule } from '@citygrid/queue';
import { RealtimeModule } from '@citygrid/realtime';
import { CaseDeadlinesProcessor } from './deadlines/case-deadlines.processor';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { CaseRoutingProcessor } from './routing/case-routing.processor';
import { StatsProcessor } from './stats/stats.processor';
import { SystemProcessor } from './system/system.processor';

/** The worker role: BullMQ processors over the shared feature libs, with its own database pool; no HTTP. */
@Module({
  imports: [
    AppConfigModule,
    LoggingModule,
    RedisModule,
    DatabaseModule.forRoot('worker'),
    QueueModule,
    RealtimeModule,
    AreasModule,
    CatalogueModule,
    CalendarModule,
    CasesModule,
    NotificationsModule,
    EvaluationModule,
  ],
  providers: [
    OutboxRelay,
    CaseRoutingProcessor,
    CaseDeadlinesProcessor,
    NotificationsProcessor,
    StatsProcessor,
    SystemProcessor,
  ],
})
export class WorkerModule {}
