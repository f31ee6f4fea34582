import { area } from '@turf/area';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { AreaClass, AreaLayer, CODE_FORMATS } from '../area-layer';
import type { AreaGeometry } from './geo-types';
import {
  checkLayer,
  LayerProblemCode,
  type LayerCheckContext,
  type LayerFeatureInput,
  type LayerProblem,
} from './layer-check';

// A community of 4 × 4 unit grids of about 100 m × 100 m near Hangzhou; rows are numbered north to south.
const LNG = 120.15;
const LAT = 30.25;
const DX = 0.00104;
const DY = 0.0009;
const STREET = '330106001';
const COMMUNITY = `${STREET}001`;
const x = (column: number): number => LNG + column * DX;
const y = (row: number): number => LAT - row * DY;

function rect(west: number, south: number, east: number, north: number): Polygon {
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

/** The block of grid cells from (column, row) spanning `columns` × `rows`. */
function cells(column: number, row: number, columns = 1, rows = 1): Polygon {
  return rect(x(column), y(row + rows), x(column + columns), y(row));
}

function gridCode(sequence: number, community = COMMUNITY): string {
  return `${community}${String(sequence).padStart(3, '0')}`;
}

const COMMUNITY_GEOMETRY = cells(0, 0, 4, 4);

function feature(index: number, properties: Record<string, unknown>, geometry: unknown): LayerFeatureInput {
  return { index, properties, geometry };
}

/** The clean tiling: 16 features, sequence 1–16 west→east, north→south. */
function tiling(): LayerFeatureInput[] {
  const features: LayerFeatureInput[] = [];
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 4; column++) {
      const index = features.length;
      features.push(feature(index, { code: gridCode(index + 1) }, cells(column, row)));
    }
  }
  return features;
}

function unitGridContext(overrides: Partial<LayerCheckContext> = {}): LayerCheckContext {
  return {
    layer: AreaLayer.UnitGrids,
    toleranceM2: 1,
    parentCodes: new Set([COMMUNITY]),
    communityGeometries: new Map([[COMMUNITY, COMMUNITY_GEOMETRY]]),
    siblings: [],
    unitGrids: new Map(),
    ...overrides,
  };
}

function reasons(problems: LayerProblem[]): string[] {
  return problems.map((problem) => `${problem.field} ${problem.reason}`);
}

function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

describe('checkLayer: unit grids', () => {
  it('accepts a clean tiling of a community', async () => {
    const progress: Array<[number, number]> = [];
    const { problems, accepted } = await checkLayer(
      tiling(),
      unitGridContext({ onProgress: (done, total) => progress.push([done, total]) }),
    );

    expect(problems).toEqual([]);
    expect(accepted).toHaveLength(16);
    expect(accepted[0]).toMatchObject({
      code: gridCode(1),
      name: gridCode(1),
      areaClass: AreaClass.B,
      bbox: [x(0), y(1), x(1), y(0)],
    });
    expect(accepted[0].areaM2).toBeGreaterThan(9_000);
    expect(accepted[0].areaM2).toBeLessThan(11_000);
    const total = accepted.reduce((sum, grid) => sum + grid.areaM2, 0);
    expect(total).toBeCloseTo(area(COMMUNITY_GEOMETRY), 3);
    expect(progress.at(-1)).toEqual([32, 32]);
  });

  it('keeps the name and area class given', async () => {
    const features = tiling();
    features[5].properties = { code: gridCode(6), name: 'West Lake north shore', areaClass: 'A' };
    const { problems, accepted } = await checkLayer(features, unitGridContext());
    expect(problems).toEqual([]);
    expect(accepted[5]).toMatchObject({ name: 'West Lake north shore', areaClass: AreaClass.A });
  });

  it('reports a ring that is not closed', async () => {
    const features = tiling();
    const open = cells(1, 0);
    open.coordinates[0][4] = [x(1), y(0.5)];
    features[1].geometry = open;

    const { problems } = await checkLayer(features, unitGridContext());

    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'features[1].geometry',
        reason: LayerProblemCode.RING_NOT_CLOSED,
        code: gridCode(2),
      }),
    );
    expect(reasons(problems)).not.toContain(`communities.${COMMUNITY} GAP`);
  });

  it('reports a ring with fewer than 4 positions', async () => {
    const features = tiling();
    features[2].geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [x(2), y(1)],
          [x(3), y(1)],
          [x(2), y(1)],
        ],
      ],
    };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(reasons(problems)).toEqual(['features[2].geometry RING_TOO_SHORT']);
    expect(problems[0].message).toContain('3 positions');
  });

  it('reports a bowtie and where it crosses itself', async () => {
    const features = tiling();
    features[3].geometry = {
      type: 'Polygon',
      coordinates: [
        [
          [x(3), y(1)],
          [x(4), y(0)],
          [x(4), y(1)],
          [x(3), y(0)],
          [x(3), y(1)],
        ],
      ],
    };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(reasons(problems)).toEqual(['features[3].geometry SELF_INTERSECTION']);
    expect(problems[0].message).toContain('crosses itself, first at [120.15364');
    const [lng, lat] = problems[0].at as Position;
    expect(lng).toBeCloseTo(x(3.5), 12);
    expect(lat).toBeCloseTo(y(0.5), 12);
  });

  it.each([
    [
      'a latitude beyond 90',
      [
        [
          [120.15, 95],
          [120.16, 30.25],
          [120.16, 30.26],
          [120.15, 95],
        ],
      ],
    ],
    [
      'a string',
      [
        [
          [120.15, '30.25'],
          [120.16, 30.25],
          [120.16, 30.26],
          [120.15, '30.25'],
        ],
      ],
    ],
    [
      'positions one level too shallow',
      [
        [120.15, 30.25],
        [120.16, 30.25],
        [120.16, 30.26],
        [120.15, 30.25],
      ],
    ],
  ])('reports coordinates with %s', async (_case, coordinates) => {
    const features = tiling();
    features[4].geometry = { type: 'Polygon', coordinates };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(reasons(problems)).toEqual(['features[4].geometry COORDINATES_INVALID']);
  });

  it('reports a missing geometry and one of the wrong type', async () => {
    const features = tiling();
    features[0].geometry = null;
    features[1].geometry = { type: 'Point', coordinates: [x(1.5), y(0.5)] };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(reasons(problems)).toEqual([
      'features[0].geometry GEOMETRY_MISSING',
      'features[1].geometry GEOMETRY_TYPE',
    ]);
  });

  it('reports an invalid code, naming the expected format', async () => {
    const features = tiling();
    features[6].properties = { code: '33010600100107' };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'features[6].properties.code',
        reason: LayerProblemCode.CODE_INVALID,
        code: '33010600100107',
      }),
    ]);
    expect(problems[0].message).toContain(CODE_FORMATS[AreaLayer.UnitGrids]);
  });

  it('reports a code used twice', async () => {
    const features = tiling();
    features[7].properties = { code: gridCode(3) };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'features[7].properties.code',
        reason: LayerProblemCode.CODE_DUPLICATE,
        code: gridCode(3),
        otherIndex: 2,
      }),
    ]);
  });

  it('reports a parent that does not exist, naming it', async () => {
    const features = tiling();
    features[8].properties = { code: gridCode(9, `${STREET}002`) };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'features[8].properties.code',
        reason: LayerProblemCode.PARENT_NOT_FOUND,
        parentCode: `${STREET}002`,
      }),
    );
    expect(problems.find((p) => p.reason === LayerProblemCode.PARENT_NOT_FOUND)?.message).toContain(
      `${STREET}002`,
    );
  });

  it('reports a grid sticking out of its community, with the area outside', async () => {
    const features = tiling();
    features[3].geometry = cells(3.5, 0); // half of it east of the community
    const { problems } = await checkLayer(features, unitGridContext());

    const outside = problems.find((p) => p.reason === LayerProblemCode.OUTSIDE_PARENT);
    expect(outside).toMatchObject({ field: 'features[3]', code: gridCode(4), parentCode: COMMUNITY });
    const half = area(cells(0, 0)) / 2;
    expect(outside?.areaM2).toBeCloseTo(half, 0);
    expect(outside?.message).toContain(`${outside?.areaM2} m²`);
    // The half it leaves uncovered is no separate GAP: with a grid outside, the sum would not mean anything.
    expect(reasons(problems)).toEqual(['features[3] OUTSIDE_PARENT']);
  });

  it('reports two overlapping grids once, with the other code and the shared area', async () => {
    const features = tiling();
    features[5].geometry = cells(1, 1, 1.3, 1); // 30% of grid 7 as well
    const { problems, accepted } = await checkLayer(features, unitGridContext());

    expect(problems).toEqual([
      expect.objectContaining({
        field: 'features[5]',
        reason: LayerProblemCode.OVERLAP,
        code: gridCode(6),
        otherCode: gridCode(7),
        otherIndex: 6,
      }),
    ]);
    expect(problems[0].areaM2).toBeCloseTo(area(cells(0, 0)) * 0.3, -1);
    expect(accepted.map((grid) => grid.code)).not.toContain(gridCode(7));
  });

  it('reports a grid overlapping an existing one the import keeps', async () => {
    const features = tiling().slice(0, 15);
    const siblings = [{ code: gridCode(16), geometry: cells(3, 3) }];
    features[14].geometry = cells(2, 3, 1.5, 1);
    const { problems } = await checkLayer(features, unitGridContext({ siblings }));
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'features[14]',
        reason: LayerProblemCode.OVERLAP,
        otherCode: gridCode(16),
      }),
    ]);
    expect(problems[0]).not.toHaveProperty('otherIndex');
    expect(problems[0].message).toContain('existing unit grid');
  });

  it('reports the gap a missing grid leaves', async () => {
    const features = tiling().filter((f) => f.index !== 9);
    const { problems } = await checkLayer(features, unitGridContext());
    expect(problems).toEqual([
      expect.objectContaining({
        field: `communities.${COMMUNITY}`,
        reason: LayerProblemCode.GAP,
        code: COMMUNITY,
      }),
    ]);
    expect(problems[0].areaM2).toBeCloseTo(area(cells(1, 2)), 0);
  });

  it('counts the existing grids it keeps, and ignores the ones it replaces', async () => {
    const features = tiling().filter((f) => f.index !== 9);
    const kept = [{ code: gridCode(10), geometry: cells(1, 2) }];
    expect((await checkLayer(features, unitGridContext({ siblings: kept }))).problems).toEqual([]);

    // Grid 1 is in the file, so the stored grid 1 (covering grid 2 too) is being replaced.
    const replaced = [...kept, { code: gridCode(1), geometry: cells(0, 0, 2, 1) }];
    expect((await checkLayer(features, unitGridContext({ siblings: replaced }))).problems).toEqual([]);
  });

  it('respects the tolerance for grids sticking out and overlapping', async () => {
    const features = tiling();
    const sliver = 0.000003; // about 0.3 m: slivers of about 30 m² along 100 m edges
    features[0].geometry = rect(x(0) - sliver, y(1), x(1) + sliver, y(0)); // out west, over grid 2

    expect((await checkLayer(features, unitGridContext({ toleranceM2: 50 }))).problems).toEqual([]);
    expect(reasons((await checkLayer(features, unitGridContext({ toleranceM2: 10 }))).problems)).toEqual([
      'features[0] OUTSIDE_PARENT',
      'features[0] OVERLAP',
    ]);
  });

  it('reports the gap of a grid cut short once it exceeds the tolerance', async () => {
    const features = tiling();
    features[15].geometry = rect(x(3), y(4) + 0.000003, x(4), y(3));
    expect((await checkLayer(features, unitGridContext({ toleranceM2: 50 }))).problems).toEqual([]);
    expect(reasons((await checkLayer(features, unitGridContext({ toleranceM2: 10 }))).problems)).toEqual([
      `communities.${COMMUNITY} GAP`,
    ]);
  });

  it('reports a grid smaller than the tolerance', async () => {
    const features = [feature(0, { code: gridCode(1) }, rect(x(0), y(0) - 0.00001, x(0) + 0.00001, y(0)))];
    const { problems } = await checkLayer(features, unitGridContext({ toleranceM2: 5 }));
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'features[0].geometry', reason: LayerProblemCode.AREA_TOO_SMALL }),
    );
  });

  it('reports an area class that is not A, B or C', async () => {
    const features = tiling();
    features[0].properties = { code: gridCode(1), areaClass: 'D' };
    const { problems } = await checkLayer(features, unitGridContext());
    expect(reasons(problems)).toEqual(['features[0].properties.areaClass PROPERTY_INVALID']);
  });

  it('handles grids that are not convex', async () => {
    // An L over cells 1, 2 and 5, and grid 6 filling the notch: clean.
    const l: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x(0), y(2)],
          [x(1), y(2)],
          [x(1), y(1)],
          [x(2), y(1)],
          [x(2), y(0)],
          [x(0), y(0)],
          [x(0), y(2)],
        ],
      ],
    };
    const notch = cells(1, 1);
    const rest = tiling().filter((f) => ![0, 1, 4, 5].includes(f.index));
    const features = [
      feature(0, { code: gridCode(1) }, l),
      feature(1, { code: gridCode(6) }, notch),
      ...rest.map((f, i) => ({ ...f, index: i + 2 })),
    ];
    expect((await checkLayer(features, unitGridContext())).problems).toEqual([]);

    // A second L over cells 2, 5 and 6 overlaps the first on two cells.
    const other: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x(0), y(2)],
          [x(2), y(2)],
          [x(2), y(0)],
          [x(1), y(0)],
          [x(1), y(1)],
          [x(0), y(1)],
          [x(0), y(2)],
        ],
      ],
    };
    features[1] = feature(1, { code: gridCode(6) }, other);
    const { problems } = await checkLayer(features, unitGridContext());
    expect(reasons(problems)).toEqual(['features[0] OVERLAP']);
    expect(problems[0].areaM2).toBeCloseTo(2 * area(cells(0, 0)), -1);
  });

  it('measures the overlap of grids with holes', async () => {
    const withHole = (outer: Polygon, hole: Polygon): Polygon => ({
      type: 'Polygon',
      coordinates: [outer.coordinates[0], [...hole.coordinates[0]].reverse()],
    });
    const features = [
      feature(0, { code: gridCode(1) }, withHole(cells(0, 0, 2, 2), cells(1.25, 1.25, 0.5, 0.5))),
      feature(1, { code: gridCode(2) }, withHole(cells(1, 1, 2, 2), cells(2.25, 2.25, 0.5, 0.5))),
    ];
    const { problems } = await checkLayer(features, unitGridContext());
    expect(reasons(problems)).toEqual(['features[0] OVERLAP']);
    expect(problems[0].areaM2).toBeCloseTo(area(cells(1, 1)) * 0.75, -1);
  });

  it('measures grids against a community that is not convex', async () => {
    // A U-shaped community: the 4 × 4 block without cells 2 and 3 of the top row.
    const u: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [x(0), y(4)],
          [x(4), y(4)],
          [x(4), y(0)],
          [x(3), y(0)],
          [x(3), y(1)],
          [x(1), y(1)],
          [x(1), y(0)],
          [x(0), y(0)],
          [x(0), y(4)],
        ],
      ],
    };
    const features = tiling().filter((f) => f.index !== 2);
    const { problems } = await checkLayer(
      features,
      unitGridContext({ communityGeometries: new Map([[COMMUNITY, u]]) }),
    );
    expect(reasons(problems)).toEqual(['features[1] OUTSIDE_PARENT']);
    expect(problems[0].areaM2).toBeCloseTo(area(cells(1, 0)), 0);
  });

  it('accepts MultiPolygons and rewinds rings to RFC 7946', async () => {
    const clockwise = (polygon: Polygon): Position[][] =>
      polygon.coordinates.map((ring) => [...ring].reverse());
    const features = tiling();
    const withHole: Polygon = {
      type: 'Polygon',
      coordinates: [clockwise(cells(0, 0))[0], cells(0.25, 0.25, 0.5, 0.5).coordinates[0]],
    };
    features[0].geometry = withHole;
    const split: MultiPolygon = {
      type: 'MultiPolygon',
      coordinates: [clockwise(cells(1, 0)), cells(0.25, 0.25, 0.5, 0.5).coordinates],
    };
    features[1].geometry = split;

    const { problems, accepted } = await checkLayer(features, unitGridContext());

    expect(problems).toEqual([]);
    const [outer, hole] = (accepted[0].geometry as Polygon).coordinates;
    expect(signedArea(outer)).toBeGreaterThan(0);
    expect(signedArea(hole)).toBeLessThan(0);
    const parts = (accepted[1].geometry as MultiPolygon).coordinates;
    expect(parts.map((part) => signedArea(part[0]) > 0)).toEqual([true, true]);
    expect(accepted[0].areaM2).toBeCloseTo(area(cells(0, 0)) * 0.75, 0);
  });

  it('drops repeated positions instead of calling them crossings', async () => {
    const features = tiling();
    const ring = cells(0, 0).coordinates[0];
    features[0].geometry = {
      type: 'Polygon',
      coordinates: [[ring[0], ring[1], ring[1], ring[2], ring[3], ring[4]]],
    };
    const { problems, accepted } = await checkLayer(features, unitGridContext());
    expect(problems).toEqual([]);
    expect((accepted[0].geometry as Polygon).coordinates[0]).toHaveLength(5);
  });

  it('lists every problem of a file with its feature index', async () => {
    const features = tiling();
    features[1].properties = { code: 'grid-2' };
    features[4].geometry = null;
    features[9].properties = { code: gridCode(1) };
    features[12].geometry = cells(0.5, 3); // over grids 13 and 14
    features[15].properties = { code: gridCode(16), areaClass: 'Z' };

    const { problems, accepted } = await checkLayer(features, unitGridContext());

    expect(reasons(problems)).toEqual([
      'features[1].properties.code CODE_INVALID',
      'features[4].geometry GEOMETRY_MISSING',
      'features[9].properties.code CODE_DUPLICATE',
      'features[12] OVERLAP',
      'features[15].properties.areaClass PROPERTY_INVALID',
    ]);
    expect(problems[0]).toMatchObject({ code: 'grid-2' });
    expect(accepted).toHaveLength(16 - 6);
  });
});

describe('checkLayer: other layers', () => {
  const streetContext: LayerCheckContext = {
    layer: AreaLayer.Streets,
    toleranceM2: 1,
    parentCodes: new Set(['330106']),
    communityGeometries: new Map(),
    siblings: [],
    unitGrids: new Map(),
  };

  it('needs a name for every layer but unit grids', async () => {
    const features = [
      feature(0, { code: STREET, name: 'Xixi' }, cells(0, 0, 2, 2)),
      feature(1, { code: '330106002', name: '  ' }, cells(2, 0, 2, 2)),
    ];
    const { problems, accepted } = await checkLayer(features, streetContext);
    expect(reasons(problems)).toEqual(['features[1].properties.name NAME_MISSING']);
    expect(accepted).toEqual([expect.objectContaining({ code: STREET, name: 'Xixi' })]);
    expect(accepted[0]).not.toHaveProperty('areaClass');
  });

  it('does not check overlaps between streets', async () => {
    const features = [
      feature(0, { code: STREET, name: 'Xixi' }, cells(0, 0, 2, 2)),
      feature(1, { code: '330106002', name: 'Lingyin' }, cells(1, 0, 2, 2)),
    ];
    expect((await checkLayer(features, streetContext)).problems).toEqual([]);
  });
});

describe('checkLayer: progress', () => {
  it('reports every 200 features and at the end, letting the event loop run in between', async () => {
    const features = Array.from({ length: 1000 }, (_, i) => {
      const street = `330106${String(Math.floor(i / 999) + 1).padStart(3, '0')}`;
      const code = `${street}${String((i % 999) + 1).padStart(3, '0')}`;
      return feature(i, { code, name: `Community ${i}` }, cells(i % 50, Math.floor(i / 50)));
    });
    let turns = 0;
    let timer = setImmediate(function turn() {
      turns += 1;
      timer = setImmediate(turn);
    });
    const calls: Array<[number, number]> = [];
    const { problems } = await checkLayer(features, {
      layer: AreaLayer.Communities,
      toleranceM2: 1,
      parentCodes: new Set(['330106001', '330106002']),
      communityGeometries: new Map(),
      siblings: [],
      unitGrids: new Map(),
      onProgress: (done, total) => calls.push([done, total]),
    });
    clearImmediate(timer);

    expect(problems).toEqual([]);
    expect(calls).toEqual([
      [200, 1000],
      [400, 1000],
      [600, 1000],
      [800, 1000],
      [1000, 1000],
    ]);
    expect(turns).toBeGreaterThanOrEqual(4);
  });
});

describe('checkLayer: responsibility grids', () => {
  const unitGrids = new Map<string, AreaGeometry>([
    [gridCode(1), cells(0, 0)],
    [gridCode(2), cells(1, 0)],
    [gridCode(3), cells(2, 0)],
    [gridCode(1, '330106002001'), cells(0, 5)],
  ]);
  const context: LayerCheckContext = {
    layer: AreaLayer.ResponsibilityGrids,
    toleranceM2: 1,
    parentCodes: new Set([STREET]),
    communityGeometries: new Map(),
    siblings: [],
    unitGrids,
  };
  const responsibility = (index: number, sequence: number, members: unknown, geometry: unknown = null) =>
    feature(
      index,
      {
        code: `${STREET}R${String(sequence).padStart(3, '0')}`,
        name: `Team ${sequence}`,
        unitGridCodes: members,
      },
      geometry,
    );

  it('derives a missing geometry from the union of its unit grids', async () => {
    const { problems, accepted } = await checkLayer(
      [responsibility(0, 1, [gridCode(1), gridCode(2)])],
      context,
    );
    expect(problems).toEqual([]);
    expect(accepted).toHaveLength(1);
    const [grid] = accepted;
    expect(grid).toMatchObject({
      code: `${STREET}R001`,
      unitGridCodes: [gridCode(1), gridCode(2)],
      geometryDerived: true,
      bbox: [x(0), y(1), x(2), y(0)],
    });
    expect(grid.geometry.type).toBe('Polygon');
    expect(grid.areaM2).toBeCloseTo(area(cells(0, 0, 2, 1)), 0);
    expect(signedArea((grid.geometry as Polygon).coordinates[0])).toBeGreaterThan(0);
  });

  it('keeps an uploaded geometry', async () => {
    const { problems, accepted } = await checkLayer(
      [responsibility(0, 1, [gridCode(3)], cells(2, 0))],
      context,
    );
    expect(problems).toEqual([]);
    expect(accepted[0]).toMatchObject({ geometryDerived: false, geometry: cells(2, 0) });
  });

  it('reports members that do not exist, lie in another street or are listed twice', async () => {
    const features = [
      responsibility(0, 1, [gridCode(1), gridCode(9)]),
      responsibility(1, 2, [gridCode(2), gridCode(1, '330106002001'), gridCode(1)]),
      responsibility(2, 3, 'all of them'),
    ];
    const { problems, accepted } = await checkLayer(features, context);
    expect(problems).toEqual([
      expect.objectContaining({
        field: 'features[0].properties.unitGridCodes[1]',
        reason: LayerProblemCode.MEMBER_NOT_FOUND,
        memberCode: gridCode(9),
      }),
      expect.objectContaining({
        field: 'features[1].properties.unitGridCodes[1]',
        reason: LayerProblemCode.MEMBER_OUTSIDE_STREET,
        memberCode: gridCode(1, '330106002001'),
      }),
      expect.objectContaining({
        field: 'features[1].properties.unitGridCodes[2]',
        reason: LayerProblemCode.MEMBER_DUPLICATE,
        memberCode: gridCode(1),
        otherCode: `${STREET}R001`,
      }),
      expect.objectContaining({
        field: 'features[2].properties.unitGridCodes',
        reason: LayerProblemCode.PROPERTY_INVALID,
      }),
    ]);
    expect(accepted).toEqual([]);
  });
});
