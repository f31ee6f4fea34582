import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TerminusModule } from '@nestjs/terminus';
import { CalendarHealthIndicator } from './calendar.health';
import { CalendarService } from './calendar.service';
import {
  CalendarDayEntity,
  CalendarOverrideEntity,
  CalendarSettingsEntity,
  CalendarYearEntity,
} from './entities/calendar-day.entity';
import { StepLimitEntity } from './entities/step-limit.entity';

export const CALENDAR_ENTITIES = [
  CalendarDayEntity,
  CalendarOverrideEntity,
  CalendarYearEntity,
  CalendarSettingsEntity,
  StepLimitEntity,
];

@Module({
  imports: [TypeOrmModule.forFeature(CALENDAR_ENTITIES), TerminusModule],
  providers: [CalendarService, CalendarHealthIndicator],
  exports: [CalendarService, CalendarHealthIndicator],
})
export class CalendarModule {}
