import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { CaseDeadlinesService, slaJobId, type CaseDetailDto } from '@citygrid/cases';
import { OutboxRelay, QueueName } from '@citygrid/queue';
import type { CaseChangedEvent, NoticeCreatedEvent } from '@citygrid/realtime';
import { connectBoardSocket, type BoardSocket } from '@citygrid/testing';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { signIn, type ApiClient } from '../support/api-client';
import { act, report } from '../support/cases';
import { centreOf } from '../support/demo-city-points';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';
import { SLA_SWEEP_SCHEDULER } from '../../apps/worker/src/deadlines/case-deadlines.processor';

const GRID = '330191001001001';
const CALL = { matterKind: 'event', matterCode: '06010', conditionKey: 'a', source: 'hotline' };
/** The compressed calendar: desk steps of 3 s on a continuous clock (yellow at 2.4 s, red at 3 s, 督办 at 4.5 s). */
const STEP_SECONDS = 3;
const COMPRESSED = { amount: STEP_SECONDS / 60, unit: 'URGENT_MINUTE' };

/** Everything a socket hears, with when it arrived, so a test can wait for an event and check its timing. */
class Recorder<T extends { at: string }> {
  readonly seen: Array<{ event: T; receivedAt: number }> = [];
  private waiters: Array<() => void> = [];

  constructor(socket: BoardSocket, name: 'case.changed' | 'notice.created') {
    socket.on(name, (event: unknown) => {
      this.seen.push({ event: event as T, receivedAt: Date.now() });
      this.waiters.forEach((wake) => wake());
    });
  }

  next(match: (event: T) => boolean, timeoutMs = 10_000): Promise<{ event: T; receivedAt: number }> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.seen.find((entry) => match(entry.event));
        if (!found) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((wake) => wake !== check);
        resolve(found);
      };
      const timer = setTimeout(() => reject(new Error('no matching event in time')), timeoutMs);
      this.waiters.push(check);
      check();
    });
  }
}

describe('deadlines: yellow, red and escalation on a compressed calendar', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let acceptor: ApiClient;
  let admin: ApiClient;
  let sockets: BoardSocket[];
  let gmChanges: Recorder<CaseChangedEvent>;
  let gmNotices: Recorder<NoticeCreatedEvent>;
  let leaderNotices: Recorder<NoticeCreatedEvent>;
  let deadlinesQueue: Queue;

  beforeAll(async () => {
    api = await createTestApp();
    worker = await createTestWorker();
    dataSource = api.app.get(DataSource);
    deadlinesQueue = api.app.get<Queue>(getQueueToken(QueueName.CaseDeadlines), { strict: false });
    [acceptor, admin] = await Promise.all(['acceptor', 'admin'].map((u) => signIn(api.url, u)));
    for (const step of ['accept', 'dispatch']) {
      const set = await admin.put(`/api/v1/calendar/step-limits/${step}`, COMPRESSED);
      expect(set.status).toBe(204);
    }
    const [gm, leader] = await Promise.all(['gm-1', 'shiftleader'].map((u) => signIn(api.url, u)));
    sockets = await Promise.all([gm, leader].map((client) => connectBoardSocket(api.url, client.token)));
    gmChanges = new Recorder(sockets[0], 'case.changed');
    gmNotices = new Recorder(sockets[0], 'notice.created');
    leaderNotices = new Recorder(sockets[1], 'notice.created');
  });

  afterAll(async () => {
    sockets?.forEach((socket) => socket.disconnect());
    await worker.close();
    await api.close();
  });

  const get = async (id: string) => (await admin.get<CaseDetailDto>(`/api/v1/cases/${id}`)).body;

  it('turns a case yellow at 80 %, red and overdue at 100 %, and puts it under 督办 at 150 %', async () => {
    const created = await report(acceptor, centreOf(GRID), CALL);
    expect(created.status).toBe(201);
    const id = created.body.id;
    const { warnAt, dueAt } = created.body.step!;
    expect(Date.parse(dueAt) - Date.parse(created.body.step!.startedAt)).toBe(STEP_SECONDS * 1000);

    const yellow = await gmChanges.next((e) => e.id === id && e.light === 'yellow');
    expect(yellow.receivedAt).toBeGreaterThanOrEqual(Date.parse(warnAt));
    const warning = await gmNotices.next((n) => n.caseId === id && n.kind === 'sla.warning');
    expect(warning.event.title).toContain(created.body.number);

    const red = await gmChanges.next((e) => e.id === id && e.light === 'red');
    expect(red.receivedAt).toBeGreaterThanOrEqual(Date.parse(dueAt));
    // The owner's superior (the shift leader, for a desk step) and the center hear of it.
    await leaderNotices.next((n) => n.caseId === id && n.kind === 'sla.overdue');
    expect(await get(id)).toMatchObject({ overdue: true, supervised: false });

    const supervised = await gmNotices.next((n) => n.caseId === id && n.kind === 'case.supervised');
    const escalateAt = Date.parse(dueAt) + (STEP_SECONDS * 1000) / 2;
    expect(supervised.receivedAt).toBeGreaterThanOrEqual(escalateAt);
    const after = await get(id);
    expect(after).toMatchObject({ status: 'REPORTED', overdue: true, supervised: true });
    expect(after.activities.filter((a) => a.action === 'supervise')).toEqual([
      expect.objectContaining({ actorRole: 'system', fromStatus: 'REPORTED', toStatus: 'REPORTED' }),
    ]);
    // Each threshold acted once: one notice of each kind for the owner.
    const kinds = gmNotices.seen.filter((n) => n.event.caseId === id).map((n) => n.event.kind);
    expect(kinds.sort()).toEqual(['case.supervised', 'sla.overdue', 'sla.warning']);
  }, 20_000);

  it('reschedules on a transition: the old step’s timers do nothing, the new step’s fire', async () => {
    const created = await report(acceptor, centreOf(GRID), CALL);
    const routed = await gmChanges.next((e) => e.id === created.body.id && e.ownerId !== null);
    const filed = await act(acceptor, { id: created.body.id, version: routed.event.version }, 'file');
    expect(filed.status).toBe(200);
    expect(filed.body.step).toMatchObject({ step: 'dispatch' });

    const red = await gmChanges.next((e) => e.id === created.body.id && e.light === 'red');
    expect(red.event.status).toBe('PENDING_DISPATCH');
    expect(red.receivedAt).toBeGreaterThanOrEqual(Date.parse(filed.body.step!.dueAt));
    const lights = gmChanges.seen
      .filter((e) => e.event.id === created.body.id && e.event.light !== 'green')
      .map((e) => `${e.event.status}:${e.event.light}`);
    expect(lights).not.toContain('REPORTED:yellow');
    expect(lights).not.toContain('REPORTED:red');
    const activities = (await get(created.body.id)).activities.map((a) => a.action);
    expect(activities).toEqual(['report', 'route', 'file']);
  }, 20_000);

  it('keeps one sweep scheduler and repairs the timers Redis lost', async () => {
    expect(await deadlinesQueue.getJobScheduler(SLA_SWEEP_SCHEDULER)).toBeDefined();

    const created = await report(acceptor, centreOf(GRID), CALL);
    await worker.get(OutboxRelay).flush();
    const ids = [80, 100].map((percent) => slaJobId(created.body.id, 'accept', percent));
    for (const jobId of ids) {
      expect(await deadlinesQueue.getJob(jobId)).toBeDefined();
      expect(await deadlinesQueue.remove(jobId)).toBe(1);
    }
    const repaired = await worker.get(CaseDeadlinesService).sweep();
    expect(repaired.timersRepaired).toBeGreaterThanOrEqual(1);
    expect(await deadlinesQueue.getJob(ids[0])).toBeDefined();
    const yellow = await gmChanges.next((e) => e.id === created.body.id && e.light === 'yellow');
    expect(yellow.receivedAt).toBeGreaterThanOrEqual(Date.parse(created.body.step!.warnAt));
    // A sweep run again finds nothing left to repair for this case.
    const [{ stage }] = await dataSource.query('SELECT sla_stage AS stage FROM cases WHERE id = $1', [
      created.body.id,
    ]);
    expect(stage).toBeGreaterThanOrEqual(80);
  }, 20_000);
});
