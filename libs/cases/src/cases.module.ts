import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AreasModule } from '@citygrid/areas';
import { CalendarModule } from '@citygrid/calendar';
import { CatalogueModule } from '@citygrid/catalogue';
import { AppConfig, PhotoStorageKind } from '@citygrid/config';
import { DepartmentsModule } from '@citygrid/departments';
import { NotificationsModule } from '@citygrid/notifications';
import { RoutingModule } from '@citygrid/routing';
import { CaseActionsService } from './case-actions.service';
import { CaseEvents } from './case-events';
import { CaseIntakeService } from './case-intake.service';
import { CaseQueriesService } from './case-queries.service';
import { CaseScopeService } from './case-scope';
import { CaseDeadlinesService } from './deadlines/case-deadlines.service';
import { CaseRoutingService } from './routing/case-routing.service';
import { CaseActivityEntity } from './entities/case-activity.entity';
import { CaseNumberDayEntity } from './entities/case-number-day.entity';
import { CasePhotoEntity } from './entities/case-photo.entity';
import { CaseEntity } from './entities/case.entity';
import { LocalDiskPhotoStorage } from './photos/local-disk-photo.storage';
import { PHOTO_STORAGE } from './photos/photo-storage';
import { PhotoStore } from './photos/photo-store';

export const CASE_ENTITIES = [CaseEntity, CaseActivityEntity, CasePhotoEntity, CaseNumberDayEntity];

/**
 * The case lifecycle: intake, the transitions of the workflow and reads within the caller's scope; routing
 * and the deadline timers that the worker runs.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(CASE_ENTITIES),
    AreasModule,
    CalendarModule,
    CatalogueModule,
    DepartmentsModule,
    NotificationsModule,
    RoutingModule,
  ],
  providers: [
    {
      provide: PHOTO_STORAGE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        if (config.PHOTO_STORAGE !== PhotoStorageKind.Local) {
          throw new Error(
            `PHOTO_STORAGE=${config.PHOTO_STORAGE} is not available yet: use local (PHOTO_DIR)`,
          );
        }
        return new LocalDiskPhotoStorage(config.PHOTO_DIR);
      },
    },
    PhotoStore,
    CaseScopeService,
    CaseQueriesService,
    CaseIntakeService,
    CaseActionsService,
    CaseEvents,
    CaseRoutingService,
    CaseDeadlinesService,
  ],
  exports: [
    TypeOrmModule,
    CaseScopeService,
    CaseEvents,
    CaseQueriesService,
    CaseIntakeService,
    CaseActionsService,
    CaseRoutingService,
    CaseDeadlinesService,
  ],
})
export class CasesModule {}
