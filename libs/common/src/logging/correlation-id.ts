import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Http2ServerRequest } from 'node:http2';
import { ClsServiceManager } from 'nestjs-cls';

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const ACCEPTED = /^[A-Za-z0-9._:-]{1,128}$/;
const CORRELATION_ID = Symbol('correlationId');

type TaggedRequest = (IncomingMessage | Http2ServerRequest) & { [CORRELATION_ID]?: string };

/**
 * The request's correlation id: the caller's `x-correlation-id` (or `x-request-id`) when it is a sane token,
 * otherwise a new UUID. Stored on the raw request so the CLS context and the HTTP log agree whichever runs first.
 */
export function correlationIdOf(request: IncomingMessage | Http2ServerRequest): string {
  const tagged = request as TaggedRequest;
  if (!tagged[CORRELATION_ID]) {
    const header = request.headers[CORRELATION_ID_HEADER] ?? request.headers['x-request-id'];
    const given = Array.isArray(header) ? header[0] : header;
    tagged[CORRELATION_ID] = given && ACCEPTED.test(given) ? given : randomUUID();
  }
  return tagged[CORRELATION_ID];
}

/** The correlation id of the work in progress (an HTTP request or a job), or a new one outside any. */
export function currentCorrelationId(): string {
  const cls = ClsServiceManager.getClsService();
  return (cls.isActive() && cls.getId()) || randomUUID();
}
