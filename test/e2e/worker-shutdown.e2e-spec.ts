import { getQueueToken } from '@nestjs/bullmq';
import { QueueName } from '@citygrid/queue';
import type { Queue } from 'bullmq';
import { signIn } from '../support/api-client';
import { AppProcess } from '../support/app-process';
import { createTestApp, type TestApp } from '../support/create-test-app';

describe('worker shutdown', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await createTestApp();
  });

  afterAll(async () => {
    await api.close();
  });

  it('finishes the job in flight on SIGTERM, then exits 0', async () => {
    const worker = new AppProcess('worker', { LOG_LEVEL: 'info' });
    await worker.waitFor(/CityGrid worker ready/);
    const admin = await signIn(api.url, 'admin');
    const response = await admin.post<{ jobId: string }>(
      '/api/v1/system/ping',
      { holdMs: 1500 },
      { 'x-correlation-id': 'drain-1' },
    );
    const { jobId } = response.body;
    await worker.waitFor(/system\.ping started/);

    worker.child.kill('SIGTERM');
    const exit = await worker.exited;

    expect(exit).toEqual({ code: 0, signal: null });
    const queue = api.app.get<Queue>(getQueueToken(QueueName.System));
    const job = await queue.getJob(jobId);
    expect(await job!.getState()).toBe('completed');
    expect(job!.returnvalue).toMatchObject({
      correlationId: 'drain-1',
      worker: expect.stringMatching(`:${worker.pid}$`),
    });
    expect(worker.output.indexOf('system.ping done')).toBeGreaterThan(
      worker.output.indexOf('SIGTERM received'),
    );
  });
});
