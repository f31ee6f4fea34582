import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TimeLimitDto } from '@citygrid/calendar';
import { PageQueryDto, queryNumber } from '@citygrid/common';
import { MatterFamily } from '@citygrid/departments';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MatterKind, type AreaClassLimits } from '../catalogue-types';
import type { FilingConditionEntity } from '../entities/filing-condition.entity';
import type { MatterEntity } from '../entities/matter.entity';

export class AreaClassLimitsDto {
  @ApiProperty({ type: TimeLimitDto, description: 'core area' })
  @ValidateNested()
  @Type(() => TimeLimitDto)
  A: TimeLimitDto;

  @ApiProperty({ type: TimeLimitDto, description: 'general area' })
  @ValidateNested()
  @Type(() => TimeLimitDto)
  B: TimeLimitDto;

  @ApiProperty({ type: TimeLimitDto, description: 'fringe area' })
  @ValidateNested()
  @Type(() => TimeLimitDto)
  C: TimeLimitDto;
}

export class FilingConditionDto {
  @ApiProperty({ example: 'a' })
  @Matches(/^[a-z0-9]{1,8}$/, { message: 'key must be 1-8 lowercase letters or digits' })
  key: string;

  @ApiProperty({ description: '立案条件' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  filingZh: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  filingEn: string;

  @ApiProperty({ description: '结案条件' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  closingZh: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  closingEn: string;

  @ApiProperty()
  @IsBoolean()
  urgent: boolean;

  @ApiProperty({ type: AreaClassLimitsDto })
  @ValidateNested()
  @Type(() => AreaClassLimitsDto)
  limits: AreaClassLimitsDto;
}

export class UpdateMatterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  nameZh?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  nameEn?: string;

  @ApiPropertyOptional({ enum: MatterFamily })
  @IsOptional()
  @IsEnum(MatterFamily)
  family?: MatterFamily;

  @ApiPropertyOptional({ type: [FilingConditionDto], description: 'replaces all of them' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique((c: FilingConditionDto) => c?.key, { message: 'each filing condition needs its own key' })
  @ValidateNested({ each: true })
  @Type(() => FilingConditionDto)
  filingConditions?: FilingConditionDto[];

  @ApiPropertyOptional({ description: 'why: kept with the new catalogue version' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class CreateLocalMatterDto {
  @ApiProperty({ enum: MatterKind })
  @IsEnum(MatterKind)
  kind: MatterKind;

  @ApiProperty({ example: '06', description: 'the major class it belongs to' })
  @Matches(/^\d{2}$/, { message: 'majorCode must be 2 digits' })
  majorCode: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  nameZh: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  nameEn: string;

  @ApiProperty({ enum: MatterFamily })
  @IsEnum(MatterFamily)
  family: MatterFamily;

  @ApiProperty({ type: [FilingConditionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique((c: FilingConditionDto) => c?.key, { message: 'each filing condition needs its own key' })
  @ValidateNested({ each: true })
  @Type(() => FilingConditionDto)
  filingConditions: FilingConditionDto[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class MatterParamsDto {
  @ApiProperty({ enum: MatterKind })
  @IsEnum(MatterKind)
  kind: MatterKind;

  @ApiProperty({ example: '06010' })
  @Matches(/^\d{5}$/, { message: 'code must be 5 digits' })
  code: string;
}

export class VersionQueryDto {
  @ApiPropertyOptional({ description: 'a catalogue version id; the current one by default' })
  @IsOptional()
  @Transform(queryNumber)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export class MatterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Chinese text, pinyin initials (bllj) or the start of a code' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  q?: string;

  @ApiPropertyOptional({ enum: MatterKind })
  @IsOptional()
  @IsEnum(MatterKind)
  kind?: MatterKind;

  @ApiPropertyOptional({ example: '06' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'major must be 2 digits' })
  major?: string;

  @ApiPropertyOptional({ enum: MatterFamily })
  @IsOptional()
  @IsEnum(MatterFamily)
  family?: MatterFamily;

  @ApiPropertyOptional({ description: 'a catalogue version id; the current one by default' })
  @IsOptional()
  @Transform(queryNumber)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}

export class FilingConditionViewDto {
  @ApiProperty() key: string;
  @ApiProperty() filingZh: string;
  @ApiProperty() filingEn: string;
  @ApiProperty() closingZh: string;
  @ApiProperty() closingEn: string;
  @ApiProperty() urgent: boolean;
  @ApiProperty({ type: AreaClassLimitsDto }) limits: AreaClassLimits;
  @ApiProperty({ description: 'generated by the default pattern, not from a city standard' })
  isDefault: boolean;
  @ApiProperty() source: string;
}

export class MatterDto {
  @ApiProperty() versionId: number;
  @ApiProperty({ enum: MatterKind }) kind: MatterKind;
  @ApiProperty() code: string;
  @ApiProperty() majorCode: string;
  @ApiProperty() nameZh: string;
  @ApiProperty() nameEn: string;
  @ApiProperty({ nullable: true, type: String }) legacyCode2013: string | null;
  @ApiProperty({ enum: MatterFamily }) family: MatterFamily;
  @ApiProperty() local: boolean;
  @ApiPropertyOptional({ type: [FilingConditionViewDto] }) filingConditions?: FilingConditionViewDto[];
}

const toConditionDto = (c: FilingConditionEntity): FilingConditionViewDto => ({
  key: c.key,
  filingZh: c.filingZh,
  filingEn: c.filingEn,
  closingZh: c.closingZh,
  closingEn: c.closingEn,
  urgent: c.urgent,
  limits: c.limits,
  isDefault: c.isDefault,
  source: c.source,
});

export const toMatterDto = (m: MatterEntity): MatterDto => ({
  versionId: m.versionId,
  kind: m.kind,
  code: m.code,
  majorCode: m.majorCode,
  nameZh: m.nameZh,
  nameEn: m.nameEn,
  legacyCode2013: m.legacyCode2013,
  family: m.family,
  local: m.local,
  ...(m.filingConditions
    ? {
        filingConditions: [...m.filingConditions]
          .sort((a, b) => a.key.localeCompare(b.key))
          .map(toConditionDto),
      }
    : {}),
});
