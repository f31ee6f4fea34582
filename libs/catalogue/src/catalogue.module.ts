import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueService } from './catalogue.service';
import { CatalogueVersionEntity } from './entities/catalogue-version.entity';
import { FilingConditionEntity } from './entities/filing-condition.entity';
import { MatterEntity } from './entities/matter.entity';

export const CATALOGUE_ENTITIES = [CatalogueVersionEntity, MatterEntity, FilingConditionEntity];

@Module({
  imports: [TypeOrmModule.forFeature(CATALOGUE_ENTITIES)],
  providers: [CatalogueService],
  exports: [CatalogueService],
})
export class CatalogueModule {}
