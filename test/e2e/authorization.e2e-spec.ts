import type { OpenAPIObject } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { ApiClient, errorCode, signIn, type ApiResponse } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { centreOf } from '../support/demo-city-points';

// One demo user per role (DESIGN.md §3), signed in once.
const CITY = ['admin', 'dispatcher', 'shiftleader', 'acceptor', 'supervisor'];
const EVERYONE = [...CITY, 'gm-1', 'inspector-1', 'handler-sanitation-1', 'deptmgr-sanitation'];
const CENTER_DESK = ['admin', 'dispatcher', 'shiftleader', 'supervisor'];
const EVALUATORS = ['admin', 'shiftleader', 'supervisor'];
/** Who may report a case (INTAKE_ROLES) and who may act on one (every role the transition table names). */
const INTAKE = ['dispatcher', 'shiftleader', 'acceptor', 'gm-1', 'inspector-1'];
const ACTING = EVERYONE.filter((username) => username !== 'admin');
const PUBLIC = 'public';

interface Endpoint {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** As in the OpenAPI document. */
  path: string;
  /** A concrete request. Calls by allowed roles use bodies or ids that change nothing (400/404) where they could. */
  url: string;
  body?: unknown;
  allowed: string[] | typeof PUBLIC;
  /** Sign in afresh for each call (logout ends the session it is called with). */
  freshSession?: boolean;
}

const [lng, lat] = centreOf('330191001001001');
const nobody = randomUUID();

const MATRIX: Endpoint[] = [
  { method: 'get', path: '/health', url: '/health', allowed: PUBLIC },
  { method: 'get', path: '/metrics', url: '/metrics', allowed: PUBLIC },
  {
    method: 'post',
    path: '/api/v1/system/ping',
    url: '/api/v1/system/ping',
    body: { holdMs: -1 },
    allowed: ['admin'],
  },
  { method: 'post', path: '/api/v1/auth/login', url: '/api/v1/auth/login', body: {}, allowed: PUBLIC },
  { method: 'post', path: '/api/v1/auth/refresh', url: '/api/v1/auth/refresh', body: {}, allowed: PUBLIC },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    url: '/api/v1/auth/logout',
    allowed: EVERYONE,
    freshSession: true,
  },
  { method: 'get', path: '/api/v1/auth/me', url: '/api/v1/auth/me', allowed: EVERYONE },
  {
    method: 'post',
    path: '/api/v1/auth/admin-console',
    url: '/api/v1/auth/admin-console',
    allowed: ['admin'],
  },
  // The queue dashboard (bull-board, outside the OpenAPI document; one hook guards all under /admin/queues).
  { method: 'get', path: '/admin/queues', url: '/admin/queues', allowed: ['admin'] },
  { method: 'get', path: '/admin/queues/api/queues', url: '/admin/queues/api/queues', allowed: ['admin'] },
  {
    method: 'put',
    path: '/admin/queues/api/queues/{queueName}/{jobId}/retry',
    url: '/admin/queues/api/queues/system/no-such-job/retry',
    allowed: ['admin'],
  },
  { method: 'get', path: '/api/v1/users', url: '/api/v1/users', allowed: [...CITY, 'deptmgr-sanitation'] },
  {
    method: 'get',
    path: '/api/v1/users/{id}',
    url: `/api/v1/users/${nobody}`,
    allowed: [...CITY, 'deptmgr-sanitation'],
  },
  { method: 'post', path: '/api/v1/users', url: '/api/v1/users', body: {}, allowed: ['admin'] },
  {
    method: 'patch',
    path: '/api/v1/users/{id}',
    url: `/api/v1/users/${nobody}`,
    body: { roles: [] },
    allowed: ['admin'],
  },
  { method: 'delete', path: '/api/v1/users/{id}', url: `/api/v1/users/${nobody}`, allowed: ['admin'] },
  { method: 'get', path: '/api/v1/departments', url: '/api/v1/departments', allowed: EVERYONE },
  {
    method: 'get',
    path: '/api/v1/departments/{id}',
    url: `/api/v1/departments/${nobody}`,
    allowed: EVERYONE,
  },
  { method: 'post', path: '/api/v1/departments', url: '/api/v1/departments', body: {}, allowed: ['admin'] },
  {
    method: 'patch',
    path: '/api/v1/departments/{id}',
    url: `/api/v1/departments/${nobody}`,
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'delete',
    path: '/api/v1/departments/{id}',
    url: `/api/v1/departments/${nobody}`,
    allowed: ['admin'],
  },
  { method: 'get', path: '/api/v1/areas/{layer}', url: '/api/v1/areas/districts', allowed: EVERYONE },
  {
    method: 'get',
    path: '/api/v1/areas/{layer}/export',
    url: '/api/v1/areas/districts/export',
    allowed: ['admin', 'supervisor'],
  },
  {
    method: 'get',
    path: '/api/v1/areas/{layer}/{code}',
    url: '/api/v1/areas/districts/330191',
    allowed: EVERYONE,
  },
  {
    method: 'post',
    path: '/api/v1/areas/{layer}/import',
    url: '/api/v1/areas/unit-grids/import',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: '/api/v1/areas/{layer}',
    url: '/api/v1/areas/unit-grids',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'patch',
    path: '/api/v1/areas/{layer}/{code}',
    url: '/api/v1/areas/unit-grids/330191001001001',
    body: { areaClass: 'Z' },
    allowed: ['admin'],
  },
  {
    method: 'delete',
    path: '/api/v1/areas/{layer}/{code}',
    url: '/api/v1/areas/unit-grids/330199001001001',
    allowed: ['admin'],
  },
  {
    method: 'put',
    path: '/api/v1/areas/responsibility-grids/{code}/staff',
    url: '/api/v1/areas/responsibility-grids/330191001R001/staff',
    body: { inspectorIds: 'nobody' },
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/area-imports/{id}',
    url: `/api/v1/area-imports/${nobody}`,
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/grids/locate',
    url: `/api/v1/grids/locate?lng=${lng}&lat=${lat}`,
    allowed: EVERYONE,
  },
  {
    method: 'post',
    path: '/api/v1/inspectors/me/position',
    url: '/api/v1/inspectors/me/position',
    body: { lng, lat },
    allowed: ['inspector-1'],
  },
  {
    method: 'get',
    path: '/api/v1/catalogue/major-classes',
    url: '/api/v1/catalogue/major-classes',
    allowed: EVERYONE,
  },
  { method: 'get', path: '/api/v1/catalogue/versions', url: '/api/v1/catalogue/versions', allowed: EVERYONE },
  {
    method: 'get',
    path: '/api/v1/catalogue/matters',
    url: '/api/v1/catalogue/matters?q=bllj',
    allowed: EVERYONE,
  },
  {
    method: 'get',
    path: '/api/v1/catalogue/matters/{kind}/{code}',
    url: '/api/v1/catalogue/matters/event/06010',
    allowed: EVERYONE,
  },
  {
    method: 'post',
    path: '/api/v1/catalogue/matters',
    url: '/api/v1/catalogue/matters',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'patch',
    path: '/api/v1/catalogue/matters/{kind}/{code}',
    url: '/api/v1/catalogue/matters/event/06010',
    body: { nameZh: '' },
    allowed: ['admin'],
  },
  {
    method: 'delete',
    path: '/api/v1/catalogue/matters/{kind}/{code}',
    url: '/api/v1/catalogue/matters/event/06997',
    allowed: ['admin'],
  },
  { method: 'get', path: '/api/v1/calendar', url: '/api/v1/calendar', allowed: EVERYONE },
  {
    method: 'put',
    path: '/api/v1/calendar/settings',
    url: '/api/v1/calendar/settings',
    body: { periods: [] },
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/calendar/days',
    url: '/api/v1/calendar/days?from=2026-10-01&to=2026-10-31',
    allowed: EVERYONE,
  },
  {
    method: 'put',
    path: '/api/v1/calendar/days/{date}',
    url: '/api/v1/calendar/days/2026-12-24',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'delete',
    path: '/api/v1/calendar/days/{date}',
    url: '/api/v1/calendar/days/2026-12-24',
    allowed: ['admin'],
  },
  {
    method: 'put',
    path: '/api/v1/calendar/years/{year}',
    url: '/api/v1/calendar/years/2030',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/calendar/step-limits',
    url: '/api/v1/calendar/step-limits',
    allowed: EVERYONE,
  },
  {
    method: 'put',
    path: '/api/v1/calendar/step-limits/{step}',
    url: '/api/v1/calendar/step-limits/check',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/calendar/deadline',
    url: '/api/v1/calendar/deadline?start=2026-09-30T16:00:00%2B08:00&amount=4&unit=WORK_HOUR',
    allowed: EVERYONE,
  },
  { method: 'get', path: '/api/v1/routing-rules', url: '/api/v1/routing-rules', allowed: CENTER_DESK },
  {
    method: 'get',
    path: '/api/v1/routing-rules/{id}',
    url: `/api/v1/routing-rules/${nobody}`,
    allowed: CENTER_DESK,
  },
  {
    method: 'post',
    path: '/api/v1/routing-rules/test',
    url: '/api/v1/routing-rules/test',
    body: {},
    allowed: ['admin', 'dispatcher', 'shiftleader'],
  },
  {
    method: 'put',
    path: '/api/v1/routing-rules/order',
    url: '/api/v1/routing-rules/order',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'post',
    path: '/api/v1/routing-rules',
    url: '/api/v1/routing-rules',
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'patch',
    path: '/api/v1/routing-rules/{id}',
    url: `/api/v1/routing-rules/${nobody}`,
    body: {},
    allowed: ['admin'],
  },
  {
    method: 'delete',
    path: '/api/v1/routing-rules/{id}',
    url: `/api/v1/routing-rules/${nobody}`,
    allowed: ['admin'],
  },
  {
    method: 'get',
    path: '/api/v1/inspectors/nearby',
    url: `/api/v1/inspectors/nearby?lng=${lng}&lat=${lat}`,
    allowed: CITY,
  },
  { method: 'post', path: '/api/v1/cases', url: '/api/v1/cases', body: {}, allowed: INTAKE },
  { method: 'get', path: '/api/v1/cases', url: '/api/v1/cases', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/cases/{id}', url: `/api/v1/cases/${nobody}`, allowed: EVERYONE },
  {
    method: 'get',
    path: '/api/v1/cases/{id}/allowed-actions',
    url: `/api/v1/cases/${nobody}/allowed-actions`,
    allowed: EVERYONE,
  },
  {
    method: 'post',
    path: '/api/v1/cases/{id}/actions/{action}',
    url: `/api/v1/cases/${nobody}/actions/file`,
    body: {},
    allowed: ACTING,
  },
  {
    method: 'get',
    path: '/api/v1/cases/{id}/photos/{photoId}',
    url: `/api/v1/cases/${nobody}/photos/${nobody}`,
    allowed: EVERYONE,
  },
  { method: 'get', path: '/api/v1/notices', url: '/api/v1/notices', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/board/snapshot', url: '/api/v1/board/snapshot', allowed: EVERYONE },
  { method: 'post', path: '/api/v1/notices/read-all', url: '/api/v1/notices/read-all', allowed: EVERYONE },
  {
    method: 'post',
    path: '/api/v1/notices/{id}/read',
    url: `/api/v1/notices/${nobody}/read`,
    allowed: EVERYONE,
  },
  // Evaluation: supervisors, admins and shift leaders read; admins and supervisors add schemes (an empty
  // definition is refused, so nothing changes).
  {
    method: 'get',
    path: '/api/v1/evaluation/schemes',
    url: '/api/v1/evaluation/schemes',
    allowed: EVALUATORS,
  },
  {
    method: 'post',
    path: '/api/v1/evaluation/schemes',
    url: '/api/v1/evaluation/schemes',
    body: { key: 'matrix', definition: {} },
    allowed: ['admin', 'supervisor'],
  },
  {
    method: 'get',
    path: '/api/v1/evaluation/outstanding',
    url: '/api/v1/evaluation/outstanding',
    allowed: EVALUATORS,
  },
  {
    method: 'get',
    path: '/api/v1/evaluation/{objectType}',
    url: '/api/v1/evaluation/street?period=day&date=2026-11-21',
    allowed: EVALUATORS,
  },
  {
    method: 'get',
    path: '/api/v1/evaluation/{objectType}/{id}',
    url: '/api/v1/evaluation/street/000000000?period=day&date=2026-11-21',
    allowed: EVALUATORS,
  },
];

describe('authorization: every role against every endpoint', () => {
  let api: TestApp;
  const clients = new Map<string, ApiClient>();

  beforeAll(async () => {
    api = await createTestApp();
    for (const username of EVERYONE) clients.set(username, await signIn(api.url, username));
  });

  afterAll(async () => {
    await api.close();
  });

  it('covers exactly the endpoints in the OpenAPI document (and those it leaves out)', async () => {
    const document = (await new ApiClient(api.url).get<OpenAPIObject>('/api/docs-json')).body;
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method} ${path}`),
    );
    // Prometheus, and the queue dashboard: its page, its list and one of its writes.
    const undocumented = [
      'get /metrics',
      'get /admin/queues',
      'get /admin/queues/api/queues',
      'put /admin/queues/api/queues/{queueName}/{jobId}/retry',
    ];
    expect(MATRIX.map((e) => `${e.method} ${e.path}`).sort()).toEqual(
      [...documented, ...undocumented].sort(),
    );
  });

  const call = async (endpoint: Endpoint, username: string | null): Promise<ApiResponse> => {
    let client = username ? clients.get(username)! : new ApiClient(api.url);
    if (endpoint.freshSession && username) client = await signIn(api.url, username);
    return client.request(endpoint.method.toUpperCase(), endpoint.url, endpoint.body);
  };

  describe.each(MATRIX)('$method $path', (endpoint) => {
    const allowed = endpoint.allowed === PUBLIC ? EVERYONE : endpoint.allowed;
    const denied = EVERYONE.filter((username) => !allowed.includes(username));

    it(endpoint.allowed === PUBLIC ? 'is open without signing in' : 'needs a signed-in caller', async () => {
      const response = await call(endpoint, null);
      if (endpoint.allowed === PUBLIC) {
        expect(errorCode(response)).not.toBe('TOKEN_MISSING');
      } else {
        expect(response.status).toBe(401);
        expect(errorCode(response)).toBe('TOKEN_MISSING');
      }
    });

    it.each(allowed)('lets %s through', async (username) => {
      const response = await call(endpoint, username);
      expect([401, 403]).not.toContain(response.status);
    });

    if (denied.length > 0) {
      it.each(denied)('refuses %s with 403 ROLE_NOT_ALLOWED', async (username) => {
        const response = await call(endpoint, username);
        expect(response.status).toBe(403);
        expect(errorCode(response)).toBe('ROLE_NOT_ALLOWED');
      });
    }
  });
});

describe('scope: each role sees only its own areas and department', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await createTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  const codes = async (client: ApiClient, path: string): Promise<string[]> => {
    const response = await client.get<{ items: Array<{ code: string }> }>(path);
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.code);
  };

  it('a grid manager sees the 20 unit grids of the responsibility grid they manage, and nothing else', async () => {
    const gm = await signIn(api.url, 'gm-1');
    const grids = await codes(gm, '/api/v1/areas/unit-grids?limit=200');
    expect(grids).toHaveLength(20);
    expect(grids.every((code) => code.startsWith('330191001001'))).toBe(true);
    expect(await codes(gm, '/api/v1/areas/responsibility-grids')).toEqual(['330191001R001']);
    expect(await codes(gm, '/api/v1/areas/communities')).toEqual(['330191001001']);
    expect(await codes(gm, '/api/v1/areas/districts')).toEqual(['330191']);

    const outside = await gm.get('/api/v1/areas/unit-grids/330192002005100');
    expect(outside.status).toBe(404);
    expect(errorCode(outside)).toBe('AREA_NOT_FOUND');
    const inside = await gm.get('/api/v1/areas/unit-grids/330191001001020');
    expect(inside.status).toBe(200);
  });

  it('an inspector sees the responsibility grid they patrol', async () => {
    const inspector = await signIn(api.url, 'inspector-7');
    const grids = await codes(inspector, '/api/v1/areas/responsibility-grids');
    expect(grids).toHaveLength(1);
    const detail = await inspector.get<{ inspectors: Array<{ username: string }> }>(
      `/api/v1/areas/responsibility-grids/${grids[0]}`,
    );
    expect(detail.body.inspectors.map((i) => i.username)).toEqual(['inspector-7']);
  });

  it('city-wide roles see the whole city', async () => {
    const dispatcher = await signIn(api.url, 'dispatcher');
    expect(await codes(dispatcher, '/api/v1/areas/districts')).toEqual(['330191', '330192']);
    const page = await dispatcher.get<{ items: unknown[]; nextCursor: string }>(
      '/api/v1/areas/unit-grids?limit=200',
    );
    expect(page.body.items).toHaveLength(200);
    // Two communities of 100 grids each, in code order.
    expect(page.body.nextCursor).toBe('330191001002100');
  });

  it('department staff see the areas their unit serves and only their department', async () => {
    const handler = await signIn(api.url, 'handler-sanitation-1');
    expect(await codes(handler, '/api/v1/areas/districts')).toEqual(['330191']);
    expect(await codes(handler, '/api/v1/departments')).toEqual(['sanitation-330191']);
    expect((await handler.get('/api/v1/users')).status).toBe(403);

    const manager = await signIn(api.url, 'deptmgr-sanitation');
    expect(await codes(manager, '/api/v1/departments')).toEqual([
      'sanitation',
      'sanitation-330191',
      'sanitation-330192',
    ]);
    const staff = await manager.get<{ items: Array<{ username: string }> }>('/api/v1/users');
    expect(staff.body.items.map((u) => u.username)).toEqual([
      'deptmgr-sanitation',
      'handler-sanitation-1',
      'handler-sanitation-2',
    ]);
    // A department serving the whole city sees every district.
    expect(await codes(manager, '/api/v1/areas/districts')).toEqual(['330191', '330192']);
  });

  it('a sub-unit that names no areas serves what its parent serves', async () => {
    const admin = await signIn(api.url, 'admin');
    const parent = (
      await admin.get<{ items: Array<{ id: string }> }>('/api/v1/departments?q=sanitation-330192')
    ).body.items[0];
    const team = await admin.post<{ id: string }>('/api/v1/departments', {
      code: 'sanitation-330192-night',
      name: '夜班保洁队',
      family: 'sanitation',
      parentId: parent.id,
    });
    await admin.post('/api/v1/users', {
      username: 'night-cleaner',
      displayName: '夜班',
      password: 'password123',
      roles: ['handler'],
      departmentId: team.body.id,
    });
    const handler = await signIn(api.url, 'night-cleaner', 'password123');
    expect(await codes(handler, '/api/v1/areas/districts')).toEqual(['330192']);
  });

  it('answers a malformed id with VALIDATION_FAILED naming the field', async () => {
    const admin = await signIn(api.url, 'admin');
    const response = await admin.get<{ error: { details: Array<{ field: string }> } }>(
      '/api/v1/users/not-a-uuid',
    );
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('VALIDATION_FAILED');
    expect(response.body.error.details[0].field).toBe('id');
  });
});
