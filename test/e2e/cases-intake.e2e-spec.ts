import { CaseStatus, type CaseDetailDto } from '@citygrid/cases';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { ApiClient, errorCode, signIn } from '../support/api-client';
import { photo, report, send } from '../support/cases';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { centreOf } from '../support/demo-city-points';

const GRID = '330191001001001';

describe('case intake', () => {
  let api: TestApp;
  let dataSource: DataSource;
  let inspector: ApiClient;
  let acceptor: ApiClient;
  const caseCount = async (): Promise<number> =>
    Number((await dataSource.query('SELECT count(*) AS n FROM cases'))[0].n);

  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
    [inspector, acceptor] = await Promise.all([signIn(api.url, 'inspector-1'), signIn(api.url, 'acceptor')]);
  });

  afterAll(async () => {
    await api.close();
  });

  it('files an inspector’s report with photos: located, numbered, timed, logged and queued for routing', async () => {
    const response = await report(
      inspector,
      centreOf(GRID),
      {},
      { photos: [await photo('jpeg'), await photo('png')] },
    );
    expect(response.status).toBe(201);
    const created = response.body;
    expect(response.headers.get('location')).toBe(`/api/v1/cases/${created.id}`);
    const today = format(new TZDate(new Date(), 'Asia/Shanghai'), 'yyyyMMdd');
    expect(created.number).toMatch(new RegExp(`^${today}\\d{6}$`));
    expect(created).toMatchObject({
      status: CaseStatus.Reported,
      source: 'inspector',
      matterCode: '06010',
      matterName: '暴露垃圾',
      version: 1,
      location: {
        unitGridCode: GRID,
        responsibilityGridCode: '330191001R001',
        communityCode: '330191001001',
        streetCode: '330191001',
        outOfGrid: false,
      },
      step: { step: 'accept' },
    });
    expect(created.activities).toHaveLength(1);
    expect(created.activities[0]).toMatchObject({
      action: 'report',
      fromStatus: null,
      toStatus: CaseStatus.Reported,
    });
    expect(created.activities[0].photoIds.sort()).toEqual(created.photos.map((p) => p.id).sort());
    expect(created.photos.map((p) => p.stage)).toEqual(['report', 'report']);
    expect(created.deadlines[0]).toMatchObject({ step: 'accept', projected: false });
    expect(created.deadlines.filter((d) => d.projected).map((d) => d.step)).toEqual([
      'dispatch',
      'sign',
      'handle',
      'review',
      'check',
      'close',
    ]);
    const outbox = await dataSource.query(
      'SELECT queue, job_name, job_id, payload FROM outbox_messages WHERE job_id = $1',
      [created.id],
    );
    expect(outbox).toEqual([
      expect.objectContaining({ queue: 'case-routing', job_name: 'case.route', job_id: created.id }),
    ]);
    expect(outbox[0].payload).toMatchObject({ caseId: created.id, correlationId: expect.any(String) });
  });
});
