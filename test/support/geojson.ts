import type { Feature, FeatureCollection, Polygon } from 'geojson';

/** About 100 m at latitude 30 (the demo city's), in degrees. */
export const DX = 0.0010394;
export const DY = 0.0009044;

/** An axis-aligned rectangle, counter-clockwise as RFC 7946 wants. */
export function box(west: number, south: number, east: number, north: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

/** Column c, row r (rows counted southwards) of a grid of 100 m cells whose north-west corner is (lng0, lat0). */
export const cell = (lng0: number, lat0: number, c: number, r: number, columns = 1, rows = 1): Polygon =>
  box(lng0 + c * DX, lat0 - (r + rows) * DY, lng0 + (c + columns) * DX, lat0 - r * DY);

export const feature = (
  properties: Record<string, unknown>,
  geometry: Polygon | null,
): Feature<Polygon | null> => ({
  type: 'Feature',
  properties,
  geometry,
});

export const collection = (
  ...features: Array<Feature<Polygon | null>>
): FeatureCollection<Polygon | null> => ({
  type: 'FeatureCollection',
  features,
});
