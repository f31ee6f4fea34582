import { area } from '@turf/area';
import type { AreaGeometry, BBox } from './geo-types';

/** West, south, east, north of a polygon or multipolygon. */
export function bboxOf(geometry: AreaGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0]) {
      if (lng < box[0]) box[0] = lng;
      if (lat < box[1]) box[1] = lat;
      if (lng > box[2]) box[2] = lng;
      if (lat > box[3]) box[3] = lat;
    }
  }
  return box;
}

/** Area in square metres (turf's spherical formula; well within a percent at city scale). */
export const geometryAreaM2 = (geometry: AreaGeometry): number => area(geometry);
