import gcoord from 'gcoord';
import type { LineString, Point, Polygon, Position } from 'geojson';
import { fromWgs84, toWgs84 } from './crs';
import { Crs } from './geo-types';

// Tian'anmen, in WGS-84.
const BEIJING: Position = [116.3912, 39.9073];

function metresBetween([lng1, lat1]: Position, [lng2, lat2]: Position): number {
  const radians = Math.PI / 180;
  const dLat = (lat2 - lat1) * radians;
  const dLng = (lng2 - lng1) * radians;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * radians) * Math.cos(lat2 * radians) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

function point(coordinates: Position): Point {
  return { type: 'Point', coordinates };
}

describe('toWgs84', () => {
  it('returns WGS-84 input as it is', () => {
    const geometry = point([...BEIJING]);
    expect(toWgs84(geometry, Crs.WGS84)).toBe(geometry);
  });

  it.each([
    [Crs.GCJ02, gcoord.GCJ02, 300, 800],
    [Crs.BD09, gcoord.BD09, 800, 1500],
  ])('moves a %s point in Beijing by a few hundred metres, as gcoord does', (crs, gcoordCrs, min, max) => {
    const local: Position = [116.3974, 39.9087];
    const converted = toWgs84(point(local), crs).coordinates;
    const expected = gcoord.transform([local[0], local[1]], gcoordCrs, gcoord.WGS84);
    expect(converted[0]).toBeCloseTo(expected[0], 12);
    expect(converted[1]).toBeCloseTo(expected[1], 12);
    const moved = metresBetween(local, converted);
    expect(moved).toBeGreaterThan(min);
    expect(moved).toBeLessThan(max);
  });

  it.each([
    [Crs.GCJ02, gcoord.GCJ02],
    [Crs.BD09, gcoord.BD09],
  ])('inverts the %s offset to within 1e-5 degrees', (crs, gcoordCrs) => {
    const local = gcoord.transform([BEIJING[0], BEIJING[1]], gcoord.WGS84, gcoordCrs);
    const [lng, lat] = toWgs84(point(local), crs).coordinates;
    expect(Math.abs(lng - BEIJING[0])).toBeLessThan(1e-5);
    expect(Math.abs(lat - BEIJING[1])).toBeLessThan(1e-5);
  });

  it('converts every position of a polygon without touching the input', () => {
    const ring: Position[] = [
      [116.39, 39.9],
      [116.4, 39.9, 12],
      [116.4, 39.91],
      [116.39, 39.9],
    ];
    const input: Polygon = { type: 'Polygon', coordinates: [ring], bbox: [116.39, 39.9, 116.4, 39.91] };
    const snapshot = structuredClone(input);

    const output = toWgs84(input, Crs.GCJ02);

    expect(input).toEqual(snapshot);
    expect(output.bbox).toBeUndefined();
    output.coordinates[0].forEach((position, i) => {
      const expected = gcoord.transform([ring[i][0], ring[i][1]], gcoord.GCJ02, gcoord.WGS84);
      expect(position[0]).toBeCloseTo(expected[0], 12);
      expect(position[1]).toBeCloseTo(expected[1], 12);
    });
    expect(output.coordinates[0][1][2]).toBe(12);
    expect(output.coordinates[0][0]).toEqual(output.coordinates[0][3]);
  });

  it('copies malformed positions as they are, for the layer check to report', () => {
    const input = {
      type: 'LineString',
      coordinates: [[116.39, 39.9], null, ['x', 39.9], [116.4]],
    } as unknown as LineString;
    const output = toWgs84(input, Crs.BD09);
    expect(output.coordinates.slice(1)).toEqual([null, ['x', 39.9], [116.4]]);
    expect(output.coordinates[0]).not.toEqual([116.39, 39.9]);
  });
});

describe('fromWgs84', () => {
  it.each([Crs.GCJ02, Crs.BD09])('is undone by toWgs84 for %s', (crs) => {
    const [lng, lat] = toWgs84(fromWgs84(point([...BEIJING]), crs), crs).coordinates;
    expect(Math.abs(lng - BEIJING[0])).toBeLessThan(1e-5);
    expect(Math.abs(lat - BEIJING[1])).toBeLessThan(1e-5);
  });
});
