import { Crs, fromWgs84 } from '@citygrid/areas';
import { CaseStatus } from '@citygrid/cases';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { ApiClient, errorCode, errorDetails, signIn } from '../support/api-client';
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

  it('keeps a report outside every grid, or with an address only, flagged OUT_OF_GRID', async () => {
    const far = await report(inspector, [100, 10], {}, { photos: [await photo()] });
    expect(far.status).toBe(201);
    expect(far.body.location).toMatchObject({ lng: 100, lat: 10, unitGridCode: null, outOfGrid: true });
    const call = await send(acceptor, '/api/v1/cases', {
      source: 'hotline',
      matterKind: 'event',
      matterCode: '06010',
      conditionKey: 'a',
      address: '云河区延安路 98 号',
      description: '市民来电：路口垃圾成堆',
      reporterContact: '13800000000',
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({
      source: 'hotline',
      reporterContact: '13800000000',
      location: { lng: null, address: '云河区延安路 98 号', outOfGrid: true },
    });
  });

  it('converts a GCJ-02 point to WGS-84 and locates it, recording the datum sent', async () => {
    const [lng, lat] = centreOf(GRID);
    const sent = fromWgs84({ type: 'Point', coordinates: [lng, lat] }, Crs.GCJ02).coordinates;
    expect(Math.abs(sent[0] - lng)).toBeGreaterThan(0.001);
    const gcj = await report(
      inspector,
      null,
      { lng: sent[0], lat: sent[1], crs: 'GCJ02' },
      { photos: [await photo()] },
    );
    expect(gcj.status).toBe(201);
    expect(gcj.body.location).toMatchObject({ sourceCrs: 'GCJ02', unitGridCode: GRID });
    expect(gcj.body.location.lng).toBeCloseTo(lng, 5);
    expect(gcj.body.location.lat).toBeCloseTo(lat, 5);
  });

  it('lists every bad field at once, and refuses what the caller may not report, creating nothing', async () => {
    const before = await caseCount();
    const bad = await send(inspector, '/api/v1/cases', { matterKind: 'thing', matterCode: '6010', lng: 200 });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const fields = errorDetails(bad).map((d) => d.field);
    expect(new Set(fields)).toEqual(
      new Set(['matterKind', 'matterCode', 'conditionKey', 'lng', 'lat', 'description']),
    );
    const unknown = await report(
      inspector,
      centreOf(GRID),
      { matterCode: '99001' },
      { photos: [await photo()] },
    );
    expect([unknown.status, errorCode(unknown)]).toEqual([400, 'CASE_MATTER_UNKNOWN']);
    const noPhoto = await report(inspector, centreOf(GRID));
    expect([noPhoto.status, errorCode(noPhoto)]).toEqual([422, 'CASE_PHOTOS_REQUIRED']);
    const posing = await report(
      inspector,
      centreOf(GRID),
      { source: 'hotline' },
      { photos: [await photo()] },
    );
    expect([posing.status, errorCode(posing)]).toEqual([403, 'CASE_SOURCE_FORBIDDEN']);
    const deskAsInspector = await report(acceptor, centreOf(GRID), { source: 'inspector' });
    expect([deskAsInspector.status, errorCode(deskAsInspector)]).toEqual([403, 'CASE_SOURCE_FORBIDDEN']);
    const selfHandledCall = await report(acceptor, centreOf(GRID), { selfHandled: true });
    expect([selfHandledCall.status, errorCode(selfHandledCall)]).toEqual([400, 'VALIDATION_FAILED']);
    const handler = await signIn(api.url, 'handler-sanitation-1');
    const notAReporter = await report(handler, centreOf(GRID));
    expect([notAReporter.status, errorCode(notAReporter)]).toEqual([403, 'ROLE_NOT_ALLOWED']);
    expect(await caseCount()).toBe(before);
  });

  it('checks photos by their content and size, and stores none of a refused report', async () => {
    const before = await caseCount();
    const files = async () => Number((await dataSource.query('SELECT count(*) AS n FROM case_photos'))[0].n);
    const photosBefore = await files();
    const text = Buffer.from('not an image at all, whatever the name says');
    const fake = await report(inspector, centreOf(GRID), {}, { photos: [await photo(), text] });
    expect([fake.status, errorCode(fake)]).toEqual([415, 'PHOTO_TYPE_UNSUPPORTED']);
    expect(errorDetails(fake)[0].field).toBe('photos[1]');
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'red' } })
      .gif()
      .toBuffer();
    const gifReport = await report(inspector, centreOf(GRID), {}, { photos: [gif] });
    expect([gifReport.status, errorCode(gifReport)]).toEqual([415, 'PHOTO_TYPE_UNSUPPORTED']);
    const jpeg = await photo('jpeg', 400, 300);
    const cut = await report(inspector, centreOf(GRID), {}, { photos: [jpeg.subarray(0, jpeg.length / 2)] });
    expect([cut.status, errorCode(cut)]).toEqual([400, 'PHOTO_UNREADABLE']);
    // 56 megapixels of one colour: a small file that would take a lot of memory to decode.
    const bomb = await sharp({ create: { width: 8000, height: 7000, channels: 3, background: 'white' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    const tooMany = await report(inspector, centreOf(GRID), {}, { photos: [bomb] });
    expect([tooMany.status, errorCode(tooMany)]).toEqual([413, 'PHOTO_TOO_MANY_PIXELS']);
    const one = await photo('webp');
    const ten = await report(
      inspector,
      centreOf(GRID),
      {},
      { photos: Array.from({ length: 10 }, () => one) },
    );
    expect([ten.status, errorCode(ten)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // A real JPEG padded past 10 MB (JPEG readers ignore bytes after the end marker).
    const huge = Buffer.concat([await photo('jpeg'), Buffer.alloc(10 * 1024 * 1024 + 1)]);
    const tooBig = await report(inspector, centreOf(GRID), {}, { photos: [huge] });
    expect([tooBig.status, errorCode(tooBig)]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(errorDetails(tooBig)[0].reason).toBe('file_too_large');
    const form = new FormData();
    form.append('description', 'x');
    form.append('attachment', new Blob([await photo()]), 'a.jpg');
    const misnamed = await inspector.postForm('/api/v1/cases', form);
    expect(misnamed.status).toBe(400);
    expect(misnamed.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: [{ field: 'attachment', reason: 'unexpected_file' }] },
    });
    expect(await caseCount()).toBe(before);
    expect(await files()).toBe(photosBefore);
    const nine = await report(
      inspector,
      centreOf(GRID),
      {},
      { photos: Array.from({ length: 9 }, () => one) },
    );
    expect(nine.status).toBe(201);
    expect(nine.body.photos).toHaveLength(9);
  });

  it('answers 50 concurrent reports with one Idempotency-Key with one case, created once', async () => {
    const key = 'phone-7f3c2a91-report-0001';
    const image = await photo();
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        report(inspector, centreOf(GRID), {}, { photos: [image], headers: { 'idempotency-key': key } }),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([...Array<number>(49).fill(200), 201]);
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const [id] = ids;
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(49);
    const rows = await dataSource.query('SELECT id FROM cases WHERE idempotency_key = $1', [key]);
    expect(rows).toEqual([{ id }]);
    const counts = await dataSource.query(
      `SELECT (SELECT count(*) FROM case_activities WHERE case_id = $1)::int AS activities,
              (SELECT count(*) FROM case_photos WHERE case_id = $1)::int AS photos,
              (SELECT count(*) FROM outbox_messages WHERE job_id = $1::text)::int AS outbox`,
      [id],
    );
    expect(counts).toEqual([{ activities: 1, photos: 1, outbox: 1 }]);
    // A later retry still gets the same case; the key is the reporter's, so another inspector's is separate.
    const retry = await report(
      inspector,
      centreOf(GRID),
      {},
      { photos: [image], headers: { 'idempotency-key': key } },
    );
    expect([retry.status, retry.body.id]).toEqual([200, id]);
    const other = await signIn(api.url, 'inspector-2');
    const theirs = await report(
      other,
      centreOf(GRID),
      {},
      { photos: [image], headers: { 'idempotency-key': key } },
    );
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(id);
    const badKey = await report(
      inspector,
      centreOf(GRID),
      {},
      { photos: [image], headers: { 'idempotency-key': 'a b' } },
    );
    expect([badKey.status, errorCode(badKey)]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
  });
});
