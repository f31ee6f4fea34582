import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional, Matches } from 'class-validator';

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
const IsDay = (name: string) => {
  const message = `${name} must be a date, YYYY-MM-DD`;
  return applyDecorators(
    IsDateString({ strict: true }, { message }),
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message }),
  );
};

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];
export const FORMATS = ['json', 'csv', 'xlsx'] as const;

/**
 * The period evaluated: `from` and `to` (city days, both included), or `period` with a `date` inside it (the
 * week runs Monday to Sunday). The service checks that exactly one of the two is given.
 */
export class EvaluationPeriodDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'first day, YYYY-MM-DD' })
  @IsOptional()
  @IsDay('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'last day, YYYY-MM-DD, included' })
  @IsOptional()
  @IsDay('to')
  to?: string;

  @ApiPropertyOptional({ enum: PERIODS })
  @IsOptional()
  @IsIn(PERIODS)
  period?: Period;

  @ApiPropertyOptional({ example: '2026-11-21', description: 'a day in the period; with period' })
  @IsOptional()
  @IsDay('date')
  date?: string;
}

export class EvaluationQueryDto extends EvaluationPeriodDto {
  @ApiPropertyOptional({
    example: 'cjt292',
    description: 'scheme key, or key@version; the newest version by default',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}(@\d{1,6})?$/, { message: 'scheme must be a key or key@version' })
  scheme?: string;

  @ApiPropertyOptional({ enum: FORMATS, description: 'json (default), csv or xlsx' })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}

export class OutstandingQueryDto {
  @ApiPropertyOptional({ enum: ['street', 'community', 'unit-grid', 'responsibility-grid', 'department'] })
  @IsOptional()
  @IsIn(['street', 'community', 'unit-grid', 'responsibility-grid', 'department'])
  by?: 'street' | 'community' | 'unit-grid' | 'responsibility-grid' | 'department';

  @ApiPropertyOptional({ example: '0201', description: 'matter code prefix: a major or a minor category' })
  @IsOptional()
  @Matches(/^\d{2,5}$/, { message: 'matter must be 2 to 5 digits of a matter code' })
  matter?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'] })
  @IsOptional()
  @IsIn(FORMATS)
  format?: (typeof FORMATS)[number];
}
