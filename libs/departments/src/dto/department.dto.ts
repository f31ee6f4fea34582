import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { PageQueryDto } from '@citygrid/common';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import type { DepartmentEntity } from '../department.entity';
import { MatterFamily } from '../matter-family';

const AREA_CODE = /^\d{6}(\d{3}){0,2}$/;

export class CreateDepartmentDto {
  @ApiProperty({ example: 'sanitation-west', description: 'lowercase letters, digits and dashes' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'code must be 2-64 lowercase letters, digits or dashes' })
  code: string;

  @ApiProperty({ example: '西湖区环卫所' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: MatterFamily })
  @IsEnum(MatterFamily)
  family: MatterFamily;

  @ApiPropertyOptional({ description: 'the department this one is a sub-unit of' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiPropertyOptional({
    type: [String],
    description: 'district, street or community codes served; empty for the whole city',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @Matches(AREA_CODE, { each: true, message: 'each area code must be a district, street or community code' })
  areaCodes?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  phone?: string | null;
}

export class UpdateDepartmentDto extends PartialType(CreateDepartmentDto) {}

export class DepartmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'only the sub-units of this department' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: MatterFamily })
  @IsOptional()
  @IsEnum(MatterFamily)
  family?: MatterFamily;

  @ApiPropertyOptional({ description: 'part of the code or the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class DepartmentDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: MatterFamily }) family: MatterFamily;
  @ApiProperty({ nullable: true, type: String }) parentId: string | null;
  @ApiProperty({ type: [String] }) areaCodes: string[];
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export const toDepartmentDto = (entity: DepartmentEntity): DepartmentDto => ({
  id: entity.id,
  code: entity.code,
  name: entity.name,
  family: entity.family,
  parentId: entity.parentId,
  areaCodes: entity.areaCodes,
  phone: entity.phone,
});
