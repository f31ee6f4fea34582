import { CaseStatus, type AllowedActionsDto, type CaseDetailDto, type CaseDto } from '@citygrid/cases';
import type { ErrorBody, Page } from '@citygrid/common';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { ApiClient, errorCode, signIn, type ApiResponse } from '../support/api-client';
import { act, photo, report } from '../support/cases';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { centreOf } from '../support/demo-city-points';

const USERS = [
  'inspector-1',
  'gm-1',
  'inspector-2',
  'gm-2',
  'inspector-26',
  'acceptor',
  'dispatcher',
  'shiftleader',
  'supervisor',
  'admin',
  'handler-sanitation-1',
  'handler-sanitation-2',
  'deptmgr-sanitation',
  'handler-enforcement-1',
  'deptmgr-enforcement',
] as const;
type User = (typeof USERS)[number];

/** An instant as ISO 8601 with the city's offset. */
const cityTime = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().replace('Z', '+08:00');

describe('case reads', () => {
  let api: TestApp;
  let dataSource: DataSource;
  const as = {} as Record<User, ApiClient>;
  const dept: Record<string, string> = {};
  /**
   * The cases, oldest first:
   * A inspector-1 in 330191001R001, dispatched to sanitation-330191, red light, a 2400×1800 photo;
   * B inspector-1 in 330191001R001, component 01002, filed, yellow light;
   * C inspector-2 in 330191001R002, 06011, dispatched to enforcement-330191, flagged overdue;
   * D inspector-26 in street 330191002, supervised, still REPORTED;
   * E acceptor, public, a point outside the city; F acceptor, hotline, an address only.
   */
  let A: CaseDetailDto, B: CaseDetailDto, C: CaseDetailDto, D: CaseDetailDto, E: CaseDetailDto;
  let F: CaseDetailDto;
  let mid: string;

  const ok = <T>(response: ApiResponse<T>, status = 200): T => {
    if (response.status !== status) throw new Error(`${response.status}: ${JSON.stringify(response.body)}`);
    return response.body;
  };
  const list = (who: User, query = '') => as[who].get<Page<CaseDto>>(`/api/v1/cases${query}`);
  /** The letters of the cases a list returns, in its order. */
  const letters = async (who: User, query = ''): Promise<string> => {
    const byId = new Map([A, B, C, D, E, F].map((c, i) => [c.id, 'ABCDEF'[i]]));
    return ok(await list(who, query))
      .items.map((c) => byId.get(c.id) ?? '?')
      .join('');
  };
  const rejected = async (query: string, field: string) => {
    const response = await as.acceptor.get<ErrorBody>(`/api/v1/cases${query}`);
    expect([response.status, response.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(response.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  };
  const image = async (who: User, path: string) => {
    const response = await fetch(api.url + path, { headers: { authorization: `Bearer ${as[who].token}` } });
    const data = Buffer.from(await response.arrayBuffer());
    const json = /json/.test(response.headers.get('content-type') ?? '');
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      data,
      json: json ? JSON.parse(data.toString()) : null,
    };
  };
  const fileAndDispatch = async (seen: CaseDetailDto, departmentCode: string) => {
    const filed = ok(await act(as.acceptor, seen, 'file'));
    return ok(await act(as.dispatcher, filed, 'dispatch', { departmentId: dept[departmentCode] }));
  };

  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
    const clients = await Promise.all(USERS.map((username) => signIn(api.url, username)));
    USERS.forEach((username, i) => (as[username] = clients[i]));
    for (const row of await dataSource.query('SELECT id, code FROM departments')) dept[row.code] = row.id;

    A = ok(
      await report(
        as['inspector-1'],
        centreOf('330191001001001'),
        {},
        { photos: [await photo('jpeg', 2400, 1800)] },
      ),
      201,
    );
    B = ok(
      await report(
        as['inspector-1'],
        centreOf('330191001001002'),
        { matterKind: 'component', matterCode: '01002', description: '污水井盖破损' },
        { photos: [await photo()] },
      ),
      201,
    );
    C = ok(
      await report(
        as['inspector-2'],
        centreOf('330191001001021'),
        { matterCode: '06011', description: '路口渣土堆积' },
        { photos: [await photo('png')] },
      ),
      201,
    );
    D = ok(
      await report(as['inspector-26'], centreOf('330191002001001'), {}, { photos: [await photo()] }),
      201,
    );
    E = ok(await report(as.acceptor, [100, 10], { source: 'public', reporterContact: '13800000000' }), 201);
    F = ok(await report(as.acceptor, null, { source: 'hotline', address: '延安路 98 号东侧人行道' }), 201);
    mid = cityTime(Math.ceil((Date.parse(C.createdAt) + Date.parse(D.createdAt)) / 2));

    A = await fileAndDispatch(A, 'sanitation-330191');
    B = ok(await act(as.acceptor, B, 'file'));
    C = await fileAndDispatch(C, 'enforcement-330191');
    D = ok(await act(as.supervisor, D, 'supervise', { opinion: '群众反映强烈，请尽快处置' }));
    // The lists judge lights by the api's clock: A's step is past due, B's past its warning.
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);
    const setClock = 'UPDATE cases SET step_warn_at = $2, step_deadline = $3 WHERE id = $1';
    await dataSource.query(setClock, [A.id, hoursAgo(2), hoursAgo(1)]);
    await dataSource.query(setClock, [B.id, hoursAgo(1), hoursAgo(-1)]);
    await dataSource.query('UPDATE cases SET overdue = TRUE WHERE id = $1', [C.id]);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('GET /api/v1/cases', () => {
    it('shows each caller only the cases in their scope, newest first', async () => {
      for (const center of ['acceptor', 'dispatcher', 'shiftleader', 'supervisor', 'admin'] as const) {
        expect(await letters(center)).toBe('FEDCBA');
      }
      expect(await letters('inspector-1')).toBe('BA');
      expect(await letters('gm-1')).toBe('BA');
      expect(await letters('inspector-2')).toBe('C');
      expect(await letters('gm-2')).toBe('C');
      expect(await letters('inspector-26')).toBe('D');
      expect(await letters('handler-sanitation-1')).toBe('A');
      expect(await letters('handler-sanitation-2')).toBe('');
      expect(await letters('deptmgr-sanitation')).toBe('A');
      expect(await letters('handler-enforcement-1')).toBe('C');
      expect(await letters('deptmgr-enforcement')).toBe('C');
      expect(await letters('inspector-1', '?mine=true')).toBe('BA');
      expect(await letters('acceptor', '?mine=true')).toBe('FE');
      expect(await letters('gm-1', '?mine=true')).toBe('');
    });

    it('filters by status, light, area, department and matter', async () => {
      expect(await letters('acceptor', '?status=REPORTED')).toBe('FED');
      expect(await letters('acceptor', '?status=PENDING_DISPATCH,DISPATCHED')).toBe('CBA');
      expect(await letters('acceptor', '?status=DISPATCHED&status=PENDING_DISPATCH')).toBe('CBA');
      expect(await letters('acceptor', '?light=red')).toBe('A');
      expect(await letters('acceptor', '?light=yellow')).toBe('B');
      expect(await letters('acceptor', '?light=green')).toBe('FEDC');
      const items = ok(await list('acceptor', '?light=red')).items;
      expect(items[0].step).toMatchObject({ step: 'sign', light: 'red' });
      expect(await letters('acceptor', '?area=330191001')).toBe('CBA');
      expect(await letters('acceptor', '?area=330191')).toBe('DCBA');
      expect(await letters('acceptor', '?area=330191001001')).toBe('CBA');
      expect(await letters('acceptor', '?area=330191001001001')).toBe('A');
      expect(await letters('acceptor', '?area=330191001R001')).toBe('BA');
      expect(await letters('acceptor', '?area=330191001R002')).toBe('C');
      expect(await letters('acceptor', '?area=330192')).toBe('');
      expect(await letters('acceptor', `?departmentId=${dept.sanitation}`)).toBe('A');
      expect(await letters('acceptor', `?departmentId=${dept['sanitation-330191']}`)).toBe('A');
      expect(await letters('acceptor', `?departmentId=${dept['sanitation-330192']}`)).toBe('');
      expect(await letters('acceptor', `?departmentId=${dept.enforcement}`)).toBe('C');
      expect(await letters('acceptor', '?matterKind=component')).toBe('B');
      expect(await letters('acceptor', '?matterKind=event&matterCode=06011')).toBe('C');
      expect(await letters('acceptor', '?matterCode=06010')).toBe('FEDA');
      expect(await letters('acceptor', '?matterCode=06')).toBe('FEDCA');
      expect(await letters('acceptor', '?matterCode=01')).toBe('B');
      // Filters narrow within the caller's scope, never beyond it.
      expect(await letters('inspector-1', '?matterCode=06')).toBe('A');
    });

    it('filters by source, flags, time and text', async () => {
      expect(await letters('acceptor', '?source=inspector')).toBe('DCBA');
      expect(await letters('acceptor', '?source=public')).toBe('E');
      expect(await letters('acceptor', '?source=hotline')).toBe('F');
      expect(await letters('acceptor', '?supervised=true')).toBe('D');
      expect(await letters('acceptor', '?supervised=false')).toBe('FECBA');
      expect(await letters('acceptor', '?outOfGrid=true')).toBe('FE');
      expect(await letters('acceptor', '?outOfGrid=false')).toBe('DCBA');
      expect(await letters('acceptor', '?overdue=true')).toBe('CA');
      expect(await letters('acceptor', '?overdue=false')).toBe('FEDB');
      const at = encodeURIComponent(mid);
      expect(await letters('acceptor', `?from=${at}`)).toBe('FED');
      expect(await letters('acceptor', `?to=${at}`)).toBe('CBA');
      expect(
        await letters('acceptor', `?from=${encodeURIComponent(cityTime(Date.parse(A.createdAt)))}&to=${at}`),
      ).toBe('CBA');
      expect(await letters('acceptor', `?q=${A.number}`)).toBe('A');
      expect(await letters('acceptor', `?q=${A.number.slice(0, 8)}`)).toBe('FEDCBA');
      expect(await letters('acceptor', `?q=${encodeURIComponent('井盖')}`)).toBe('B');
      expect(await letters('acceptor', `?q=${encodeURIComponent('延安路')}`)).toBe('F');
      expect(await letters('acceptor', '?q=%25')).toBe('');
    });

    it('refuses bad filter values naming the field', async () => {
      await rejected('?status=OPEN', 'status');
      await rejected('?light=blue', 'light');
      await rejected('?area=abc', 'area');
      await rejected('?departmentId=sanitation', 'departmentId');
      await rejected('?matterKind=thing', 'matterKind');
      await rejected('?matterCode=0601', 'matterCode');
      await rejected('?source=email', 'source');
      await rejected('?supervised=yes', 'supervised');
      await rejected('?outOfGrid=1', 'outOfGrid');
      await rejected('?overdue=maybe', 'overdue');
      await rejected('?from=2026-01-01', 'from');
      await rejected(`?to=${encodeURIComponent('2026-02-31T10:00:00+08:00')}`, 'to');
      await rejected('?sort=number', 'sort');
    });

    it('walks every case once, newest first, with a cursor', async () => {
      const seen: CaseDto[] = [];
      const cursors: Array<string | null> = [];
      let cursor: string | null = null;
      do {
        const page: Page<CaseDto> = ok(
          await list('acceptor', `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        );
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.items);
        cursor = page.nextCursor;
        cursors.push(cursor);
      } while (cursor && cursors.length < 10);
      expect(cursors).toHaveLength(3);
      expect(cursors[2]).toBeNull();
      expect(seen.map((c) => c.id)).toEqual([F, E, D, C, B, A].map((c) => c.id));
      const numbers = seen.map((c) => c.number);
      expect(numbers).toEqual([...numbers].sort().reverse());
      await rejected('?cursor=not-a-cursor', 'cursor');
      await rejected('?limit=201', 'limit');
      await rejected('?limit=0', 'limit');
      expect(ok(await list('acceptor', '?limit=200')).items).toHaveLength(6);
    });
  });

  describe('GET /api/v1/cases/:id', () => {
    it('answers 403 out of scope, 404 for an unknown case and 400 for a bad id', async () => {
      const out = await as['gm-1'].get(`/api/v1/cases/${D.id}`);
      expect(out.status).toBe(403);
      expect(errorCode(out)).toBe('CASE_OUT_OF_SCOPE');
      const handler = await as['handler-sanitation-2'].get(`/api/v1/cases/${A.id}`);
      expect(errorCode(handler)).toBe('CASE_OUT_OF_SCOPE');
      const unknown = await as.admin.get('/api/v1/cases/00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
      expect(errorCode(unknown)).toBe('CASE_NOT_FOUND');
      const bad = await as.admin.get('/api/v1/cases/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    });

    it('has the timeline with names, the photos, the deadlines and what the caller may do', async () => {
      const names = Object.fromEntries(
        (
          await dataSource.query('SELECT username, display_name FROM users WHERE username = ANY($1)', [
            ['inspector-1', 'acceptor', 'dispatcher'],
          ])
        ).map((row: { username: string; display_name: string }) => [row.username, row.display_name]),
      );
      const detail = ok(await as['inspector-1'].get<CaseDetailDto>(`/api/v1/cases/${A.id}`));
      expect(detail).toMatchObject({ id: A.id, status: CaseStatus.Dispatched, version: 3 });
      expect(detail.departmentId).toBe(dept['sanitation-330191']);
      expect(detail.activities.map((a) => [a.action, a.actorName])).toEqual([
        ['report', names['inspector-1']],
        ['file', names.acceptor],
        ['dispatch', names.dispatcher],
      ]);
      expect(detail.photos).toHaveLength(1);
      const [p] = detail.photos;
      expect(p).toMatchObject({
        stage: 'report',
        contentType: 'image/webp',
        url: `/api/v1/cases/${A.id}/photos/${p.id}`,
      });
      expect(p.thumbnailUrl).toBe(`${p.url}?size=thumbnail`);
      expect(detail.deadlines.filter((d) => !d.projected).map((d) => d.step)).toEqual([
        'accept',
        'dispatch',
        'sign',
      ]);
      expect(detail.step).toMatchObject({ step: 'sign', light: 'red' });
      expect(detail.deadlines.find((d) => d.step === 'sign')).toMatchObject({
        endedAt: null,
        projected: false,
      });
      expect(detail.deadlines.filter((d) => d.endedAt).every((d) => d.onTime !== null)).toBe(true);
      expect(detail.allowedActions).toEqual([]);
      const handler = ok(await as['handler-sanitation-1'].get<CaseDetailDto>(`/api/v1/cases/${A.id}`));
      expect(handler.allowedActions).toEqual(['sign', 'request_return']);

      expect(ok(await as.acceptor.get<CaseDetailDto>(`/api/v1/cases/${E.id}`)).allowedActions).toEqual([
        'send_to_verify',
        'reject',
        'file',
        'request_cancellation',
      ]);
      const supervised = ok(await as['inspector-26'].get<CaseDetailDto>(`/api/v1/cases/${D.id}`));
      expect(supervised.allowedActions).toEqual([]);
      expect(supervised.supervised).toBe(true);
      expect(supervised.activities.at(-1)).toMatchObject({
        action: 'supervise',
        fromStatus: CaseStatus.Reported,
        toStatus: CaseStatus.Reported,
        opinion: '群众反映强烈，请尽快处置',
      });
    });
  });

  it('GET /api/v1/cases/:id/allowed-actions answers per caller with the version and status', async () => {
    const allowed = async (who: User, seen: CaseDetailDto) =>
      ok(await as[who].get<AllowedActionsDto>(`/api/v1/cases/${seen.id}/allowed-actions`));
    expect(await allowed('dispatcher', B)).toEqual({
      version: 2,
      status: CaseStatus.PendingDispatch,
      actions: ['dispatch', 'request_cancellation'],
    });
    expect(await allowed('gm-1', B)).toEqual({
      version: 2,
      status: CaseStatus.PendingDispatch,
      actions: ['dispatch', 'request_cancellation'],
    });
    expect(await allowed('shiftleader', D)).toEqual({
      version: 2,
      status: CaseStatus.Reported,
      actions: ['send_to_verify', 'reject', 'file', 'supervise'],
    });
    expect((await allowed('inspector-1', B)).actions).toEqual([]);
    expect((await allowed('deptmgr-sanitation', A)).actions).toEqual(['sign', 'request_return']);
    const out = await as['handler-sanitation-1'].get(`/api/v1/cases/${B.id}/allowed-actions`);
    expect(out.status).toBe(403);
    expect(errorCode(out)).toBe('CASE_OUT_OF_SCOPE');
  });

  it('serves photos as WebP, resized, with thumbnails, within scope', async () => {
    const [p] = A.photos;
    const full = await image('inspector-1', p.url);
    expect(full.status).toBe(200);
    expect(full.type).toBe('image/webp');
    expect(await sharp(full.data).metadata()).toMatchObject({ format: 'webp', width: 1600, height: 1200 });
    const thumbnail = await image('handler-sanitation-1', p.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.type).toBe('image/webp');
    expect(await sharp(thumbnail.data).metadata()).toMatchObject({ format: 'webp', width: 320, height: 240 });
    const small = await image('acceptor', B.photos[0].url);
    expect(await sharp(small.data).metadata()).toMatchObject({ width: 64, height: 48 });

    const out = await image('gm-2', p.url);
    expect([out.status, out.json?.error.code]).toEqual([403, 'CASE_OUT_OF_SCOPE']);
    const unknown = await image('admin', `/api/v1/cases/${A.id}/photos/00000000-0000-4000-8000-000000000000`);
    expect([unknown.status, unknown.json?.error.code]).toEqual([404, 'PHOTO_NOT_FOUND']);
    const elsewhere = await image('admin', `/api/v1/cases/${A.id}/photos/${C.photos[0].id}`);
    expect([elsewhere.status, elsewhere.json?.error.code]).toEqual([404, 'PHOTO_NOT_FOUND']);
    const huge = await image('admin', `${p.url}?size=huge`);
    expect([huge.status, huge.json?.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(huge.json.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'size' })]),
    );
  });

  // Last: it adds a case the exact lists above do not expect.
  it('shows a department a case from the moment it is dispatched to it or a sub-unit', async () => {
    const fresh = ok(
      await report(as['inspector-1'], centreOf('330191001001003'), {}, { photos: [await photo()] }),
      201,
    );
    const visible = async (who: User) => {
      const detail = await as[who].get(`/api/v1/cases/${fresh.id}`);
      const listed = ok(await list(who)).items.some((c) => c.id === fresh.id);
      return [detail.status, listed];
    };
    expect(await visible('handler-sanitation-1')).toEqual([403, false]);
    const filed = ok(await act(as.acceptor, fresh, 'file'));
    expect(await visible('handler-sanitation-1')).toEqual([403, false]);
    expect(await visible('deptmgr-sanitation')).toEqual([403, false]);
    ok(await act(as.dispatcher, filed, 'dispatch', { departmentId: dept['sanitation-330191'] }));
    expect(await visible('handler-sanitation-1')).toEqual([200, true]);
    expect(await visible('deptmgr-sanitation')).toEqual([200, true]);
    expect(await visible('handler-sanitation-2')).toEqual([403, false]);
    expect(await visible('handler-enforcement-1')).toEqual([403, false]);
  });
});
