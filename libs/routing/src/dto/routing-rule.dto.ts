import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { MatterKind } from '@citygrid/catalogue';
import { IsInstant, TIME_OF_DAY } from '@citygrid/common';
import { MatterFamily } from '@citygrid/departments';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import type { RoutingRuleEntity } from '../routing-rule.entity';
import type { RuleVerdict } from '../rule-match';

export class CreateRoutingRuleDto {
  @ApiProperty({ example: '云河区环卫' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiPropertyOptional({ enum: MatterKind })
  @IsOptional()
  @IsEnum(MatterKind)
  matterKind?: MatterKind | null;

  @ApiPropertyOptional({ example: '06010', description: 'one matter (with matterKind)' })
  @ValidateIf((rule: CreateRoutingRuleDto) => rule.matterCode != null)
  @Matches(/^\d{5}$/, { message: 'matterCode must be 5 digits' })
  matterCode?: string | null;

  @ApiPropertyOptional({ example: '06', description: 'a major class' })
  @ValidateIf((rule: CreateRoutingRuleDto) => rule.majorCode != null)
  @Matches(/^\d{2}$/, { message: 'majorCode must be 2 digits' })
  majorCode?: string | null;

  @ApiPropertyOptional({ enum: MatterFamily })
  @IsOptional()
  @IsEnum(MatterFamily)
  family?: MatterFamily | null;

  @ApiPropertyOptional({
    description: 'district, street, community or unit grid code, or a responsibility grid code',
  })
  @ValidateIf((rule: CreateRoutingRuleDto) => rule.areaCode != null)
  @Matches(/^(\d{6}(\d{3}){0,3}|\d{9}R\d{3})$/, { message: 'areaCode must be an area code' })
  areaCode?: string | null;

  @ApiPropertyOptional({ example: '22:00', description: 'with windowEnd: local time of day' })
  @ValidateIf((rule: CreateRoutingRuleDto) => rule.windowStart != null || rule.windowEnd != null)
  @Matches(TIME_OF_DAY, { message: 'windowStart must be HH:mm (with windowEnd)' })
  windowStart?: string | null;

  @ApiPropertyOptional({ example: '06:00' })
  @ValidateIf((rule: CreateRoutingRuleDto) => rule.windowStart != null || rule.windowEnd != null)
  @Matches(TIME_OF_DAY, { message: 'windowEnd must be HH:mm (with windowStart)' })
  windowEnd?: string | null;

  @ApiProperty()
  @IsUUID()
  departmentId: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  autoDispatch?: boolean;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ description: '1-based place in the order; at the end by default' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  position?: number;
}

export class UpdateRoutingRuleDto extends PartialType(CreateRoutingRuleDto) {}

export class ReorderRoutingRulesDto {
  @ApiProperty({ type: [String], description: 'every rule id, in the new order' })
  @IsArray()
  @ArrayMaxSize(10_000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  ids: string[];
}

export class RoutingTestDto {
  @ApiProperty({ enum: MatterKind })
  @IsEnum(MatterKind)
  matterKind: MatterKind;

  @ApiProperty({ example: '06010' })
  @Matches(/^\d{5}$/, { message: 'matterCode must be 5 digits' })
  matterCode: string;

  @ApiPropertyOptional({ description: 'where the case is: a unit grid code, or lng and lat' })
  @IsOptional()
  @Matches(/^\d{15}$/, { message: 'unitGridCode must be 15 digits' })
  unitGridCode?: string;

  @ApiPropertyOptional()
  @ValidateIf((dto: RoutingTestDto) => dto.lat !== undefined || dto.lng !== undefined)
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng?: number;

  @ApiPropertyOptional()
  @ValidateIf((dto: RoutingTestDto) => dto.lat !== undefined || dto.lng !== undefined)
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional({ description: 'when, with its offset; now by default' })
  @IsOptional()
  @IsInstant()
  at?: string;
}

export class RoutingRuleDto {
  @ApiProperty() id: string;
  @ApiProperty() position: number;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) matterKind: string | null;
  @ApiProperty({ nullable: true, type: String }) matterCode: string | null;
  @ApiProperty({ nullable: true, type: String }) majorCode: string | null;
  @ApiProperty({ nullable: true, enum: MatterFamily }) family: MatterFamily | null;
  @ApiProperty({ nullable: true, type: String }) areaCode: string | null;
  @ApiProperty({ nullable: true, type: String }) windowStart: string | null;
  @ApiProperty({ nullable: true, type: String }) windowEnd: string | null;
  @ApiProperty() departmentId: string;
  @ApiProperty() autoDispatch: boolean;
  @ApiProperty() enabled: boolean;
}

export class RoutingTestResultDto {
  @ApiProperty({ description: 'what the case looked like to the rules' }) sample: Record<string, unknown>;
  @ApiProperty({ type: RoutingRuleDto, nullable: true }) rule: RoutingRuleDto | null;
  @ApiProperty({ nullable: true }) department: { id: string; code: string; name: string } | null;
  @ApiProperty() autoDispatch: boolean;
  @ApiProperty({ description: 'every rule tried, in order, with why it matched or not' })
  trace: RuleVerdict[];
}

export const toRoutingRuleDto = (rule: RoutingRuleEntity): RoutingRuleDto => ({
  id: rule.id,
  position: rule.position,
  name: rule.name,
  matterKind: rule.matterKind,
  matterCode: rule.matterCode,
  majorCode: rule.majorCode,
  family: rule.family,
  areaCode: rule.areaCode,
  windowStart: rule.windowStart,
  windowEnd: rule.windowEnd,
  departmentId: rule.departmentId,
  autoDispatch: rule.autoDispatch,
  enabled: rule.enabled,
});
