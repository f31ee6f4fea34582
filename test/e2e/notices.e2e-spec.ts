import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import {
  NoticesService,
  type NoticeDto,
  type NoticePageDto,
  type NotifyInput,
} from '@citygrid/notifications';
import { QueueName } from '@citygrid/queue';
import { connectBoardSocket, nextEvent, waitForQueues, type BoardSocket } from '@citygrid/testing';
import type { Queue } from 'bullmq';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { errorCode, errorDetails, signIn, type ApiClient } from '../support/api-client';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';
import { pollUntil } from '../support/poll-until';

const SECRET = 'notices-e2e-webhook-secret';

/** One request the webhook receiver got, and what it answered. */
interface Delivery {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A webhook receiver that fails its first two requests (500) and takes every later one (200). */
async function startReceiver(deliveries: Delivery[]): Promise<Server> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = deliveries.length < 2 ? 500 : 200;
      deliveries.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

describe('notices: stored per user, pushed to user:<id>, posted to the webhook', () => {
  const deliveries: Delivery[] = [];
  let receiver: Server;
  let api: TestApp;
  let worker: INestApplicationContext;
  let notices: NoticesService;
  let dataSource: DataSource;
  const sockets: BoardSocket[] = [];
  const users: Record<string, { client: ApiClient; id: string }> = {};

  const notify = (input: NotifyInput) => dataSource.transaction((manager) => notices.notify(manager, input));
  const listOf = async (username: string, query = '') => {
    const response = await users[username]!.client.get<NoticePageDto>(`/api/v1/notices${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    receiver = await startReceiver(deliveries);
    process.env.NOTICE_WEBHOOK_URL = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/citygrid`;
    process.env.NOTICE_WEBHOOK_SECRET = SECRET;
    api = await createTestApp();
    worker = await createTestWorker();
    notices = api.app.get(NoticesService);
    dataSource = api.app.get(DataSource);
    for (const username of ['gm-1', 'inspector-1', 'inspector-2']) {
      const client = await signIn(api.url, username);
      const me = await client.get<{ id: string }>('/api/v1/auth/me');
      users[username] = { client, id: me.body.id };
    }
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await worker?.close();
    await api?.close();
    // Drop the webhook's keep-alive connections too, or close() waits for them to time out.
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    delete process.env.NOTICE_WEBHOOK_URL;
    delete process.env.NOTICE_WEBHOOK_SECRET;
  });

  it('pushes a new notice to its user’s socket only, and posts it signed to the webhook until it answers 200', async () => {
    const gm = await connectBoardSocket(api.url, users['gm-1']!.client.token);
    const bystander = await connectBoardSocket(api.url, users['inspector-1']!.client.token);
    sockets.push(gm, bystander);
    let stray = 0;
    bystander.on('notice.created', () => stray++);

    const pushed = nextEvent(gm, 'notice.created', (event) => event.title === '案件超时', 10_000);
    const caseId = randomUUID();
    const [id] = await notify({
      userIds: [users['gm-1']!.id],
      kind: 'sla.overdue',
      title: '案件超时',
      body: 'Case 20261120000001 passed its handling deadline',
      caseId,
    });
    expect(await pushed).toEqual({
      id,
      kind: 'sla.overdue',
      title: '案件超时',
      body: 'Case 20261120000001 passed its handling deadline',
      caseId,
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });

    // The receiver fails twice; BullMQ retries with backoff (1 s, then 2 s) and the third attempt lands.
    await pollUntil(() => deliveries.some((d) => d.status === 200), { timeoutMs: 20_000, what: 'a 200' });
    expect(deliveries.map((d) => d.status)).toEqual([500, 500, 200]);
    for (const delivery of deliveries) {
      expect(delivery.headers).toMatchObject({
        'content-type': 'application/json',
        'x-citygrid-event': 'notice.created',
        'x-citygrid-delivery': id,
      });
      const hmac = createHmac('sha256', SECRET).update(delivery.body).digest('hex');
      expect(delivery.headers['x-citygrid-signature']).toBe(`sha256=${hmac}`);
      expect(JSON.parse(delivery.body)).toEqual({
        id,
        kind: 'sla.overdue',
        title: '案件超时',
        body: 'Case 20261120000001 passed its handling deadline',
        caseId,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/),
        user: { id: users['gm-1']!.id, username: 'gm-1', displayName: expect.any(String) },
      });
    }

    const queue = api.app.get<Queue>(getQueueToken(QueueName.Notifications));
    await waitForQueues([queue]);
    for (const channel of ['socket', 'webhook']) {
      expect(await (await queue.getJob(`notice-${id}-${channel}`))?.isCompleted()).toBe(true);
    }

    // The bystander was listening all along: its own notice reaches it, the gm's did not.
    const own = nextEvent(bystander, 'notice.created');
    const [ownId] = await notify({
      userIds: [users['inspector-1']!.id],
      kind: 'case.supervised',
      title: '督办',
      body: '',
    });
    expect((await own).id).toBe(ownId);
    expect(stray).toBe(1);
  });

  it('writes a notice and its jobs only if the caller’s transaction commits', async () => {
    const title = `rolled back ${randomUUID()}`;
    await expect(
      dataSource.transaction(async (manager) => {
        await notices.notify(manager, { userIds: [users['gm-1']!.id], kind: 'sla.warning', title, body: '' });
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    expect(await dataSource.query('SELECT 1 FROM notices WHERE title = $1', [title])).toEqual([]);
  });

  it('writes one notice per user and dedupe key, however often notify runs, each with a job per channel', async () => {
    const input: NotifyInput = {
      userIds: [users['gm-1']!.id, users['gm-1']!.id, users['inspector-1']!.id],
      kind: 'sla.warning',
      title: '即将超时',
      body: 'Case 20261120000002 reaches 80 % of its handling time',
      dedupeKey: `sla:${randomUUID()}:handle:80`,
    };
    const ids = await notify(input);
    expect(ids).toHaveLength(2);
    expect(await notify(input)).toEqual([]);
    expect(await notify({ ...input, userIds: [users['inspector-2']!.id] })).toHaveLength(1);

    const jobs: Array<{ job_id: string; job_name: string; queue: string }> = await dataSource.query(
      `SELECT job_id, job_name, queue FROM outbox_messages WHERE payload->>'noticeId' = ANY($1) ORDER BY job_id`,
      [ids],
    );
    expect(jobs).toEqual(
      ids
        .flatMap((id) => [`notice-${id}-socket`, `notice-${id}-webhook`])
        .sort()
        .map((jobId) => ({ job_id: jobId, job_name: 'notice.deliver', queue: 'notifications' })),
    );
    const gmTitles = (await listOf('gm-1')).items.filter((n) => n.title === '即将超时');
    expect(gmTitles).toHaveLength(1);
  });

  it('lists the caller’s own notices newest first, pages them, counts and marks them read', async () => {
    const mine = await listOf('inspector-2');
    expect(mine.items.every((n) => n.kind === 'sla.warning')).toBe(true);
    const before = mine.unreadCount;
    const created: string[] = [];
    for (const n of [1, 2, 3]) {
      created.push(
        ...(await notify({
          userIds: [users['inspector-2']!.id],
          kind: 'sla.overdue',
          title: `#${n}`,
          body: '',
        })),
      );
    }

    const all = await listOf('inspector-2');
    expect(all.unreadCount).toBe(before + 3);
    const keys = all.items.map((n) => `${n.createdAt}_${n.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(
      all.items
        .slice(0, 3)
        .map((n) => n.id)
        .sort(),
    ).toEqual([...created].sort());

    const first = await listOf('inspector-2', '?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBe(`${first.items[1]!.createdAt}_${first.items[1]!.id}`);
    const second = await listOf('inspector-2', `?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((n) => n.id)).toEqual(
      all.items.slice(0, 4).map((n) => n.id),
    );

    const inspector = users['inspector-2']!.client;
    const read = await inspector.post<NoticeDto>(`/api/v1/notices/${created[0]}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created[0], title: '#1', readAt: expect.any(String) });
    const again = await inspector.post<NoticeDto>(`/api/v1/notices/${created[0]}/read`);
    expect(again.status).toBe(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    const unread = await listOf('inspector-2', '?unread=true');
    expect(unread.unreadCount).toBe(before + 2);
    expect(unread.items.map((n) => n.id)).not.toContain(created[0]);
    expect(unread.items.every((n) => n.readAt === null)).toBe(true);
    expect(unread.items).toHaveLength(before + 2);

    // Someone else's notice is as absent as one that never was.
    for (const other of [created[1], randomUUID()]) {
      const response = await users['gm-1']!.client.post(`/api/v1/notices/${other}/read`);
      expect(response.status).toBe(404);
      expect(errorCode(response)).toBe('NOTICE_NOT_FOUND');
    }
    expect((await listOf('gm-1')).items.map((n) => n.id)).not.toContain(created[1]);

    const marked = await inspector.post<{ marked: number }>('/api/v1/notices/read-all');
    expect(marked).toMatchObject({ status: 200, body: { marked: before + 2 } });
    expect((await inspector.post('/api/v1/notices/read-all')).body).toEqual({ marked: 0 });
    const after = await listOf('inspector-2', '?unread=true');
    expect(after).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it('answers bad input with 400 VALIDATION_FAILED naming each field', async () => {
    const client = users['gm-1']!.client;
    const response = await client.get('/api/v1/notices?unread=maybe&limit=0&cursor=abc');
    expect(response.status).toBe(400);
    expect(errorCode(response)).toBe('VALIDATION_FAILED');
    expect(new Set(errorDetails(response).map((d) => d.field))).toEqual(
      new Set(['unread', 'limit', 'cursor']),
    );
    const badId = await client.post('/api/v1/notices/not-a-uuid/read');
    expect(badId.status).toBe(400);
    expect(errorDetails(badId)[0]).toMatchObject({ field: 'id' });
  });

  it('delivers a notice that is gone as nothing, without failing the job', async () => {
    await expect(worker.get(NoticesService).deliver(randomUUID(), 'webhook')).resolves.toBeUndefined();
  });
});
