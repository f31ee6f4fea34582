import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CaseActivityEntity } from './entities/case-activity.entity';
import { CaseNumberDayEntity } from './entities/case-number-day.entity';
import { CaseEntity } from './entities/case.entity';
import { CasePhotoEntity } from './entities/case-photo.entity';

export const CASE_ENTITIES = [CaseEntity, CaseActivityEntity, CasePhotoEntity, CaseNumberDayEntity];

/** The case lifecycle: its data and workflow (intake and the HTTP actions come next, issue 5). */
@Module({ imports: [TypeOrmModule.forFeature(CASE_ENTITIES)], exports: [TypeOrmModule] })
export class CasesModule {}
