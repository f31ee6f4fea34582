import { ArgumentsHost, BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainException, ErrorKind } from './domain.exception';
import type { ErrorBody } from './error-body';
import { HttpExceptionFilter } from './http-exception.filter';

/** Records what the filter sends; fastify's reply is the only collaborator. */
function capture(exception: unknown): { status: number; body: ErrorBody; header: string } {
  const sent: { status?: number; body?: ErrorBody; header?: string } = {};
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(_name: string, value: string) {
      sent.header = value;
      return reply;
    },
    send(body: ErrorBody) {
      sent.body = body;
    },
  };
  const host = {
    switchToHttp: () => ({
      getResponse: () => reply,
      getRequest: () => ({ id: 'req-id', method: 'GET', url: '/x' }),
    }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent as { status: number; body: ErrorBody; header: string };
}

describe('HttpExceptionFilter', () => {
  it.each([
    [ErrorKind.Invalid, 400],
    [ErrorKind.Unauthenticated, 401],
    [ErrorKind.Forbidden, 403],
    [ErrorKind.NotFound, 404],
    [ErrorKind.Conflict, 409],
    [ErrorKind.TooLarge, 413],
    [ErrorKind.UnsupportedMedia, 415],
    [ErrorKind.Rule, 422],
    [ErrorKind.RateLimited, 429],
    [ErrorKind.Unavailable, 503],
  ])('answers a %s domain exception with %i, its code and details', (kind, status) => {
    const details = [{ field: 'version', message: 'stale' }];
    const sut = capture(
      new DomainException('CASE_VERSION_CONFLICT', 'Case changed meanwhile', kind, details),
    );
    expect(sut.status).toBe(status);
    expect(sut.body.error).toEqual({
      code: 'CASE_VERSION_CONFLICT',
      message: 'Case changed meanwhile',
      details,
    });
    expect(sut.body.correlationId).toBe(sut.header);
  });

  it('answers input PostgreSQL cannot store with 400, naming the column when it is known', () => {
    const notNull = new QueryFailedError(
      'UPDATE users',
      [],
      Object.assign(new Error('null value'), {
        code: '23502',
        column: 'display_name',
      }),
    );
    expect(capture(notNull)).toMatchObject({
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', details: [{ field: 'display_name', reason: 'unstorable' }] },
      },
    });
    const nul = new QueryFailedError(
      'SELECT',
      [],
      Object.assign(new Error('invalid byte'), { code: '22021' }),
    );
    expect(capture(nul).status).toBe(400);
    const other = new QueryFailedError('SELECT', [], Object.assign(new Error('deadlock'), { code: '40P01' }));
    expect(capture(other).status).toBe(500);
  });

  it('gives Nest HTTP exceptions a common code', () => {
    expect(capture(new NotFoundException('Cannot GET /x')).body.error).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Cannot GET /x',
    });
    expect(capture(new BadRequestException()).body.error.code).toBe('MALFORMED_REQUEST');
  });

  it('maps fastify’s own client errors by their status, keeping fastify’s code as the reason', () => {
    const error = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    const sut = capture(error);
    expect(sut.status).toBe(413);
    expect(sut.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(sut.body.error.details).toEqual([
      { reason: 'FST_ERR_CTP_BODY_TOO_LARGE', message: error.message },
    ]);
  });

  it('never shows the internals of an unexpected error', () => {
    const sut = capture(new Error('connection string postgres://user:secret@db leaked'));
    expect(sut.status).toBe(500);
    expect(sut.body.error).toEqual({ code: 'INTERNAL_ERROR', message: 'Internal server error', details: [] });
    expect(JSON.stringify(sut.body)).not.toContain('secret');
    expect(sut.body.correlationId).toBe('req-id');
  });
});
