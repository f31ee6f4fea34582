import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { CaseRoutingService, type CaseDetailDto } from '@citygrid/cases';
import { OutboxRelay, QueueName } from '@citygrid/queue';
import { connectBoardSocket, nextEvent, waitForQueues, type BoardSocket } from '@citygrid/testing';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { signIn, type ApiClient } from '../support/api-client';
import { photo, report } from '../support/cases';
import { centreOf } from '../support/demo-city-points';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';

/** gm-1's responsibility grid holds this unit grid; district 330191's sanitation rule dispatches by itself. */
const GRID = '330191001001001';
const RESPONSIBILITY_GRID = '330191001R001';
/** Matter 06010 (garbage piled up) is sanitation's; 01001 (a manhole cover, a component) is public works'. */
const GARBAGE = { matterKind: 'event', matterCode: '06010', conditionKey: 'a' };

describe('routing: every case reaches its grid manager and department', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let inspector: ApiClient;
  let acceptor: ApiClient;
  let admin: ApiClient;
  let gm: ApiClient;
  let gmSocket: BoardSocket;
  let otherGmSocket: BoardSocket;
  let routingQueue: Queue;
  let image: Buffer;
  const idOf = async (sql: string, value: string): Promise<string> =>
    (await dataSource.query(sql, [value]))[0].id as string;

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    dataSource = api.app.get(DataSource);
    routingQueue = api.app.get<Queue>(getQueueToken(QueueName.CaseRouting), { strict: false });
    [inspector, acceptor, admin, gm] = await Promise.all(
      ['inspector-1', 'acceptor', 'admin', 'gm-1'].map((username) => signIn(api.url, username)),
    );
    gmSocket = await connectBoardSocket(api.url, gm.token);
    otherGmSocket = await connectBoardSocket(api.url, (await signIn(api.url, 'gm-2')).token);
    image = await photo();
  });

  afterAll(async () => {
    gmSocket.disconnect();
    otherGmSocket.disconnect();
    await worker.close();
    await api.close();
  });

  const get = async (id: string) => (await admin.get<CaseDetailDto>(`/api/v1/cases/${id}`)).body;

  it('routes an inspector’s report to the grid’s manager, and auto-dispatches where the rule says', async () => {
    const strays: string[] = [];
    otherGmSocket.on('case.changed', (event) => strays.push(event.id));
    const gmId = await idOf('SELECT id FROM users WHERE username = $1', 'gm-1');
    const sanitation = await idOf('SELECT id FROM departments WHERE code = $1', 'sanitation-330191');

    const changed = nextEvent(gmSocket, 'case.changed', (event) => event.ownerId === gmId);
    const created = await report(inspector, centreOf(GRID), GARBAGE, { photos: [image] });
    expect(created.status).toBe(201);
    const event = await changed;

    expect(event).toMatchObject({
      id: created.body.id,
      number: created.body.number,
      status: 'DISPATCHED',
      gridCode: RESPONSIBILITY_GRID,
      streetCode: GRID.slice(0, 9),
      deptId: sanitation,
      ownerId: gmId,
      matter: { kind: 'event', code: '06010' },
      light: 'green',
    });
    const routed = await get(created.body.id);
    expect(routed).toMatchObject({ ownerId: gmId, departmentId: sanitation, routedDepartmentId: sanitation });
    expect(event.version).toBe(routed.version);
    // Routing is recorded, then the system's own filing and dispatch, each as an activity row.
    expect(routed.activities.map((a) => [a.action, a.actorRole, a.toStatus])).toEqual([
      ['report', 'inspector', 'REPORTED'],
      ['route', 'system', 'REPORTED'],
      ['file', 'system', 'PENDING_DISPATCH'],
      ['dispatch', 'system', 'DISPATCHED'],
    ]);
    // The handling clock runs from the automatic dispatch.
    expect(routed.step).toMatchObject({ step: 'sign' });
    expect(strays).toEqual([]);
  });

  it('leaves a desk’s call for the dispatcher, with the rule’s department as the suggestion', async () => {
    const gmId = await idOf('SELECT id FROM users WHERE username = $1', 'gm-1');
    const changed = nextEvent(gmSocket, 'case.changed', (event) => event.ownerId === gmId);
    const call = await report(acceptor, centreOf(GRID), { ...GARBAGE, source: 'hotline' });
    expect(call.status).toBe(201);
    await changed;
    const routed = await get(call.body.id);
    expect(routed).toMatchObject({ status: 'REPORTED', ownerId: gmId, departmentId: null });
    expect(routed.routedDepartmentId).toBe(
      await idOf('SELECT id FROM departments WHERE code = $1', 'sanitation-330191'),
    );
  });

  it('falls back to a grid manager of the street, then to the center’s pool', async () => {
    // The grid loses its manager; a street-wide grid manager takes its cases.
    await dataSource.query('UPDATE responsibility_grids SET manager_id = NULL WHERE code = $1', [
      RESPONSIBILITY_GRID,
    ]);
    const streetGm = await admin.post<{ id: string }>('/api/v1/users', {
      username: 'gm-street-330191001',
      displayName: '街道网格长',
      password: 'a-long-password-1',
      roles: ['grid_manager'],
      areaCodes: [GRID.slice(0, 9)],
    });
    expect(streetGm.status).toBe(201);
    const viaStreet = await report(acceptor, centreOf(GRID), { ...GARBAGE, source: 'hotline' });
    await worker.get(OutboxRelay).flush();
    await waitForQueues([routingQueue]);
    expect(await get(viaStreet.body.id)).toMatchObject({ ownerId: streetGm.body.id });

    // Outside every grid: the center's pool (no owner), flagged out of grid, still routed.
    const nowhere = await report(acceptor, null, { ...GARBAGE, source: 'hotline', address: '城外某处' });
    await worker.get(OutboxRelay).flush();
    await waitForQueues([routingQueue]);
    const pooled = await get(nowhere.body.id);
    expect(pooled).toMatchObject({ ownerId: null, location: { outOfGrid: true } });
    expect(pooled.routedAt).not.toBeNull();
    const route = pooled.activities.find((a) => a.action === 'route');
    expect(route).toBeDefined();
  });

  it('routes once however often the job runs, and gives urgent matters queue priority', async () => {
    const created = await report(acceptor, centreOf(GRID), { ...GARBAGE, source: 'hotline' });
    await worker.get(OutboxRelay).flush();
    await waitForQueues([routingQueue]);
    const first = await get(created.body.id);
    const again = await worker.get(CaseRoutingService).route(created.body.id);
    expect(again.routed).toBe(false);
    const after = await get(created.body.id);
    expect(after.version).toBe(first.version);
    expect(after.activities.filter((a) => a.action === 'route')).toHaveLength(1);

    // A relay that crashed after adding the job but before marking its row sent sends it again: one job still.
    await dataSource.query('UPDATE outbox_messages SET sent_at = NULL WHERE job_id = $1', [created.body.id]);
    await worker.get(OutboxRelay).flush();
    const [{ unsent }] = await dataSource.query(
      'SELECT count(*)::int AS unsent FROM outbox_messages WHERE job_id = $1 AND sent_at IS NULL',
      [created.body.id],
    );
    expect(unsent).toBe(0);
    await waitForQueues([routingQueue]);
    const jobs = await routingQueue.getJobs(['completed', 'waiting', 'active', 'prioritized']);
    expect(jobs.filter((j) => (j.data as { caseId: string }).caseId === created.body.id)).toHaveLength(1);
    const resent = await get(created.body.id);
    expect(resent.version).toBe(first.version);
    expect(resent.activities.filter((a) => a.action === 'route')).toHaveLength(1);

    const job = await routingQueue.getJob(created.body.id);
    expect(job?.opts.priority).toBe(created.body.urgent ? 1 : 10);
    const [urgentMatter] = await dataSource.query(
      `SELECT m.kind, m.code, fc.key FROM matters m JOIN filing_conditions fc ON fc.matter_id = m.id
       WHERE fc.urgent AND m.version_id = (SELECT max(id) FROM catalogue_versions) LIMIT 1`,
    );
    const urgent = await report(acceptor, centreOf(GRID), {
      matterKind: urgentMatter.kind,
      matterCode: urgentMatter.code,
      conditionKey: urgentMatter.key,
      source: 'hotline',
    });
    expect(urgent.body.urgent).toBe(true);
    await worker.get(OutboxRelay).flush();
    expect((await routingQueue.getJob(urgent.body.id))?.opts.priority).toBe(1);
  });
});
