import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Polygon } from 'geojson';
import { jitteredTiling, seededRandom } from '@citygrid/testing';
import { GridIndex, locateByScan, type LocatableGrid } from './grid-index';

const square = (x: number, y: number, size = 1): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + size, y],
      [x + size, y + size],
      [x, y + size],
      [x, y],
    ],
  ],
});

function expectBoth(grids: LocatableGrid[], lng: number, lat: number, expected: string | null): void {
  expect(GridIndex.build(grids).locate(lng, lat)).toBe(expected);
  expect(locateByScan(grids, lng, lat)).toBe(expected);
}

describe('GridIndex', () => {
  // 2 × 2 squares; codes deliberately not in input order: b | a on top, d | c below.
  const four: LocatableGrid[] = [
    { code: '330102001001004', geometry: square(1, 0) },
    { code: '330102001001002', geometry: square(1, 1) },
    { code: '330102001001003', geometry: square(0, 0) },
    { code: '330102001001001', geometry: square(0, 1) },
  ];

  it('locates interior points', () => {
    expectBoth(four, 0.5, 1.5, '330102001001001');
    expectBoth(four, 1.5, 1.5, '330102001001002');
    expectBoth(four, 0.25, 0.75, '330102001001003');
    expect(GridIndex.build(four).size).toBe(4);
  });

  it('gives a point on a shared edge to the smallest code', () => {
    expectBoth(four, 1, 1.5, '330102001001001');
    expectBoth(four, 1, 0.5, '330102001001003');
    expectBoth(four, 1.5, 1, '330102001001002');
    expectBoth(four, 0.5, 1, '330102001001001');
  });

  it('gives the corner of four grids to the smallest code', () => {
    expectBoth(four, 1, 1, '330102001001001');
    expectBoth(four.slice(0, 3), 1, 1, '330102001001002');
  });

  it('gives an outer-boundary point to its only grid', () => {
    expectBoth(four, 2, 0.5, '330102001001004');
    expectBoth(four, 0, 0, '330102001001003');
  });

  it('returns null outside the city and for non-finite input', () => {
    expectBoth(four, 2.0001, 0.5, null);
    expectBoth(four, -1, -1, null);
    expectBoth(four, NaN, 1, null);
    expectBoth(four, 1, Infinity, null);
    expectBoth([], 0.5, 0.5, null);
    expect(GridIndex.build([]).size).toBe(0);
  });

  it('treats a hole as outside and its edge as boundary', () => {
    const holed: LocatableGrid[] = [
      {
        code: '330102001001009',
        geometry: {
          type: 'Polygon',
          coordinates: [square(0, 0, 4).coordinates[0], [...square(1, 1, 2).coordinates[0]].reverse()],
        },
      },
    ];
    expectBoth(holed, 2, 2, null);
    expectBoth(holed, 1, 2, '330102001001009');
    expectBoth(holed, 0.5, 2, '330102001001009');
    // A grid filling the hole shares its edge: the smaller code takes the edge, each keeps its interior.
    const filled = [...holed, { code: '330102001001005', geometry: square(1, 1, 2) }];
    expectBoth(filled, 2, 2, '330102001001005');
    expectBoth(filled, 1, 2, '330102001001005');
    expectBoth(filled, 0.5, 2, '330102001001009');
  });

  it('locates in every part of a MultiPolygon', () => {
    const multi: LocatableGrid[] = [
      {
        code: '330102001001007',
        geometry: { type: 'MultiPolygon', coordinates: [square(0, 0).coordinates, square(5, 5).coordinates] },
      },
      { code: '330102001001008', geometry: square(2, 2) },
    ];
    expectBoth(multi, 0.5, 0.5, '330102001001007');
    expectBoth(multi, 5.5, 5.5, '330102001001007');
    expectBoth(multi, 6, 5.5, '330102001001007');
    expectBoth(multi, 2.5, 2.5, '330102001001008');
    expectBoth(multi, 3.5, 3.5, null);
  });

  it('accepts a ring that is not closed', () => {
    const open: LocatableGrid[] = [
      {
        code: '330102001001001',
        geometry: { type: 'Polygon', coordinates: [square(0, 0).coordinates[0].slice(0, 4)] },
      },
    ];
    expectBoth(open, 0.5, 0.5, '330102001001001');
    expectBoth(open, 0, 0.5, '330102001001001');
    expectBoth(open, -0.5, 0.5, null);
  });

  it('skips a grid without vertices', () => {
    const withEmpty: LocatableGrid[] = [
      { code: '330102001000998', geometry: { type: 'Polygon', coordinates: [] } },
      { code: '330102001000999', geometry: { type: 'MultiPolygon', coordinates: [[[]]] } },
      ...four,
    ];
    expectBoth(withEmpty, 0.5, 0.5, '330102001001003');
    expectBoth(withEmpty, 0, 0, '330102001001003');
    expectBoth(withEmpty, -0.5, 0.5, null);
  });

  it('gives a point inside overlapping grids to the smallest code', () => {
    const overlapping: LocatableGrid[] = [
      { code: '330102001001002', geometry: square(0, 0, 2) },
      { code: '330102001001001', geometry: square(1, 1, 2) },
    ];
    expectBoth(overlapping, 1.5, 1.5, '330102001001001');
    expectBoth(overlapping, 0.5, 0.5, '330102001001002');
    // On the edge of 001 but strictly inside 002: the interior wins over the smaller code.
    expectBoth(overlapping, 1, 1.5, '330102001001002');
  });

  it('agrees with locateByScan everywhere on a jittered tiling', () => {
    const next = seededRandom(20260501);
    const { grids, corner, bbox } = jitteredTiling(30, 20, next, { shuffle: true });
    const index = GridIndex.build(grids);
    const points: [number, number][] = [];
    for (let k = 0; k < 3000; k++) {
      points.push([bbox[0] + next() * (bbox[2] - bbox[0]), bbox[1] + next() * (bbox[3] - bbox[1])]);
    }
    for (let i = 0; i < corner.length; i++) {
      for (let j = 0; j < corner[i].length; j++) {
        const [x, y] = corner[i][j];
        points.push([x, y]);
        if (i + 1 < corner.length)
          points.push([(x + corner[i + 1][j][0]) / 2, (y + corner[i + 1][j][1]) / 2]);
        if (j + 1 < corner[i].length)
          points.push([(x + corner[i][j + 1][0]) / 2, (y + corner[i][j + 1][1]) / 2]);
      }
    }
    // Where four grids meet, the north-west one has the smallest code.
    for (let i = 1; i < corner.length - 1; i++) {
      for (let j = 1; j < corner[i].length - 1; j++) {
        expect(index.locate(...corner[i][j])).toBe(String(330102001001000 + (j - 1) * 30 + i));
      }
    }
    let located = 0;
    for (const [x, y] of points) {
      const expected = locateByScan(grids, x, y);
      expect(index.locate(x, y)).toBe(expected);
      if (expected !== null) located++;
    }
    // Every vertex of the tiling is on some grid, so most points must be located.
    expect(located).toBeGreaterThan(points.length * 0.8);
  });

  it('agrees with turf on random points of a jittered tiling', () => {
    const next = seededRandom(7);
    const { grids, bbox } = jitteredTiling(12, 10, next, { shuffle: true });
    const index = GridIndex.build(grids);
    for (let k = 0; k < 1000; k++) {
      const point = [bbox[0] + next() * (bbox[2] - bbox[0]), bbox[1] + next() * (bbox[3] - bbox[1])];
      const containing = grids
        .filter((grid) => booleanPointInPolygon(point, grid.geometry))
        .map((g) => g.code);
      expect(containing.length).toBeLessThanOrEqual(1);
      expect(index.locate(point[0], point[1])).toBe(containing[0] ?? null);
    }
  });
});
