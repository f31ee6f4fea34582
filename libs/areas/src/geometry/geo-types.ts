import type { MultiPolygon, Polygon } from 'geojson';

/** Every area is a polygon or a multipolygon in WGS-84 `[lng, lat]` (RFC 7946). */
export type AreaGeometry = Polygon | MultiPolygon;

/** West, south, east, north in degrees: stored beside the geometry for cheap filtering. */
export type BBox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

/** The coordinate systems an import may declare (ecosystem.md §4); stored data is always WGS-84. */
export enum Crs {
  WGS84 = 'WGS84',
  GCJ02 = 'GCJ02',
  BD09 = 'BD09',
}
