import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant, TIME_OF_DAY } from '@citygrid/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Step } from '../step-limits';
import { TimeUnit } from '../time-unit';
import type { DayKind } from '../working-calendar';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class WorkingPeriodDto {
  @ApiProperty({ example: '08:00' })
  @Matches(TIME_OF_DAY, { message: 'start must be HH:mm' })
  start: string;

  @ApiProperty({ example: '12:00' })
  @Matches(TIME_OF_DAY, { message: 'end must be HH:mm' })
  end: string;
}

export class CalendarSettingsDto {
  @ApiPropertyOptional({
    type: [WorkingPeriodDto],
    description: 'sorted, not overlapping, each start before its end',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => WorkingPeriodDto)
  periods?: WorkingPeriodDto[];

  @ApiPropertyOptional({ enum: ['working', 'natural'], description: 'how plain 小时 and 天 are read' })
  @IsOptional()
  @IsIn(['working', 'natural'])
  plainUnits?: 'working' | 'natural';
}

export class DateParamDto {
  @ApiProperty({ example: '2026-10-08' })
  @Matches(DATE, { message: 'date must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a real date' })
  date: string;
}

export class YearParamDto {
  @ApiProperty({ example: 2027 })
  @Matches(/^(19|20|21)\d{2}$/, { message: 'year must be a four-digit year' })
  year: string;
}

export class DayRangeQueryDto {
  @ApiProperty({ example: '2026-10-01' })
  @Matches(DATE, { message: 'from must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real date' })
  from: string;

  @ApiProperty({ example: '2026-10-31' })
  @Matches(DATE, { message: 'to must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real date' })
  to: string;
}

export class CalendarOverrideDto {
  @ApiProperty({ enum: ['workday', 'holiday'] })
  @IsIn(['workday', 'holiday'])
  kind: DayKind;

  @ApiProperty({ example: '台风停工' })
  @IsString()
  @MaxLength(200)
  note: string;
}

export class YearKnownDto {
  @ApiProperty({ description: "true once the year's holidays and make-up days are entered" })
  @IsBoolean()
  known: boolean;
}

/** A time limit in a request: an amount (at most 1,000) of a unit. */
export class TimeLimitDto {
  @ApiProperty({ example: 30 })
  @IsNumber()
  @Min(0.01)
  @Max(1000)
  amount: number;

  @ApiProperty({ enum: TimeUnit })
  @IsEnum(TimeUnit)
  unit: TimeUnit;
}

export class StepParamDto {
  @ApiProperty({ enum: Object.values(Step).filter((s) => s !== Step.Handle) })
  @IsIn(Object.values(Step).filter((s) => s !== Step.Handle), {
    message: 'step must be a configured step (handling limits come from the catalogue)',
  })
  step: Exclude<Step, Step.Handle>;
}

export class DeadlineQueryDto {
  @ApiProperty({ example: '2026-09-30T16:00:00+08:00' })
  @IsInstant()
  start: string;

  @ApiProperty({ example: 4 })
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1000)
  amount: number;

  @ApiProperty({ enum: TimeUnit })
  @IsEnum(TimeUnit)
  unit: TimeUnit;
}
