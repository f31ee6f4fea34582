import { Crs, fromWgs84, GridIndexService } from '@citygrid/areas';
import type { FeatureCollection } from 'geojson';
import { ApiClient, errorCode, signIn, type ApiResponse } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { cell, collection, DX, DY, feature } from '../support/geojson';

interface ImportStatus {
  id: string;
  status: string;
  phase: string;
  total: number;
  processed: number;
  created: number;
  updated: number;
  problems: Array<{ field: string; reason: string; code?: string; message: string }>;
  message: string;
}

// A new district east of the demo city: 2 × 2 cells of 100 m, one street, two communities side by side.
const W = 120.16;
const N = 30.29;
const DISTRICT = '330193';
const STREET = '330193001';
const EAST = '330193001002';
const WEST = '330193001001';

describe('areas: import, export, edit and locate', () => {
  let api: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await createTestApp();
    admin = await signIn(api.url, 'admin');
  });

  afterAll(async () => {
    await api.close();
  });

  /** Starts an import and follows its progress until it ends (there is no event to await over HTTP). */
  async function importLayer(layer: string, body: unknown, query = ''): Promise<ImportStatus> {
    const started = await admin.post<ImportStatus>(`/api/v1/areas/${layer}/import${query}`, body);
    expect(started.status).toBe(202);
    // Accepted at once; the checks and the write run in the background, their progress in the status.
    expect(started.body).toMatchObject({ status: 'running', phase: 'checking', processed: 0 });
    let status = started.body;
    for (let polls = 0; status.status === 'running'; polls++) {
      if (polls > 600) throw new Error(`import ${status.id} still running`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await admin.get<ImportStatus>(`/api/v1/area-imports/${status.id}`)).body;
    }
    return status;
  }

  const westGrids = collection(
    feature({ code: `${WEST}001`, name: 'A1' }, cell(W, N, 0, 0)),
    feature({ code: `${WEST}002`, name: 'A2', areaClass: 'A' }, cell(W, N, 0, 1)),
  );

  it('imports a layer at a time, parents first, reporting progress, and locate finds the new grids', async () => {
    const district = await importLayer(
      'districts',
      collection(feature({ code: DISTRICT, name: '新区' }, cell(W, N, 0, 0, 2, 2))),
    );
    expect(district).toMatchObject({
      status: 'succeeded',
      phase: 'done',
      total: 1,
      processed: 1,
      created: 1,
    });
    expect(
      await importLayer(
        'streets',
        collection(feature({ code: STREET, name: '新街道' }, cell(W, N, 0, 0, 2, 2))),
      ),
    ).toMatchObject({ status: 'succeeded', created: 1 });
    expect(
      await importLayer(
        'communities',
        collection(
          feature({ code: WEST, name: '西社区' }, cell(W, N, 0, 0, 1, 2)),
          feature({ code: EAST, name: '东社区' }, cell(W, N, 1, 0, 1, 2)),
        ),
      ),
    ).toMatchObject({ status: 'succeeded', created: 2 });

    const grids = await importLayer('unit-grids', westGrids);
    expect(grids).toMatchObject({ status: 'succeeded', created: 2, updated: 0, problems: [] });

    const located = await admin.get<{
      unitGrid: { code: string; areaClass: string };
      street: { code: string };
    }>(`/api/v1/grids/locate?lng=${W + DX / 2}&lat=${N - 1.5 * DY}`);
    expect(located.status).toBe(200);
    expect(located.body.unitGrid).toEqual({ code: `${WEST}002`, name: 'A2', areaClass: 'A' });
    expect(located.body.street.code).toBe(STREET);
  });

  it('rejects an import with every problem listed by feature, and writes nothing', async () => {
    const bad = collection(
      feature({ code: `${EAST}001`, name: 'ok' }, cell(W, N, 1, 0)),
      feature({ code: `${EAST}002`, name: 'overlaps 001' }, cell(W, N, 1, 0.5)),
      feature({ code: '12345', name: 'bad code' }, cell(W, N, 1, 1)),
      feature(
        { code: `${EAST}003`, name: 'open ring' },
        { type: 'Polygon', coordinates: [cell(W, N, 1, 1).coordinates[0].slice(0, 4)] },
      ),
      feature({ code: '330193001009001', name: 'no such community' }, cell(W, N, 1, 1)),
      feature({ code: `${EAST}004`, name: 'sticks out' }, cell(W, N, 1.5, 1)),
      feature({ code: `${EAST}001`, name: 'twice' }, cell(W, N, 1, 0)),
    );
    const result = await importLayer('unit-grids', bad);
    expect(result.status).toBe('rejected');
    const reasons = result.problems.map(
      (p) => `${p.field.replace(/\.(geometry|properties.*)$/, '')} ${p.reason}`,
    );
    expect(reasons).toEqual(
      expect.arrayContaining([
        'features[1] OVERLAP',
        'features[2] CODE_INVALID',
        'features[3] RING_NOT_CLOSED',
        'features[4] PARENT_NOT_FOUND',
        'features[5] OUTSIDE_PARENT',
        'features[6] CODE_DUPLICATE',
      ]),
    );
    expect(result.problems.find((p) => p.reason === 'OUTSIDE_PARENT')!.message).toMatch(/m²/);
    const written = await admin.get<{ items: unknown[] }>(`/api/v1/areas/unit-grids?parent=${EAST}`);
    expect(written.body.items).toEqual([]);
  });

  it('rejects a community left with a gap beyond the tolerance, and accepts a sliver below it', async () => {
    const half = await importLayer(
      'unit-grids',
      collection(feature({ code: `${EAST}001`, name: 'B1' }, cell(W, N, 1, 0))),
    );
    expect(half.status).toBe('rejected');
    expect(half.problems).toEqual([expect.objectContaining({ field: `communities.${EAST}`, reason: 'GAP' })]);

    // Stop 2 cm short of the south edge: about 2 m² of gap, under the default 10 m².
    const short = cell(W, N, 1, 1);
    short.coordinates[0] = short.coordinates[0].map(([x, y]) => [x, y === N - 2 * DY ? y + 0.0000002 : y]);
    const whole = await importLayer(
      'unit-grids',
      collection(
        feature({ code: `${EAST}001`, name: 'B1' }, cell(W, N, 1, 0)),
        feature({ code: `${EAST}002`, name: 'B2' }, short),
      ),
    );
    expect(whole).toMatchObject({ status: 'succeeded', created: 2 });
  });

  it('exports a layer as the GeoJSON it was imported from', async () => {
    const exported = await admin.get<FeatureCollection>('/api/v1/areas/unit-grids/export');
    expect(exported.headers.get('content-type')).toContain('application/geo+json');
    const ours = exported.body.features.filter((f) => String(f.properties!.code).startsWith(WEST));
    expect(ours.map((f) => ({ type: f.type, properties: f.properties, geometry: f.geometry }))).toEqual([
      { ...westGrids.features[0], properties: { ...westGrids.features[0].properties, areaClass: 'B' } },
      westGrids.features[1],
    ]);
  });

  it('takes GCJ-02 input, stores WGS-84, records the source CRS and exports back to GCJ-02', async () => {
    const wgs = cell(W, N, 0, 0, 2, 2);
    const gcj = fromWgs84(wgs, Crs.GCJ02);
    const result = await importLayer(
      'districts',
      collection(feature({ code: DISTRICT, name: '新区（改）' }, gcj)),
      '?crs=GCJ02',
    );
    expect(result).toMatchObject({ status: 'succeeded', created: 0, updated: 1 });
    const stored = await admin.get<{ sourceCrs: string; geometry: { coordinates: number[][][] } }>(
      `/api/v1/areas/districts/${DISTRICT}`,
    );
    expect(stored.body.sourceCrs).toBe('GCJ02');
    stored.body.geometry.coordinates[0].forEach(([x, y], i) => {
      expect(Math.abs(x - wgs.coordinates[0][i][0])).toBeLessThan(1e-5);
      expect(Math.abs(y - wgs.coordinates[0][i][1])).toBeLessThan(1e-5);
    });
    const back = await admin.get<FeatureCollection>('/api/v1/areas/districts/export?crs=GCJ02');
    const ours = back.body.features.find((f) => f.properties!.code === DISTRICT)!;
    (ours.geometry as typeof gcj).coordinates[0].forEach(([x, y], i) => {
      expect(Math.abs(x - gcj.coordinates[0][i][0])).toBeLessThan(1e-6);
      expect(Math.abs(y - gcj.coordinates[0][i][1])).toBeLessThan(1e-6);
    });
  });

  it('changes only what a PATCH sends, and keeps the recorded source CRS when the geometry stays', async () => {
    const renamed = await admin.patch<{ name: string; sourceCrs: string }>(
      `/api/v1/areas/districts/${DISTRICT}`,
      {
        name: '新区（三）',
      },
    );
    expect(renamed.body).toMatchObject({ name: '新区（三）', sourceCrs: 'GCJ02' });
    const reclassified = await admin.patch<{ name: string; areaClass: string }>(
      `/api/v1/areas/unit-grids/${WEST}002`,
      { areaClass: 'B' },
    );
    expect(reclassified.body).toMatchObject({ name: 'A2', areaClass: 'B' });
    const reshaped = await admin.patch<{ name: string; sourceCrs: string }>(
      `/api/v1/areas/districts/${DISTRICT}`,
      {
        geometry: cell(W, N, 0, 0, 2, 2),
      },
    );
    expect(reshaped.body).toMatchObject({ name: '新区（三）', sourceCrs: 'WGS84' });
  });

  it('lets only one of two simultaneous imports claim the same ground', async () => {
    const community = '330193001003';
    expect(
      (
        await admin.post(
          '/api/v1/areas/communities',
          feature({ code: community, name: '北社区' }, cell(W, N, 5, 5)),
        )
      ).status,
    ).toBe(201);
    const [first, second] = await Promise.all(
      ['001', '002'].map((n) =>
        importLayer('unit-grids', collection(feature({ code: community + n, name: n }, cell(W, N, 5, 5)))),
      ),
    );
    expect([first.status, second.status].sort()).toEqual(['rejected', 'succeeded']);
    expect([...first.problems, ...second.problems].map((p) => p.reason)).toEqual(['OVERLAP']);
  });

  it('refuses a body that is not a FeatureCollection with 400, before starting anything', async () => {
    const response = await admin.post('/api/v1/areas/unit-grids/import', { type: 'Feature' });
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('LAYER_INVALID');
    const layer = await admin.post('/api/v1/areas/counties/import', collection());
    expect(errorCode(layer)).toBe('VALIDATION_FAILED');
  });

  it('takes application/geo+json bodies larger than the 1 MB JSON limit', async () => {
    // 4,000 features with long names: several MB, more than any other endpoint accepts.
    const big = collection(
      ...Array.from({ length: 4000 }, (_, i) =>
        feature({ code: `330199${String(i).padStart(3, '0')}`, name: 'x'.repeat(800) }, cell(W, N, 0, 0)),
      ),
    );
    const response = await admin.request<ImportStatus>(
      'POST',
      '/api/v1/areas/streets/import',
      JSON.stringify(big),
      {
        'content-type': 'application/geo+json',
      },
    );
    expect(response.status).toBe(202);
    expect(response.body.total).toBe(4000);
  });

  describe('one area at a time, through the same checks', () => {
    it('creates, renames, reclassifies and refuses overlaps, duplicates and deleting a parent in use', async () => {
      const created = await admin.post<{ code: string; areaM2: number; parentCode: string }>(
        '/api/v1/areas/streets',
        {
          type: 'Feature',
          properties: { code: '330193002', name: '第二街道' },
          geometry: cell(W, N, 0, 2, 2, 1),
        },
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: '330193002', parentCode: DISTRICT });
      expect(created.body.areaM2).toBeGreaterThan(19_000);

      const again = await admin.post('/api/v1/areas/streets', {
        type: 'Feature',
        properties: { code: '330193002', name: '又一个' },
        geometry: cell(W, N, 0, 2, 2, 1),
      });
      expect(again.status).toBe(409);
      expect(errorCode(again)).toBe('AREA_EXISTS');

      const renamed = await admin.patch<{ name: string; areaClass: string }>(
        `/api/v1/areas/unit-grids/${WEST}001`,
        {
          name: '西一',
          areaClass: 'C',
        },
      );
      expect(renamed.body).toMatchObject({ name: '西一', areaClass: 'C' });

      const overlapping = await admin.patch<{
        error: { details: Array<{ reason: string; otherCode: string }> };
      }>(`/api/v1/areas/unit-grids/${WEST}001`, { geometry: cell(W, N, 0, 0.5) });
      expect(overlapping.status).toBe(422);
      expect(errorCode(overlapping)).toBe('LAYER_IMPORT_REJECTED');
      expect(overlapping.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ reason: 'OVERLAP', otherCode: `${WEST}002` })]),
      );

      const inUse = await admin.delete(`/api/v1/areas/communities/${WEST}`);
      expect(inUse.status).toBe(409);
      expect(errorCode(inUse)).toBe('AREA_IN_USE');
      expect((await admin.delete('/api/v1/areas/streets/330193002')).status).toBe(204);
      expect((await admin.get('/api/v1/areas/streets/330193002')).status).toBe(404);
    });

    it('builds a responsibility grid from its unit grids and staffs it; locate then names its people', async () => {
      const rg = await importLayer(
        'responsibility-grids',
        collection(
          feature(
            { code: `${STREET}R001`, name: '新责任网格', unitGridCodes: [`${WEST}001`, `${WEST}002`] },
            null,
          ),
        ),
      );
      expect(rg).toMatchObject({ status: 'succeeded', created: 1 });
      const users = await admin.get<{ items: Array<{ id: string; username: string }> }>(
        '/api/v1/users?q=-99',
      );
      const id = (name: string) => users.body.items.find((u) => u.username === name)!.id;

      const wrongRole = await admin.put(`/api/v1/areas/responsibility-grids/${STREET}R001/staff`, {
        managerId: id('inspector-99'),
        inspectorIds: [id('gm-99')],
      });
      expect(wrongRole.status).toBe(422);
      expect(errorCode(wrongRole)).toBe('STAFF_INVALID');

      const staffed = await admin.put<{ geometryDerived: boolean; areaM2: number; unitGridCodes: string[] }>(
        `/api/v1/areas/responsibility-grids/${STREET}R001/staff`,
        { managerId: id('gm-99'), inspectorIds: [id('inspector-99')] },
      );
      expect(staffed.status).toBe(200);
      expect(staffed.body).toMatchObject({
        geometryDerived: true,
        unitGridCodes: [`${WEST}001`, `${WEST}002`],
      });
      expect(staffed.body.areaM2).toBeGreaterThan(19_000);

      // A unit grid already in a responsibility grid is not taken silently by another.
      const taken = await importLayer(
        'responsibility-grids',
        collection(feature({ code: `${STREET}R002`, name: '抢网格', unitGridCodes: [`${WEST}001`] }, null)),
      );
      expect(taken.status).toBe('rejected');
      expect(taken.problems).toEqual([
        expect.objectContaining({ reason: 'MEMBER_TAKEN', otherCode: `${STREET}R001` }),
      ]);
      // Its outline is derived, so the export leaves it out and a re-import derives it again.
      const exported = await admin.get<FeatureCollection>('/api/v1/areas/responsibility-grids/export');
      expect(exported.body.features.find((f) => f.properties!.code === `${STREET}R001`)).toMatchObject({
        geometry: null,
        properties: { unitGridCodes: [`${WEST}001`, `${WEST}002`] },
      });

      const located = await admin.get<{
        responsibilityGrid: { code: string };
        gridManager: { username: string };
        inspectors: Array<{ username: string }>;
      }>(`/api/v1/grids/locate?lng=${W + DX / 2}&lat=${N - DY / 2}`);
      expect(located.body.responsibilityGrid.code).toBe(`${STREET}R001`);
      expect(located.body.gridManager.username).toBe('gm-99');
      expect(located.body.inspectors.map((i) => i.username)).toEqual(['inspector-99']);

      // A derived outline follows its unit grids.
      expect((await admin.delete(`/api/v1/areas/unit-grids/${WEST}002`)).status).toBe(204);
      const shrunk = await admin.get<{ areaM2: number; unitGridCodes: string[] }>(
        `/api/v1/areas/responsibility-grids/${STREET}R001`,
      );
      expect(shrunk.body.unitGridCodes).toEqual([`${WEST}001`]);
      expect(shrunk.body.areaM2).toBeGreaterThan(9_000);
      expect(shrunk.body.areaM2).toBeLessThan(11_000);
    });
  });

  it('keeps every process’s locate index in step through Redis', async () => {
    const other = await createTestApp();
    try {
      const theirs = new ApiClient(other.url, admin.token);
      const point = `lng=${W + 1.5 * DX}&lat=${N - 0.5 * DY}`;
      expect(
        (await theirs.get<{ unitGrid: { code: string } }>(`/api/v1/grids/locate?${point}`)).body.unitGrid
          .code,
      ).toBe(`${EAST}001`);
      expect((await admin.delete(`/api/v1/areas/unit-grids/${EAST}001`)).status).toBe(204);
      const index = other.app.get(GridIndexService);
      await index.whenLoaded(await index.latestVersion());
      const gone: ApiResponse = await theirs.get(`/api/v1/grids/locate?${point}`);
      expect(gone.status).toBe(404);
      expect(errorCode(gone)).toBe('POINT_OUTSIDE_GRIDS');
    } finally {
      await other.close();
    }
  });
});
