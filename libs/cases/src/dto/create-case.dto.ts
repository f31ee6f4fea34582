import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Crs } from '@citygrid/areas';
import { MatterKind } from '@citygrid/catalogue';
import { queryBoolean, queryNumber } from '@citygrid/common';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { CaseSource } from '../entities/case.entity';

/**
 * A new report. Sent as JSON, or as multipart/form-data with the same fields and up to 9 files named
 * `photos` (form fields are text: numbers and booleans are read from it).
 */
export class CreateCaseDto {
  @ApiProperty({ enum: MatterKind })
  @IsEnum(MatterKind)
  matterKind: MatterKind;

  @ApiProperty({ example: '01001' })
  @Matches(/^\d{5}$/, { message: 'matterCode must be 5 digits' })
  matterCode: string;

  @ApiProperty({ example: 'a', description: 'the filing condition of the matter (立案条件)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  conditionKey: string;

  @ApiPropertyOptional({ example: 120.1551, description: 'with lat; or give an address' })
  @ValidateIf((dto: CreateCaseDto) => dto.lng !== undefined || dto.lat !== undefined || !dto.address)
  @Transform(queryNumber)
  @IsLongitude({ message: 'lng must be a longitude (give lng and lat, or an address)' })
  lng?: number;

  @ApiPropertyOptional({ example: 30.2741 })
  @ValidateIf((dto: CreateCaseDto) => dto.lng !== undefined || dto.lat !== undefined || !dto.address)
  @Transform(queryNumber)
  @IsLatitude({ message: 'lat must be a latitude (give lng and lat, or an address)' })
  lat?: number;

  @ApiPropertyOptional({ enum: Crs, default: Crs.WGS84, description: 'the datum of lng/lat' })
  @IsOptional()
  @IsEnum(Crs)
  crs?: Crs;

  @ApiPropertyOptional({ example: '延安路 98 号东侧人行道' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  address?: string;

  @ApiProperty({ example: '人行道上垃圾堆积约 2 平方米' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({
    enum: CaseSource,
    description: 'inspector for an inspector’s own report; the center enters the others on a caller’s behalf',
  })
  @IsOptional()
  @IsEnum(CaseSource)
  source?: CaseSource;

  @ApiPropertyOptional({ example: '13800000000', description: 'how to reach a caller (public and hotline)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  reporterContact?: string;

  @ApiPropertyOptional({
    description: 'the inspector fixed it on the spot (自行处置); an acceptor audits it',
  })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  selfHandled?: boolean;
}
