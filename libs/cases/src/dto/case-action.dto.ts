import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TimeUnit } from '@citygrid/calendar';
import { queryNumber } from '@citygrid/common';
import { Transform } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { CaseAction } from '../workflow/case-action';

export class CaseActionParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ enum: CaseAction })
  @IsEnum(CaseAction)
  action: CaseAction;
}

/** One step on a case: JSON, or multipart/form-data with the same fields and files named `photos`. */
export class CaseActionDto {
  @ApiProperty({ description: 'the case version the caller saw; a newer one answers 409', example: 1 })
  @Transform(queryNumber)
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'opinion or reason (required by some actions)', example: '已清理完毕' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  opinion?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'dispatch: the department the case goes to' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({
    example: 2,
    description:
      'request_postponement: the extension asked; approve_postponement: granted (default: as asked)',
  })
  @ValidateIf((dto: CaseActionDto) => dto.extensionAmount !== undefined || dto.extensionUnit !== undefined)
  @Transform(queryNumber)
  @IsNumber()
  @Min(0.01)
  @Max(1000)
  extensionAmount?: number;

  @ApiPropertyOptional({ enum: TimeUnit })
  @ValidateIf((dto: CaseActionDto) => dto.extensionAmount !== undefined || dto.extensionUnit !== undefined)
  @IsEnum(TimeUnit)
  extensionUnit?: TimeUnit;
}
