import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto, queryBoolean, queryNumber } from '@citygrid/common';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { AreaClass, AreaLayer } from '../area-layer';
import { Crs, type AreaGeometry } from '../geometry/geo-types';

export class LayerParamDto {
  @ApiProperty({ enum: AreaLayer })
  @IsEnum(AreaLayer, { message: `layer must be one of ${Object.values(AreaLayer).join(', ')}` })
  layer: AreaLayer;
}

export class AreaParamsDto extends LayerParamDto {
  @ApiProperty({ example: '330106001001001' })
  @Matches(/^[0-9R]{6,15}$/, { message: 'code must be an area code' })
  code: string;
}

export class GridCodeParamDto {
  @ApiProperty({ example: '330191001R001' })
  @Matches(/^\d{9}R\d{3}$/, { message: 'code must be a responsibility grid code' })
  code: string;
}

export class AreaQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "only the children of this area (the parent's code)" })
  @IsOptional()
  @Matches(/^\d{6}(\d{3}){0,2}$/, { message: 'parent must be a district, street or community code' })
  parent?: string;

  @ApiPropertyOptional({ description: 'part of the code or the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ description: 'minLng,minLat,maxLng,maxLat: only areas whose box meets it' })
  @IsOptional()
  @Matches(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, { message: 'bbox must be minLng,minLat,maxLng,maxLat' })
  bbox?: string;

  @ApiPropertyOptional({ description: 'include each geometry', default: false })
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  geometry?: boolean;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ enum: Crs, default: Crs.WGS84, description: 'coordinate system of the output' })
  @IsOptional()
  @IsEnum(Crs)
  crs?: Crs;
}

export class ImportQueryDto extends ExportQueryDto {
  @ApiPropertyOptional({ description: 'areas (m²) below this count as digitising noise', default: 10 })
  @IsOptional()
  @Transform(queryNumber)
  @IsNumber()
  @Min(0)
  @Max(10_000)
  tolerance?: number;
}

/** A point given as query parameters, in the coordinate system named (WGS-84 by default). */
export class PointQueryDto {
  @ApiProperty({ example: 120.1551 })
  @Transform(queryNumber)
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiProperty({ example: 30.2741 })
  @Transform(queryNumber)
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiPropertyOptional({ enum: Crs, default: Crs.WGS84 })
  @IsOptional()
  @IsEnum(Crs)
  crs?: Crs;
}

/** Create or replace one area: a GeoJSON Feature with the same properties as in a layer import. */
export class AreaFeatureDto {
  @ApiProperty({ enum: ['Feature'] })
  @IsIn(['Feature'])
  type: 'Feature';

  @ApiProperty({
    description: 'code, name; areaClass for unit grids; unitGridCodes for responsibility grids',
  })
  @IsObject()
  properties: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Polygon or MultiPolygon; may be null for a responsibility grid' })
  @IsOptional()
  geometry: unknown;

  @ApiPropertyOptional({ enum: Crs, default: Crs.WGS84 })
  @IsOptional()
  @IsEnum(Crs)
  crs?: Crs;
}

export class UpdateAreaDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ description: 'Polygon or MultiPolygon' })
  @IsOptional()
  @IsObject()
  geometry?: unknown;

  @ApiPropertyOptional({ enum: Crs, default: Crs.WGS84, description: 'of the geometry given' })
  @IsOptional()
  @IsEnum(Crs)
  crs?: Crs;

  @ApiPropertyOptional({ enum: AreaClass, description: 'unit grids only' })
  @IsOptional()
  @IsEnum(AreaClass)
  areaClass?: AreaClass;

  @ApiPropertyOptional({ type: [String], description: 'responsibility grids only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  unitGridCodes?: string[];
}

export class GridStaffDto {
  @ApiProperty({ nullable: true, type: String, description: 'a user with the grid_manager role, or null' })
  @IsOptional()
  @IsUUID()
  managerId: string | null;

  @ApiProperty({ type: [String], description: 'users with the inspector role' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  inspectorIds: string[];
}

export class StaffMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
}

export class AreaDto {
  @ApiProperty({ enum: AreaLayer }) layer: AreaLayer;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) parentCode: string | null;
  @ApiProperty({ type: [Number], description: '[minLng, minLat, maxLng, maxLat]' }) bbox: number[];
  @ApiProperty() areaM2: number;
  @ApiProperty({ enum: Crs, description: 'the CRS it was imported in; stored as WGS-84' }) sourceCrs: Crs;
  @ApiPropertyOptional({ description: 'GeoJSON Polygon or MultiPolygon, WGS-84' }) geometry?: AreaGeometry;
  @ApiPropertyOptional({ enum: AreaClass }) areaClass?: AreaClass;
  @ApiPropertyOptional({ nullable: true, type: String }) responsibilityGridCode?: string | null;
  @ApiPropertyOptional({ type: [String] }) unitGridCodes?: string[];
  @ApiPropertyOptional({ description: 'the geometry is the union of the unit grids' })
  geometryDerived?: boolean;
  @ApiPropertyOptional({ type: StaffMemberDto, nullable: true }) manager?: StaffMemberDto | null;
  @ApiPropertyOptional({ type: [StaffMemberDto] }) inspectors?: StaffMemberDto[];
}

export class LocateResultDto {
  @ApiProperty({ type: [Number], description: 'the point in WGS-84 [lng, lat]' }) point: number[];
  @ApiProperty() unitGrid: { code: string; name: string; areaClass: AreaClass };
  @ApiProperty({ nullable: true }) responsibilityGrid: { code: string; name: string } | null;
  @ApiProperty() community: { code: string; name: string };
  @ApiProperty() street: { code: string; name: string };
  @ApiProperty() district: { code: string; name: string };
  @ApiProperty({ type: StaffMemberDto, nullable: true }) gridManager: StaffMemberDto | null;
  @ApiProperty({ type: [StaffMemberDto] }) inspectors: StaffMemberDto[];
}

export class AreaImportDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: AreaLayer }) layer: AreaLayer;
  @ApiProperty({ enum: ['running', 'succeeded', 'rejected', 'failed'] }) status: string;
  @ApiProperty({ enum: ['checking', 'writing', 'done'] }) phase: string;
  @ApiProperty() total: number;
  @ApiProperty({ description: 'features done in the current phase' }) processed: number;
  @ApiProperty() created: number;
  @ApiProperty() updated: number;
  @ApiProperty({ description: 'every problem, by feature (rejected imports)' }) problems: unknown[];
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}
