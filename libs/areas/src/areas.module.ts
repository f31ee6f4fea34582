import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DepartmentsModule } from '@citygrid/departments';
import { UsersModule } from '@citygrid/users';
import { AreaWritesService } from './area-writes.service';
import { AreaScopeService } from './area-scope';
import { AreasService } from './areas.service';
import { AreaImportEntity } from './entities/area-import.entity';
import { CommunityEntity } from './entities/community.entity';
import { DistrictEntity } from './entities/district.entity';
import { ResponsibilityGridEntity } from './entities/responsibility-grid.entity';
import { StreetEntity } from './entities/street.entity';
import { UnitGridEntity } from './entities/unit-grid.entity';
import { GridIndexService } from './locate/grid-index.service';
import { LocateService } from './locate/locate.service';

export const AREA_ENTITIES = [
  DistrictEntity,
  StreetEntity,
  CommunityEntity,
  UnitGridEntity,
  ResponsibilityGridEntity,
  AreaImportEntity,
];

@Module({
  imports: [TypeOrmModule.forFeature(AREA_ENTITIES), UsersModule, DepartmentsModule],
  providers: [AreasService, AreaWritesService, AreaScopeService, GridIndexService, LocateService],
  exports: [AreasService, AreaWritesService, AreaScopeService, GridIndexService, LocateService],
})
export class AreasModule {}
