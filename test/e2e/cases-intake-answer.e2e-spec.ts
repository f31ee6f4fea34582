import { CaseEntity, deadlineJobs, routeJob } from '@citygrid/cases';
import { enqueueInOutbox } from '@citygrid/queue';
import { DataSource } from 'typeorm';
import { ApiClient, signIn } from '../support/api-client';
import { photo, report, send } from '../support/cases';
import { createTestApp, type TestApp } from '../support/create-test-app';
import { centreOf } from '../support/demo-city-points';

const GRID = '330191001001001';

/** Intake writes a report in one statement and answers from what it wrote, not from reading the case back. */
describe('case intake: the answer and the one statement', () => {
  let api: TestApp;
  let dataSource: DataSource;
  let inspector: ApiClient;
  let acceptor: ApiClient;

  beforeAll(async () => {
    api = await createTestApp();
    dataSource = api.app.get(DataSource);
    [inspector, acceptor] = await Promise.all([signIn(api.url, 'inspector-1'), signIn(api.url, 'acceptor')]);
  });

  afterAll(async () => {
    await api.close();
  });

  /** The 201's JSON, byte for byte (key order included), is what GET answers the reporter right after. */
  async function expectAnswerAsRead(client: ApiClient, created: { status: number; body: { id: string } }) {
    expect(created.status).toBe(201);
    const read = await client.get(`/api/v1/cases/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(created.body)).toBe(JSON.stringify(read.body));
  }

  it('answers an inspector’s report with photos exactly as the case reads back', async () => {
    const photos = [await photo('jpeg'), await photo('png'), await photo('webp')];
    await expectAnswerAsRead(inspector, await report(inspector, centreOf(GRID), {}, { photos }));
    await expectAnswerAsRead(
      inspector,
      await report(inspector, [100, 10], { selfHandled: true, address: '路口' }, { photos: [await photo()] }),
    );
  });

  it('answers a desk report without a place exactly as the case reads back', async () => {
    const call = await send(acceptor, '/api/v1/cases', {
      source: 'hotline',
      matterKind: 'event',
      matterCode: '06010',
      conditionKey: 'a',
      address: '云河区延安路 98 号',
      description: '市民来电：路口垃圾成堆',
      reporterContact: '13800000000',
    });
    await expectAnswerAsRead(acceptor, call);
  });

  it('writes the outbox rows enqueueInOutbox writes for the case’s jobs', async () => {
    const created = await report(inspector, centreOf(GRID), {}, { photos: [await photo()] });
    expect(created.status).toBe(201);
    const rowsOf = (caseId: string, afterId = '0') =>
      dataSource.query(
        `SELECT id, queue, job_name, job_id, payload, priority, run_at, replace, sent_at FROM outbox_messages
         WHERE payload->>'caseId' = $1 AND id > $2 ORDER BY id`,
        [caseId, afterId],
      );
    const written: Array<Record<string, unknown> & { id: string; payload: { correlationId?: string } }> =
      await rowsOf(created.body.id);
    expect(written.map((row) => row.job_name)).toEqual(['case.route', 'sla.check', 'sla.check']);
    expect(written[0]!.payload.correlationId).toEqual(expect.any(String));
    const entity = await dataSource.getRepository(CaseEntity).findOneByOrFail({ id: created.body.id });
    await dataSource.transaction((manager) =>
      enqueueInOutbox(manager, [routeJob(entity), ...deadlineJobs(entity)]),
    );
    const canonical = await rowsOf(created.body.id, written[written.length - 1]!.id);
    const comparable = (rows: typeof written) =>
      rows.map(({ id: _id, payload: { correlationId: _c, ...payload }, ...row }) => ({ ...row, payload }));
    expect(comparable(written)).toEqual(comparable(canonical));
  });

  it('numbers concurrent reports without gaps, a refused one included', async () => {
    const key = 'intake-answer-numbers-0001';
    const image = await photo();
    const sent = await Promise.all([
      ...Array.from({ length: 20 }, () =>
        send(acceptor, '/api/v1/cases', {
          source: 'hotline',
          matterKind: 'event',
          matterCode: '06010',
          conditionKey: 'a',
          address: '云河区延安路 98 号',
          description: '市民来电',
        }),
      ),
      // Five with one Idempotency-Key: one case; the others' statements fail on the key and give their numbers back.
      ...Array.from({ length: 5 }, () =>
        report(inspector, centreOf(GRID), {}, { photos: [image], headers: { 'idempotency-key': key } }),
      ),
    ]);
    expect(sent.map((r) => r.status).sort()).toEqual([
      ...Array<number>(4).fill(200),
      ...Array<number>(21).fill(201),
    ]);
    const numbers = [...new Set(sent.map((r) => r.body.number))].sort();
    expect(numbers).toHaveLength(21);
    const sequences = numbers.map((n) => Number(n.slice(8)));
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0]! + i));
    const next = await report(inspector, centreOf(GRID), {}, { photos: [image] });
    expect(Number(next.body.number.slice(8))).toBe(sequences[20]! + 1);
  });
});
