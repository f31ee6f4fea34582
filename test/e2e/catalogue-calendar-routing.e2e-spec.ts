import { ApiClient, errorCode, signIn } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';

interface Matter {
  versionId: number;
  kind: string;
  code: string;
  nameZh: string;
  local: boolean;
  filingConditions: Array<{ key: string; limits: { A: Limit; B: Limit; C: Limit }; isDefault: boolean }>;
}
interface Limit {
  amount: number;
  unit: string;
}
interface Verdict {
  name: string;
  matched: boolean;
  reasons: string[];
}
interface RoutingResult {
  department: { code: string } | null;
  autoDispatch: boolean;
  trace: Verdict[];
}

describe('catalogue, working calendar and routing rules', () => {
  let api: TestApp;
  let admin: ApiClient;
  let inspector: ApiClient;

  beforeAll(async () => {
    api = await createTestApp();
    admin = await signIn(api.url, 'admin');
    inspector = await signIn(api.url, 'inspector-1');
  });

  afterAll(async () => {
    await api.close();
  });

  describe('the catalogue', () => {
    const codes = async (query: string) =>
      (await inspector.get<{ items: Matter[] }>(`/api/v1/catalogue/matters?${query}`)).body.items.map(
        (m) => `${m.kind}:${m.code}`,
      );

    it('ships the 250 matters of GB/T 47678.5-2026 and 21 Yuncheng subclasses without a code as version 1', async () => {
      const versions = await inspector.get<Array<{ id: number; current: boolean }>>(
        '/api/v1/catalogue/versions',
      );
      expect(versions.body).toEqual([expect.objectContaining({ id: 1, current: true })]);
      const all: Matter[] = [];
      let cursor = '';
      do {
        const page = await inspector.get<{ items: Matter[]; nextCursor: string | null }>(
          `/api/v1/catalogue/matters?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        all.push(...page.body.items);
        cursor = page.body.nextCursor ?? '';
      } while (cursor);
      expect(all.filter((m) => !m.local)).toHaveLength(250);
      expect(all.filter((m) => m.local)).toHaveLength(21);
    });

    it('finds matters by Chinese text, pinyin initials, English and code', async () => {
      expect(await codes(`q=${encodeURIComponent('暴露垃圾')}`)).toEqual(['event:06010']);
      expect(await codes('q=bllj')).toContain('event:06010');
      expect(await codes('q=0601&kind=event')).toEqual(
        expect.arrayContaining(['event:06010', 'event:06011', 'event:06019']),
      );
      expect(await codes('q=0601&kind=event')).not.toContain('event:06020');
      expect((await codes('q=manhole')).length).toBeGreaterThan(10);
    });

    it('gives a matter its filing conditions with limits per area class', async () => {
      const structure = await inspector.get<Matter>('/api/v1/catalogue/matters/event/06001');
      expect(structure.body.filingConditions.map((c) => c.limits.B)).toEqual([
        { amount: 2, unit: 'URGENT_WORK_DAY' },
        { amount: 15, unit: 'DAY' },
      ]);
      const missing = await inspector.get('/api/v1/catalogue/matters/event/06031');
      expect(missing.status).toBe(404);
      expect(errorCode(missing)).toBe('MATTER_NOT_FOUND');
    });

    it('makes a new version on every edit; the old version stays as it was', async () => {
      const before = (await admin.get<Matter>('/api/v1/catalogue/matters/event/06010')).body;
      const edited = await admin.patch<Matter>('/api/v1/catalogue/matters/event/06010', {
        filingConditions: [
          {
            key: 'a',
            filingZh: '公共场所暴露垃圾',
            filingEn: 'Garbage exposed in a public place',
            closingZh: '清理完毕',
            closingEn: 'Cleared',
            urgent: false,
            limits: {
              A: { amount: 2, unit: 'WORK_HOUR' },
              B: { amount: 3, unit: 'WORK_HOUR' },
              C: { amount: 6, unit: 'WORK_HOUR' },
            },
          },
        ],
        note: 'city standard 2027',
      });
      expect(edited.status).toBe(200);
      expect(edited.body.versionId).toBe(before.versionId + 1);
      expect(edited.body.filingConditions[0].limits.B).toEqual({ amount: 3, unit: 'WORK_HOUR' });
      const old = await admin.get<Matter>(
        `/api/v1/catalogue/matters/event/06010?version=${before.versionId}`,
      );
      expect(old.body.filingConditions).toEqual(before.filingConditions);
    });

    it('numbers local subclasses down from 999 and retires only those', async () => {
      const local = (name: string) =>
        admin.post<Matter>('/api/v1/catalogue/matters', {
          kind: 'event',
          majorCode: '06',
          nameZh: name,
          nameEn: 'Local matter',
          family: 'sanitation',
          filingConditions: [
            {
              key: 'a',
              filingZh: '存在',
              filingEn: 'Present',
              closingZh: '消除',
              closingEn: 'Removed',
              urgent: false,
              limits: {
                A: { amount: 1, unit: 'WORK_DAY' },
                B: { amount: 1, unit: 'WORK_DAY' },
                C: { amount: 2, unit: 'WORK_DAY' },
              },
            },
          ],
        });
      const first = await local('违规小产权房');
      const second = await local('违法农村自建房');
      expect([first.status, second.status]).toEqual([201, 201]);
      // The shipped Yuncheng subclasses hold 06999–06992, so the city's own continue below them.
      expect([first.body.code, second.body.code]).toEqual(['06991', '06990']);
      expect(first.body).toMatchObject({ local: true });
      expect(await codes('q=wgxcqf')).toEqual(['event:06991']);

      expect((await admin.delete('/api/v1/catalogue/matters/event/06991')).status).toBe(204);
      // A retired code is never given to another matter.
      expect((await local('第三个')).body.code).toBe('06989');
      const national = await admin.delete('/api/v1/catalogue/matters/event/06010');
      expect(national.status).toBe(422);
      expect(errorCode(national)).toBe('MATTER_NOT_LOCAL');
      const bad = await admin.post<{ error: { details: Array<{ field: string }> } }>(
        '/api/v1/catalogue/matters',
        {
          kind: 'event',
          majorCode: '6',
          nameZh: '',
          family: 'weather',
          filingConditions: [{ key: 'A!', limits: { A: { amount: -1, unit: 'FORTNIGHT' } } }],
        },
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.details.map((d) => d.field)).toEqual(
        expect.arrayContaining(['majorCode', 'nameZh', 'nameEn', 'family', 'filingConditions.0.key']),
      );
    });
  });

  it('answers bad input with 400 or 422 and a code, never 500', async () => {
    const condition = {
      key: 'a',
      filingZh: '有',
      filingEn: 'Present',
      closingZh: '无',
      closingEn: 'Gone',
      urgent: false,
      limits: { A: { amount: 1, unit: 'DAY' }, B: { amount: 1, unit: 'DAY' }, C: { amount: 1, unit: 'DAY' } },
    };
    const cases: Array<[Promise<{ status: number; body: unknown }>, number, string]> = [
      [
        admin.patch('/api/v1/catalogue/matters/event/06010', { filingConditions: [condition, condition] }),
        400,
        'VALIDATION_FAILED',
      ],
      [admin.patch('/api/v1/catalogue/matters/event/06010', {}), 400, 'NOTHING_TO_CHANGE'],
      [inspector.get('/api/v1/catalogue/matters/event/06010?version=3000000000'), 400, 'VALIDATION_FAILED'],
      [
        inspector.get('/api/v1/calendar/deadline?start=2026-02-31T10:00:00%2B08:00&amount=1&unit=WORK_HOUR'),
        400,
        'VALIDATION_FAILED',
      ],
      [
        inspector.get('/api/v1/calendar/deadline?start=2026-W47-5&amount=1&unit=WORK_HOUR'),
        400,
        'VALIDATION_FAILED',
      ],
      [
        inspector.get(
          '/api/v1/calendar/deadline?start=2026-11-20T10:00:00%2B08:00&amount=5000&unit=WORK_DAY',
        ),
        400,
        'VALIDATION_FAILED',
      ],
      [
        admin.put('/api/v1/calendar/days/2026-13-45', { kind: 'holiday', note: 'x' }),
        400,
        'VALIDATION_FAILED',
      ],
      [
        admin.post('/api/v1/routing-rules/test', {
          matterKind: 'event',
          matterCode: '06010',
          unitGridCode: '330199001001001',
        }),
        404,
        'AREA_NOT_FOUND',
      ],
    ];
    for (const [i, [response, status, code]] of cases.entries()) {
      const { status: got, body } = await response;
      expect({ i, got, code: (body as { error?: { code: string } }).error?.code }).toEqual({
        i,
        got: status,
        code,
      });
    }
  });

  describe('the working calendar', () => {
    interface Status {
      knownYears: number[];
      missingYears: number[];
      warning: string | null;
    }

    /** Years the next 60 days touch that the calendar does not know: what the warning must name. */
    const expectedMissing = (known: number[]) => {
      const years = new Set([new Date().getFullYear(), new Date(Date.now() + 59 * 86_400_000).getFullYear()]);
      return [...years].filter((y) => !known.includes(y));
    };

    it('knows the shipped years and warns, in its status and on /health, about the next 60 days', async () => {
      const status = (await inspector.get<Status>('/api/v1/calendar')).body;
      expect(status.knownYears).toEqual(expect.arrayContaining([2024, 2025, 2026]));
      expect(status.missingYears).toEqual(expectedMissing(status.knownYears));
      expect(Boolean(status.warning)).toBe(status.missingYears.length > 0);
      const health = (await new ApiClient(api.url).get<{ details: { calendar: Status } }>('/health')).body;
      expect(health.details.calendar).toMatchObject({ status: 'up', missingYears: status.missingYears });
    });

    it('counts working time across National Day and its make-up days, and honours overrides', async () => {
      const deadline = async (start: string, amount: number, unit: string) =>
        (
          await inspector.get<{ deadline: string }>(
            `/api/v1/calendar/deadline?start=${encodeURIComponent(start)}&amount=${amount}&unit=${unit}`,
          )
        ).body.deadline;
      // 16:00 on 30 Sep + 4 working hours: 2 h that day, then the holiday (1–7 Oct), then 2 h on 8 Oct.
      expect(await deadline('2026-09-30T16:00:00+08:00', 4, 'WORK_HOUR')).toBe('2026-10-08T02:00:00.000Z');
      expect(await deadline('2026-09-30T16:00:00+08:00', 4, 'URGENT_HOUR')).toBe('2026-09-30T12:00:00.000Z');

      // A typhoon closes the city on Tue 1 Dec 2026: a day's work started on Monday morning moves on a day.
      expect(await deadline('2026-11-30T08:00:00+08:00', 2, 'WORK_DAY')).toBe('2026-12-01T10:00:00.000Z');
      expect(
        (await admin.put('/api/v1/calendar/days/2026-12-01', { kind: 'holiday', note: '台风停工' })).status,
      ).toBe(204);
      expect(await deadline('2026-11-30T08:00:00+08:00', 2, 'WORK_DAY')).toBe('2026-12-02T10:00:00.000Z');
      const days = await inspector.get<Array<{ date: string; source: string }>>(
        '/api/v1/calendar/days?from=2026-11-25&to=2026-12-05',
      );
      expect(days.body).toEqual([expect.objectContaining({ date: '2026-12-01', source: 'override' })]);
      expect((await admin.delete('/api/v1/calendar/days/2026-12-01')).status).toBe(204);
      expect(await deadline('2026-11-30T08:00:00+08:00', 2, 'WORK_DAY')).toBe('2026-12-01T10:00:00.000Z');
    });

    it('lets an admin declare a year known, which ends its warning', async () => {
      expect((await admin.put('/api/v1/calendar/years/2031', { known: true })).status).toBe(204);
      expect((await inspector.get<Status>('/api/v1/calendar')).body.knownYears).toContain(2031);
      await admin.put('/api/v1/calendar/years/2031', { known: false });
      expect((await inspector.get<Status>('/api/v1/calendar')).body.knownYears).not.toContain(2031);
    });

    it('keeps working periods in order and step limits configurable', async () => {
      const crossed = await admin.put('/api/v1/calendar/settings', {
        periods: [
          { start: '14:00', end: '18:00' },
          { start: '08:00', end: '12:00' },
        ],
      });
      expect(crossed.status).toBe(422);
      expect(errorCode(crossed)).toBe('CALENDAR_PERIODS_INVALID');

      const limits = await inspector.get<Record<string, Limit>>('/api/v1/calendar/step-limits');
      expect(limits.body.check).toEqual({ amount: 30, unit: 'URGENT_MINUTE' });
      expect(limits.body).not.toHaveProperty('handle');
      expect(
        (await admin.put('/api/v1/calendar/step-limits/check', { amount: 120, unit: 'URGENT_MINUTE' }))
          .status,
      ).toBe(204);
      expect(
        (await inspector.get<Record<string, Limit>>('/api/v1/calendar/step-limits')).body.check.amount,
      ).toBe(120);
      expect(
        (await admin.put('/api/v1/calendar/step-limits/handle', { amount: 1, unit: 'DAY' })).status,
      ).toBe(400);
    });
  });

  describe('routing rules', () => {
    let dispatcher: ApiClient;
    beforeAll(async () => {
      dispatcher = await signIn(api.url, 'dispatcher');
    });

    const route = (body: object) => dispatcher.post<RoutingResult>('/api/v1/routing-rules/test', body);

    it('sends each matter family of the demo city to the district sub-unit, saying why', async () => {
      const garbage = await route({
        matterKind: 'event',
        matterCode: '06010',
        unitGridCode: '330191001001001',
        at: '2026-11-20T10:00:00+08:00',
      });
      expect(garbage.status).toBe(200);
      expect(garbage.body).toMatchObject({ department: { code: 'sanitation-330191' }, autoDispatch: true });
      expect(garbage.body.trace[0]).toMatchObject({ matched: false, reasons: ['not family traffic_police'] });
      expect(garbage.body.trace.at(-1)).toMatchObject({
        matched: true,
        reasons: ['family sanitation', 'area 330191'],
      });
    });

    it('takes the time of day into account (night duty desk)', async () => {
      const parking = { matterKind: 'event', matterCode: '09009', unitGridCode: '330192001001001' };
      const night = await route({ ...parking, at: '2026-11-20T23:30:00+08:00' });
      expect(night.body.department!.code).toBe('traffic');
      expect(night.body.trace[0].reasons).toEqual(['family traffic_police', 'time 22:00–07:00']);
      const day = await route({ ...parking, at: '2026-11-20T10:00:00+08:00' });
      expect(day.body.department!.code).toBe('traffic-330192');
    });

    it('lets an admin add, move and remove rules; the order decides', async () => {
      const departments = await admin.get<{ items: Array<{ id: string }> }>(
        '/api/v1/departments?q=municipal-330191',
      );
      const created = await admin.post<{ id: string; position: number }>('/api/v1/routing-rules', {
        name: '望江街道暴露垃圾归市政',
        matterKind: 'event',
        matterCode: '06010',
        areaCode: '330191001',
        departmentId: departments.body.items[0].id,
        position: 1,
      });
      expect(created.status).toBe(201);
      expect(created.body.position).toBe(1);
      const sample = { matterKind: 'event', matterCode: '06010', unitGridCode: '330191001001001' };
      expect((await route(sample)).body.department!.code).toBe('municipal-330191');

      const rules = (await admin.get<Array<{ id: string }>>('/api/v1/routing-rules')).body;
      const moved = await admin.put<Array<{ id: string }>>('/api/v1/routing-rules/order', {
        ids: [...rules.slice(1).map((r) => r.id), created.body.id],
      });
      expect(moved.body.at(-1)!.id).toBe(created.body.id);
      expect((await route(sample)).body.department!.code).toBe('sanitation-330191');

      expect((await admin.delete(`/api/v1/routing-rules/${created.body.id}`)).status).toBe(204);
      expect((await admin.get<unknown[]>('/api/v1/routing-rules')).body).toHaveLength(rules.length - 1);
    });

    it('refuses rules that cannot be used', async () => {
      const invalid = await admin.post<{ error: { details: Array<{ field: string }> } }>(
        '/api/v1/routing-rules',
        {
          name: 'no kind',
          matterCode: '06010',
          departmentId: '00000000-0000-4000-8000-000000000000',
        },
      );
      expect(invalid.status).toBe(422);
      expect(errorCode(invalid)).toBe('ROUTING_RULE_INVALID');
      expect(invalid.body.error.details.map((d) => d.field).sort()).toEqual(['departmentId', 'matterKind']);
      const departments = await admin.get<{ items: Array<{ id: string }> }>(
        '/api/v1/departments?q=sanitation',
      );
      const typos = await admin.post<{ error: { details: Array<{ field: string }> } }>(
        '/api/v1/routing-rules',
        {
          name: 'typos',
          matterKind: 'event',
          matterCode: '06031',
          areaCode: '330199',
          departmentId: departments.body.items[0].id,
        },
      );
      expect(typos.status).toBe(422);
      expect(typos.body.error.details.map((d) => d.field).sort()).toEqual(['areaCode', 'matterCode']);
      // A window cut in half by an edit would quietly match all day: refused.
      const night = (
        await admin.get<Array<{ id: string; windowStart: string | null }>>('/api/v1/routing-rules')
      ).body.find((r) => r.windowStart)!;
      const halved = await admin.patch(`/api/v1/routing-rules/${night.id}`, { windowEnd: null });
      expect(halved.status).toBe(422);
      expect(errorCode(halved)).toBe('ROUTING_RULE_INVALID');
      const incomplete = await admin.put('/api/v1/routing-rules/order', { ids: [] });
      expect(errorCode(incomplete)).toBe('ROUTING_ORDER_INCOMPLETE');
    });
  });
});
