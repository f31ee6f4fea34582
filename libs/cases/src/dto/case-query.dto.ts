import { ApiPropertyOptional } from '@nestjs/swagger';
import { MatterKind } from '@citygrid/catalogue';
import { IsInstant, PageQueryDto, queryBoolean } from '@citygrid/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { CaseSource } from '../entities/case.entity';
import { CaseStatus } from '../workflow/case-status';

/** `status=A,B` and `status=A&status=B` both give a list. */
const list = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : value;

export const LIGHTS = ['green', 'yellow', 'red'] as const;

/** Filters of DESIGN.md §9 for the case list; every one narrows within the caller's scope. */
export class CaseQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page (a case number)' })
  @IsOptional()
  @Matches(/^\d{14}$/, { message: 'cursor must be the nextCursor of the previous page, unchanged' })
  declare cursor?: string;

  @ApiPropertyOptional({ enum: CaseStatus, isArray: true, description: 'one or more, comma-separated' })
  @IsOptional()
  @Transform(list)
  @IsArray()
  @ArrayMaxSize(11)
  @IsEnum(CaseStatus, { each: true })
  status?: CaseStatus[];

  @ApiPropertyOptional({ enum: LIGHTS, description: 'the light of the step the case is in' })
  @IsOptional()
  @IsIn(LIGHTS)
  light?: (typeof LIGHTS)[number];

  @ApiPropertyOptional({
    example: '330191001',
    description: 'a district, street, community or unit grid code (prefix), or a responsibility grid code',
  })
  @IsOptional()
  @Matches(/^(\d{6}(\d{3}){0,3}|\d{9}R\d{3})$/, {
    message: 'area must be an area or responsibility grid code',
  })
  area?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ enum: MatterKind })
  @IsOptional()
  @IsEnum(MatterKind)
  matterKind?: MatterKind;

  @ApiPropertyOptional({ example: '01', description: 'a matter code, or its major class (2 digits)' })
  @IsOptional()
  @Matches(/^\d{2}(\d{3})?$/, { message: 'matterCode must be a 5-digit code or a 2-digit major class' })
  matterCode?: string;

  @ApiPropertyOptional({ enum: CaseSource })
  @IsOptional()
  @IsEnum(CaseSource)
  source?: CaseSource;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  supervised?: boolean;

  @ApiPropertyOptional({ description: 'past the deadline of the current step, or flagged overdue' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'only cases outside every unit grid' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  outOfGrid?: boolean;

  @ApiPropertyOptional({ description: 'only cases the caller reported' })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ description: 'reported at or after (ISO 8601 with offset)' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'reported before (ISO 8601 with offset)' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'the start of a case number, or words of the description or address' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
