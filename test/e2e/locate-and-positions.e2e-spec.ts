import { Crs, fromWgs84 } from '@citygrid/areas';
import { REDIS } from '@citygrid/common';
import type { Redis } from 'ioredis';
import { ApiClient, errorCode, signIn } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { centreOf, unitGrid } from '../support/demo-city-points';

interface Located {
  point: number[];
  unitGrid: { code: string; name: string; areaClass: string };
  responsibilityGrid: { code: string; name: string } | null;
  community: { code: string };
  street: { code: string };
  district: { code: string };
  gridManager: { username: string } | null;
  inspectors: Array<{ username: string }>;
}

interface Nearby {
  username: string;
  distanceM: number;
  position: number[];
  accuracyM: number | null;
}

describe('locating a point and live inspector positions', () => {
  let api: TestApp;
  let inspector: ApiClient;
  let dispatcher: ApiClient;

  beforeAll(async () => {
    api = await createTestApp();
    inspector = await signIn(api.url, 'inspector-1');
    dispatcher = await signIn(api.url, 'dispatcher');
  });

  afterAll(async () => {
    await api.close();
  });

  const locate = (lng: number, lat: number, crs = '') =>
    inspector.get<Located>(`/api/v1/grids/locate?lng=${lng}&lat=${lat}${crs ? `&crs=${crs}` : ''}`);

  it('finds the unit grid, its responsibility grid, areas and people for a point in the demo city', async () => {
    const [lng, lat] = centreOf('330192002003047');
    const response = await locate(lng, lat);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      unitGrid: { code: '330192002003047' },
      community: { code: '330192002003' },
      street: { code: '330192002' },
      district: { code: '330192' },
    });
    // Responsibility grids are 5 × 4 blocks: sequence 47 is in the third block of its community.
    const rg = unitGrid('330192002003047').responsibilityGridCode;
    expect(response.body.responsibilityGrid!.code).toBe(rg);
    const n = Number(rg.slice(-3)) + 75; // the 4th street's grids follow 3 × 25 others
    expect(response.body.gridManager!.username).toBe(`gm-${n}`);
    expect(response.body.inspectors.map((i) => i.username)).toEqual([`inspector-${n}`]);
  });

  it('decides points on shared edges and corners the same way every time: the smallest code', async () => {
    const ring = (unitGrid('330191001001002').geometry.coordinates as number[][][])[0];
    const west = Math.min(...ring.map((p) => p[0]));
    const north = Math.max(...ring.map((p) => p[1]));
    const south = Math.min(...ring.map((p) => p[1]));
    // The edge between 001 and 002, and the corner 001/002/006/007 (5 grids per row).
    expect((await locate(west, (north + south) / 2)).body.unitGrid.code).toBe('330191001001001');
    expect((await locate(west, south)).body.unitGrid.code).toBe('330191001001001');
    // The boundary between two communities.
    const east = (unitGrid('330191001001005').geometry.coordinates as number[][][])[0].map((p) => p[0]);
    expect((await locate(Math.max(...east), (north + south) / 2)).body.unitGrid.code).toBe('330191001001005');
  });

  it('answers 404 POINT_OUTSIDE_GRIDS outside the city and 400 for coordinates that are not coordinates', async () => {
    const outside = await locate(121.5, 31.2);
    expect(outside.status).toBe(404);
    expect(errorCode(outside)).toBe('POINT_OUTSIDE_GRIDS');
    const bad = await inspector.get('/api/v1/grids/locate?lng=east&lat=95');
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
  });

  it('converts GCJ-02 and BD-09 points before locating them', async () => {
    const [lng, lat] = centreOf('330191002004033');
    for (const crs of [Crs.GCJ02, Crs.BD09]) {
      const { coordinates } = fromWgs84({ type: 'Point', coordinates: [lng, lat] }, crs);
      const response = await locate(coordinates[0], coordinates[1], crs);
      expect(response.body.unitGrid.code).toBe('330191002004033');
      expect(Math.abs(response.body.point[0] - lng)).toBeLessThan(1e-5);
    }
  });

  it('shows the dispatch center the inspectors near a point, nearest first, live ones only', async () => {
    const [lng, lat] = centreOf('330191001001013');
    const near = await signIn(api.url, 'inspector-2');
    const far = await signIn(api.url, 'inspector-3');
    const stale = await signIn(api.url, 'inspector-4');
    expect((await inspector.post('/api/v1/inspectors/me/position', { lng, lat, accuracyM: 8 })).status).toBe(
      200,
    );
    await near.post('/api/v1/inspectors/me/position', { lng: lng + 0.002, lat });
    await far.post('/api/v1/inspectors/me/position', { lng: lng + 0.05, lat });
    const reported = await stale.post<{ freshUntil: string }>('/api/v1/inspectors/me/position', {
      lng,
      lat: lat + 0.001,
    });
    expect(Date.parse(reported.body.freshUntil) - Date.now()).toBeGreaterThan(9 * 60_000);

    // inspector-4 last reported 11 minutes ago (POSITION_FRESH_MINUTES is 10).
    const redis = api.app.get<Redis>(REDIS);
    const user = (await dispatcher.get<{ items: Array<{ id: string }> }>('/api/v1/users?q=inspector-4')).body
      .items[0];
    await redis.zadd(`${process.env.REDIS_KEY_PREFIX}:positions:seen`, Date.now() - 11 * 60_000, user.id);

    const response = await dispatcher.get<Nearby[]>(
      `/api/v1/inspectors/nearby?lng=${lng}&lat=${lat}&radius=500`,
    );
    expect(response.status).toBe(200);
    expect(response.body.map((i) => i.username)).toEqual(['inspector-1', 'inspector-2']);
    expect(response.body[0]).toMatchObject({ distanceM: 0, accuracyM: 8 });
    expect(response.body[1].distanceM).toBeGreaterThan(150);
    expect(response.body[1].distanceM).toBeLessThan(250);
    // The stale position is gone from Redis, not just filtered out.
    expect(await redis.geopos(`${process.env.REDIS_KEY_PREFIX}:positions:geo`, user.id)).toEqual([null]);
  });

  it('refuses a position from anyone but an inspector, and bad coordinates', async () => {
    const [lng, lat] = centreOf('330191001001013');
    const gm = await signIn(api.url, 'gm-1');
    expect(errorCode(await gm.post('/api/v1/inspectors/me/position', { lng, lat }))).toBe('ROLE_NOT_ALLOWED');
    // Redis GEO ends at ±85.05°: refused up front rather than lost.
    const polar = await inspector.post('/api/v1/inspectors/me/position', { lng: 0, lat: 89 });
    expect(polar.status).toBe(400);
    expect((await dispatcher.get('/api/v1/inspectors/nearby?lng=0&lat=89')).status).toBe(400);
    const bad = await inspector.post('/api/v1/inspectors/me/position', { lng: 200, lat: 'north' });
    expect(bad.status).toBe(400);
    expect(
      (bad.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field).sort(),
    ).toEqual(expect.arrayContaining(['lat', 'lng']));
  });
});
