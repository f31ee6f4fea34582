import type { ErrorBody } from '@citygrid/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import type { OpenAPIObject } from '@nestjs/swagger';
import { signIn } from '../support/api-client';
import { createTestApp, type TestApp } from '../support/create-test-app';

describe('api over HTTP', () => {
  let api: TestApp;
  let token: string;

  beforeAll(async () => {
    api = await createTestApp();
    token = (await signIn(api.url, 'admin')).token!;
  });

  afterAll(async () => {
    await api.close();
  });

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(api.url + path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    });

  it('reports the database, Redis and every queue as up on /health', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as HealthCheckResult & {
      details: { queues: Record<string, unknown> };
    };
    expect(body.status).toBe('ok');
    expect(body.details.database.status).toBe('up');
    expect(body.details.redis.status).toBe('up');
    expect(Object.keys(body.details.queues)).toEqual(
      expect.arrayContaining(['case-routing', 'case-deadlines', 'notifications', 'stats', 'system']),
    );
    expect(body.details.queues['case-routing']).toMatchObject({ waiting: 0, active: 0, failed: 0 });
  });

  it('carries the caller’s correlation id into the response header and the error body', async () => {
    const response = await post('/api/v1/system/ping', '{"replyTo":"not a socket id!"}', {
      'x-correlation-id': 'trace-42.abc',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-correlation-id')).toBe('trace-42.abc');
    expect(((await response.json()) as ErrorBody).correlationId).toBe('trace-42.abc');
  });

  it('makes up a correlation id when the caller sends none or an unusable one', async () => {
    const response = await fetch(`${api.url}/no/such/route`, {
      headers: { 'x-correlation-id': 'bad id<script>' },
    });
    const body = (await response.json()) as ErrorBody;
    expect(response.status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('x-correlation-id')).toBe(body.correlationId);
  });

  it('lists every invalid field at once, unknown fields included, with a machine-readable code', async () => {
    const response = await post(
      '/api/v1/system/ping',
      JSON.stringify({ replyTo: 7, holdMs: -1, extra: true }),
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(new Set(body.error.details.map((d) => d.field))).toEqual(new Set(['replyTo', 'holdMs', 'extra']));
    expect(body.error.details.find((d) => d.field === 'extra')!.reason).toBe('whitelistValidation');
  });

  it('answers malformed JSON, an oversized body and an unknown media type in the same error shape', async () => {
    const malformed = await post('/api/v1/system/ping', '{"replyTo":');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as ErrorBody).error.code).toBe('MALFORMED_REQUEST');

    const huge = await post('/api/v1/system/ping', JSON.stringify({ replyTo: 'x'.repeat(2 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');

    const xml = await post('/api/v1/system/ping', '<ping/>', { 'content-type': 'application/xml' });
    expect(xml.status).toBe(415);
    expect(((await xml.json()) as ErrorBody).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts a valid ping and says which job carries it', async () => {
    const response = await post('/api/v1/system/ping', '{}', { 'x-correlation-id': 'ping-1' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      jobId: expect.any(String),
      queue: 'system',
      correlationId: 'ping-1',
    });
  });

  it('sends security headers', async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('publishes the OpenAPI document at /api/docs', async () => {
    const page = await fetch(`${api.url}/api/docs`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('swagger');
    const document = (await (await fetch(`${api.url}/api/docs-json`)).json()) as OpenAPIObject;
    expect(document.info.title).toBe('CityGrid API');
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/health', '/api/v1/system/ping']));
  });

  it('exposes Prometheus metrics with the queue backlog and HTTP latency', async () => {
    await fetch(`${api.url}/health`);
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/citygrid_queue_jobs\{queue="case-routing",state="waiting"\} 0/);
    expect(text).toMatch(
      /citygrid_http_request_duration_seconds_count\{method="GET",route="\/health",status="200"\} [1-9]/,
    );
    expect(text).toContain('citygrid_process_cpu_seconds_total');
  });

  it('serves the web app at /', async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('CityGrid');
  });
});
