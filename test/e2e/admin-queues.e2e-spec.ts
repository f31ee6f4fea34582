import { getQueueToken } from '@nestjs/bullmq';
import type { ErrorBody } from '@citygrid/common';
import { AppConfig } from '@citygrid/config';
import { ALL_QUEUES, QueueName } from '@citygrid/queue';
import { Worker, type Queue } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient, errorCode, signIn, type ApiResponse } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';

interface DashboardJob {
  id: string;
  name: string;
  attempts: number;
  failedReason?: string;
  stacktrace: string[];
}
interface DashboardQueues {
  queues: Array<{ name: string; counts: Record<string, number>; jobs: DashboardJob[] }>;
}

describe('queue dashboard at /admin/queues (admins only)', () => {
  let api: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await createTestApp();
    admin = await signIn(api.url, 'admin');
  });

  afterAll(async () => {
    await api.close();
  });

  /** A plain browser-like GET: no bearer unless given, only the headers passed. */
  const get = (path: string, headers: Record<string, string> = {}) =>
    new ApiClient(api.url).request('GET', path, undefined, headers);
  const bearer = (client: ApiClient) => ({ authorization: `Bearer ${client.token}` });

  /** Opens the console as `client` and returns the cookie (name=value) and the whole Set-Cookie header. */
  const openConsole = async (client: ApiClient) => {
    const response = await client.post<{ url: string; expiresAt: string }>('/api/v1/auth/admin-console');
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie')!;
    return { response, setCookie, cookie: setCookie.split(';')[0] };
  };

  const queuesApi = async (query = '') => {
    const response = await get(`/admin/queues/api/queues${query}`, bearer(admin));
    expect(response.status).toBe(200);
    return (response as ApiResponse<DashboardQueues>).body.queues;
  };

  it('refuses a caller with no credentials with 401 TOKEN_MISSING on the page, its assets and its api', async () => {
    for (const path of [
      '/admin/queues',
      '/admin/queues/',
      '/admin/queues/queue/system',
      '/admin/queues/static/favicon-32x32.png',
      '/admin/queues/api/queues',
    ]) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
      expect(errorCode(response)).toBe('TOKEN_MISSING');
      const body = response.body as ErrorBody;
      expect(body.correlationId).toBe(response.headers.get('x-correlation-id'));
    }
    const retry = await new ApiClient(api.url).request('PUT', '/admin/queues/api/queues/system/1/retry');
    expect(retry.status).toBe(401);
  });

  it('refuses other roles with 403 ROLE_NOT_ALLOWED, and will not open the console for them', async () => {
    for (const username of ['dispatcher', 'inspector-1']) {
      const client = await signIn(api.url, username);
      for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
        const response = await get(path, bearer(client));
        expect({ username, path, status: response.status }).toEqual({ username, path, status: 403 });
        expect(errorCode(response)).toBe('ROLE_NOT_ALLOWED');
      }
      const open = await client.post('/api/v1/auth/admin-console');
      expect(open.status).toBe(403);
      expect(open.headers.get('set-cookie')).toBeNull();
    }
  });

  it('refuses made-up, ended and wrong-kind tokens with 401', async () => {
    const forged = await get('/admin/queues/api/queues', { authorization: 'Bearer not.a.token' });
    expect(errorCode(forged)).toBe('TOKEN_INVALID');
    const badCookie = await get('/admin/queues/api/queues', { cookie: 'citygrid_console=not.a.token' });
    expect(errorCode(badCookie)).toBe('TOKEN_INVALID');

    // An access token is no console token, nor the other way round.
    const accessInCookie = await get('/admin/queues/', { cookie: `citygrid_console=${admin.token}` });
    expect(errorCode(accessInCookie)).toBe('TOKEN_INVALID');
    const { cookie } = await openConsole(admin);
    const consoleToken = cookie.split('=')[1];
    const consoleAsBearer = await new ApiClient(api.url, consoleToken).get('/api/v1/auth/me');
    expect(errorCode(consoleAsBearer)).toBe('TOKEN_INVALID');

    // Ending the session ends its console cookie and its access token at once.
    const leaving = await signIn(api.url, 'admin');
    const leavingCookie = (await openConsole(leaving)).cookie;
    expect((await get('/admin/queues/api/queues', { cookie: leavingCookie })).status).toBe(200);
    expect((await leaving.post('/api/v1/auth/logout')).status).toBe(204);
    for (const headers of [{ cookie: leavingCookie }, bearer(leaving)]) {
      const response = await get('/admin/queues/api/queues', headers);
      expect(response.status).toBe(401);
      expect(errorCode(response)).toBe('SESSION_ENDED');
    }
  });

  it('shows an admin the dashboard page, whose scripts and styles load under the api’s CSP', async () => {
    const page = await get('/admin/queues', bearer(admin));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = page.body as string;
    expect(html).toContain('<title>CityGrid queues</title>');
    expect(html).toContain('<base href="/admin/queues/"');

    // Every script is a same-origin file (the one inline <script> is JSON data, which CSP does not run).
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline).toEqual([' id="__UI_CONFIG__" type="application/json"']);

    const assets = [...html.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
    expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
    for (const asset of assets) {
      const response = await get(`/admin/queues/${asset}`, bearer(admin));
      expect({ asset, status: response.status }).toEqual({ asset, status: 200 });
      const type = response.headers.get('content-type') ?? '';
      if (asset.endsWith('.js')) expect(type).toContain('javascript');
      if (asset.endsWith('.css')) expect(type).toContain('text/css');
    }
    // The UI's client-side routes serve the same page.
    const queuePage = await get('/admin/queues/queue/case-routing', bearer(admin));
    expect(queuePage.status).toBe(200);
    expect(queuePage.body).toContain('CityGrid queues');
  });

  it('lists every queue CityGrid uses', async () => {
    const queues = await queuesApi();
    expect(queues.map((q) => q.name).sort()).toEqual([...ALL_QUEUES].sort());
  });

  it('opens in a browser with a short-lived, HttpOnly, SameSite=Strict cookie for /admin/queues only', async () => {
    const { response, setCookie, cookie } = await openConsole(admin);
    expect(response.body.url).toBe('/admin/queues/');
    const attributes = setCookie.split(';').map((part) => part.trim());
    expect(attributes[0]).toMatch(/^citygrid_console=[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(attributes.slice(1).sort()).toEqual([
      'HttpOnly',
      'Max-Age=900',
      'Path=/admin/queues',
      'SameSite=Strict',
    ]);
    const expiresIn = Date.parse(response.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(890_000);
    expect(expiresIn).toBeLessThanOrEqual(900_000);

    const page = await get('/admin/queues/', { cookie: `other=1; ${cookie}` });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const list = await get('/admin/queues/api/queues', { cookie });
    expect(list.status).toBe(200);
    expect((list.body as DashboardQueues).queues).toHaveLength(ALL_QUEUES.length);

    // Behind a TLS-terminating proxy the cookie is also Secure.
    const secure = await admin.post('/api/v1/auth/admin-console', {}, { 'x-forwarded-proto': 'https' });
    expect(secure.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('keeps a job that used up its retries visible as failed, and lets an admin retry it', async () => {
    const config = api.app.get(AppConfig);
    const queue = api.app.get<Queue>(getQueueToken(QueueName.System), { strict: false });
    let healed = false;
    const worker = new Worker(
      QueueName.System,
      async () => {
        if (!healed) throw new Error('the dashboard should show this');
        return 'ok';
      },
      { connection: { url: config.REDIS_URL, maxRetriesPerRequest: null }, prefix: config.REDIS_KEY_PREFIX },
    );
    try {
      const job = await queue.add(
        'test.always-fails',
        { correlationId: 'dashboard-failure' },
        { attempts: 2, backoff: { type: 'exponential', delay: 50 } },
      );
      const system = async (status: string) =>
        (await queuesApi(`?activeQueue=system&status=${status}&page=1&jobsPerPage=10`)).find(
          (q) => q.name === QueueName.System,
        )!;
      let failed = await system('failed');
      for (let i = 0; i < 100 && failed.counts.failed !== 1; i++) {
        await sleep(100);
        failed = await system('failed');
      }
      expect(failed.counts).toMatchObject({ failed: 1, waiting: 0, active: 0, delayed: 0 });
      expect(failed.jobs).toHaveLength(1);
      expect(failed.jobs[0]).toMatchObject({
        id: job.id,
        name: 'test.always-fails',
        attempts: 2,
        failedReason: 'the dashboard should show this',
      });
      expect(failed.jobs[0].stacktrace.length).toBeGreaterThan(0);

      // Still there a while later: failed jobs are kept, never dropped.
      await sleep(300);
      expect((await system('failed')).counts.failed).toBe(1);

      // A retry runs the job once more; its earlier attempts still count, so failing again ends it at once.
      const retry = () =>
        new ApiClient(api.url, admin.token).request('PUT', `/admin/queues/api/queues/system/${job.id}/retry`);
      expect((await retry()).status).toBe(204);
      let again = await system('failed');
      for (let i = 0; i < 100 && again.jobs[0]?.attempts !== 3; i++) {
        await sleep(100);
        again = await system('failed');
      }
      expect(again.counts).toMatchObject({ failed: 1, waiting: 0, active: 0, delayed: 0 });
      expect(again.jobs[0]).toMatchObject({ id: job.id, attempts: 3 });

      healed = true;
      expect((await retry()).status).toBe(204);
      let after = await system('completed');
      for (let i = 0; i < 100 && after.counts.completed !== 1; i++) {
        await sleep(100);
        after = await system('completed');
      }
      expect(after.counts).toMatchObject({ failed: 0, completed: 1 });
      expect(await queue.getJobState(job.id!)).toBe('completed');
    } finally {
      await worker.close();
    }
  });
});
