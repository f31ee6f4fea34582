import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Crs, PointQueryDto } from '@citygrid/areas';
import { queryNumber } from '@citygrid/common';
import { Transform } from 'class-transformer';
import { IsEnum, IsNumber, IsOptional, Max, Min } from 'class-validator';

/** Redis GEO (web-mercator) takes latitudes up to ±85.05112878°; no city lies beyond. */
export const MAX_GEO_LAT = 85.05112878;

export class ReportPositionDto {
  @ApiProperty({ example: 120.1551 })
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiProperty({ example: 30.2741, maximum: MAX_GEO_LAT })
  @IsNumber()
  @Min(-MAX_GEO_LAT)
  @Max(MAX_GEO_LAT)
  lat: number;

  @ApiPropertyOptional({
    enum: Crs,
    default: Crs.WGS84,
    description: 'GCJ02 from WeChat/AMap, BD09 from Baidu',
  })
  @IsOptional()
  @IsEnum(Crs)
  crs?: Crs;

  @ApiPropertyOptional({ description: 'horizontal accuracy in metres, as the phone reports it' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(100_000)
  accuracyM?: number;
}

export class NearbyQueryDto extends PointQueryDto {
  @ApiProperty({ example: 30.2741, maximum: MAX_GEO_LAT })
  @Min(-MAX_GEO_LAT)
  @Max(MAX_GEO_LAT)
  declare lat: number;

  @ApiPropertyOptional({ description: 'metres', default: 1000, maximum: 20000 })
  @IsOptional()
  @Transform(queryNumber)
  @IsNumber()
  @Min(1)
  @Max(20_000)
  radius?: number;
}

export class PositionAcceptedDto {
  @ApiProperty({ type: [Number], description: 'stored WGS-84 [lng, lat]' }) position: number[];
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'date-time', description: 'after this the position no longer counts as live' })
  freshUntil: string;
}

export class NearbyInspectorDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ type: [Number], description: 'WGS-84 [lng, lat]' }) position: number[];
  @ApiProperty() distanceM: number;
  @ApiProperty({ nullable: true, type: Number }) accuracyM: number | null;
  @ApiProperty({ format: 'date-time' }) at: string;
}
