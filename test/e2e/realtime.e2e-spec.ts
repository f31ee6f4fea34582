import type { INestApplicationContext } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@citygrid/queue';
import { connectBoardSocket, nextEvent, waitForQueues, type BoardSocket } from '@citygrid/testing';
import type { Queue } from 'bullmq';
import { signIn, type ApiClient } from '../support/api-client';
import { AppProcess } from '../support/app-process';
import { createTestApp, createTestWorker, type TestApp } from '../support/create-test-app';

let admin: ApiClient;
const ping = (body: object, correlationId: string) =>
  admin.post('/api/v1/system/ping', body, { 'x-correlation-id': correlationId });

describe('worker → Redis → api → browser', () => {
  let api: TestApp;
  let socket: BoardSocket;
  let bystander: BoardSocket;

  beforeAll(async () => {
    api = await createTestApp();
    admin = await signIn(api.url, 'admin');
    socket = await connectBoardSocket(api.url, admin.token);
    bystander = await connectBoardSocket(api.url, (await signIn(api.url, 'dispatcher')).token);
  });

  it('refuses a socket without a valid access token', async () => {
    await expect(connectBoardSocket(api.url, null)).rejects.toThrow('TOKEN_MISSING');
    await expect(connectBoardSocket(api.url, 'not.a.token')).rejects.toThrow('TOKEN_INVALID');
  });

  afterAll(async () => {
    socket.disconnect();
    bystander.disconnect();
    await api.close();
  });

  describe('with the worker in this process', () => {
    let worker: INestApplicationContext;

    beforeAll(async () => {
      worker = await createTestWorker();
    });

    afterAll(async () => {
      await worker.close();
    });

    it('delivers the worker’s event to the client’s room only, carrying the request’s correlation id', async () => {
      let strayEvents = 0;
      bystander.on('system.pong', () => strayEvents++);
      const pong = nextEvent(socket, 'system.pong', (event) => event.correlationId === 'in-process-1');
      const response = await ping({ replyTo: socket.id }, 'in-process-1');
      expect(response.status).toBe(202);
      const event = await pong;
      expect(event.worker).toMatch(new RegExp(`:${process.pid}$`));
      expect(Date.parse(event.processedAt)).toBeGreaterThanOrEqual(Date.parse(event.requestedAt));
      // A second ping to the bystander proves its socket was listening all along.
      const own = nextEvent(bystander, 'system.pong', (e) => e.correlationId === 'in-process-2');
      await ping({ replyTo: bystander.id }, 'in-process-2');
      await own;
      expect(strayEvents).toBe(1);
      const queue = api.app.get<Queue>(getQueueToken(QueueName.System));
      await waitForQueues([queue]);
      expect(await queue.getJobCounts('completed', 'failed')).toEqual({ completed: 2, failed: 0 });
    });
  });

  describe('with the worker as a separate process', () => {
    let worker: AppProcess;

    beforeAll(async () => {
      worker = new AppProcess('worker', { LOG_LEVEL: 'info' });
      await worker.waitFor(/CityGrid worker ready/);
    });

    afterAll(async () => {
      await worker.stop();
    });

    it('reaches a client of the api through the streams adapter, and the worker logs the correlation id', async () => {
      const pong = nextEvent(socket, 'system.pong', (event) => event.correlationId === 'cross-process-1');
      await ping({ replyTo: socket.id }, 'cross-process-1');
      const event = await pong;
      expect(event.worker).toMatch(new RegExp(`:${worker.pid}$`));
      const line = await worker.waitFor(
        /\{[^\n]*"correlationId":"cross-process-1"[^\n]*system\.ping done[^\n]*\}/,
      );
      expect(JSON.parse(line[0])).toMatchObject({ correlationId: 'cross-process-1', queue: 'system' });
    });
  });
});
