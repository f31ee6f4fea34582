import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import type { AreaGeometry } from '../geometry/geo-types';
import { Crs } from '../geometry/geo-types';

/**
 * What every layer stores: its code (the primary key; codes are the standard's identity), name, geometry as
 * GeoJSON in WGS-84 with its bounding box and area, and the CRS it was imported in. Plain PostgreSQL, no
 * PostGIS (DESIGN.md §2): spatial work runs in-process.
 */
export abstract class AreaColumns {
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  geometry: AreaGeometry;

  @Column({ name: 'min_lng', type: 'double precision' })
  minLng: number;

  @Column({ name: 'min_lat', type: 'double precision' })
  minLat: number;

  @Column({ name: 'max_lng', type: 'double precision' })
  maxLng: number;

  @Column({ name: 'max_lat', type: 'double precision' })
  maxLat: number;

  @Column({ name: 'area_m2', type: 'double precision' })
  areaM2: number;

  @Column({ name: 'source_crs', type: 'text', default: Crs.WGS84 })
  sourceCrs: Crs;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
