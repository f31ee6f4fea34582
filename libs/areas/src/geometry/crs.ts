import gcoord from 'gcoord';
import type { Geometry } from 'geojson';
import { Crs } from './geo-types';

type GcoordCrs = Parameters<typeof gcoord.transform>[1];

const GCOORD_CRS: Record<Exclude<Crs, Crs.WGS84>, GcoordCrs> = {
  [Crs.GCJ02]: gcoord.GCJ02,
  [Crs.BD09]: gcoord.BD09,
};

/**
 * The geometry in WGS-84 `[lng, lat]`. GCJ-02 (AMap, Tencent) and BD-09 (Baidu) input is converted with gcoord;
 * WGS-84 input is returned unchanged (the same object). The input is never mutated.
 *
 * Positions are converted one by one rather than handing gcoord the whole object: gcoord rewrites GeoJSON in
 * place and throws on a malformed position, while an upload may hold anything. Anything that is not a
 * `[lng, lat, …]` of finite numbers is copied as it is, so that the layer check can report it. A `bbox` member
 * is dropped: it was in the source system, and the layer check recomputes it.
 */
export function toWgs84<T extends Geometry>(geometry: T, crs: Crs): T {
  if (crs === Crs.WGS84) return geometry;
  return convertGeometry(geometry, GCOORD_CRS[crs], gcoord.WGS84) as T;
}

/** A point in WGS-84 `[lng, lat]`, from coordinates in `crs`. */
export function pointToWgs84(lng: number, lat: number, crs: Crs = Crs.WGS84): [number, number] {
  const [x, y] = toWgs84({ type: 'Point', coordinates: [lng, lat] }, crs).coordinates;
  return [x, y];
}

/** The inverse of toWgs84, for exporting stored geometry in the system a client asked for; same rules. */
export function fromWgs84<T extends Geometry>(geometry: T, crs: Crs): T {
  if (crs === Crs.WGS84) return geometry;
  return convertGeometry(geometry, gcoord.WGS84, GCOORD_CRS[crs]) as T;
}

function convertGeometry(geometry: unknown, from: GcoordCrs, to: GcoordCrs): unknown {
  if (typeof geometry !== 'object' || geometry === null || Array.isArray(geometry)) return geometry;
  const { bbox: _sourceBbox, ...converted } = geometry as Record<string, unknown>;
  if ('coordinates' in converted) converted.coordinates = convertNested(converted.coordinates, from, to);
  if (Array.isArray(converted.geometries)) {
    converted.geometries = converted.geometries.map((part: unknown) => convertGeometry(part, from, to));
  }
  return converted;
}

function convertNested(value: unknown, from: GcoordCrs, to: GcoordCrs): unknown {
  if (!Array.isArray(value)) return value;
  if (isLngLat(value)) {
    const [lng, lat] = gcoord.transform([value[0], value[1]], from, to);
    return [lng, lat, ...value.slice(2)];
  }
  return value.map((item: unknown) => convertNested(item, from, to));
}

function isLngLat(value: unknown[]): value is [number, number, ...unknown[]] {
  return value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}
