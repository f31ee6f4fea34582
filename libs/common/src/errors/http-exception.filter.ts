import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrorCode, DomainException, ErrorKind, type ErrorDetail } from './domain.exception';
import { pgErrorCode } from '../util/postgres-errors';
import type { ErrorBody } from './error-body';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  [ErrorKind.Invalid]: HttpStatus.BAD_REQUEST,
  [ErrorKind.Unauthenticated]: HttpStatus.UNAUTHORIZED,
  [ErrorKind.Forbidden]: HttpStatus.FORBIDDEN,
  [ErrorKind.NotFound]: HttpStatus.NOT_FOUND,
  [ErrorKind.Conflict]: HttpStatus.CONFLICT,
  [ErrorKind.TooLarge]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorKind.UnsupportedMedia]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorKind.Rule]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorKind.RateLimited]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorKind.Unavailable]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorKind.Internal]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Codes for errors raised outside our code: Nest's HttpExceptions and fastify's own 4xx errors. */
const CODE_OF_STATUS: Record<number, CommonErrorCode> = {
  400: CommonErrorCode.MALFORMED_REQUEST,
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  409: CommonErrorCode.CONFLICT,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrorCode.RATE_LIMITED,
  503: CommonErrorCode.SERVICE_UNAVAILABLE,
};

/** SQLSTATEs that only bad input causes, with what was wrong with it. */
const UNSTORABLE: Record<string, string> = {
  '22021': 'text with a character that cannot be stored (such as NUL)',
  '22P02': 'a value that is not in the expected form',
  '22001': 'a value that is too long',
  '22003': 'a number out of range',
  '22008': 'a date out of range',
  '23502': 'no value where one is required',
};

interface Mapped {
  status: number;
  code: string;
  message: string;
  details: ErrorDetail[];
}

/** An error fastify raised itself (bad JSON, body too large, unknown content type) carries its status. */
function isClientError(error: unknown): error is Error & { statusCode: number; code?: string } {
  const status = (error as { statusCode?: unknown })?.statusCode;
  return error instanceof Error && typeof status === 'number' && status >= 400 && status < 500;
}

function map(exception: unknown): Mapped {
  if (exception instanceof DomainException) {
    return {
      status: STATUS_OF_KIND[exception.kind],
      code: exception.code,
      message: exception.message,
      details: exception.details,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'object' && response !== null && 'message' in response
        ? String((response as { message: unknown }).message)
        : exception.message;
    return {
      status,
      code: CODE_OF_STATUS[status] ?? (status >= 500 ? CommonErrorCode.INTERNAL_ERROR : 'HTTP_' + status),
      message: status >= 500 ? 'Internal server error' : message,
      details: [],
    };
  }
  if (isClientError(exception)) {
    return {
      status: exception.statusCode,
      code: CODE_OF_STATUS[exception.statusCode] ?? CommonErrorCode.MALFORMED_REQUEST,
      message: exception.message,
      details: exception.code ? [{ reason: exception.code, message: exception.message }] : [],
    };
  }
  const unstorable = UNSTORABLE[pgErrorCode(exception) ?? ''];
  if (unstorable) {
    // Input the validators let through but PostgreSQL cannot take: the caller's fault, not a server error.
    const column = (exception as { driverError?: { column?: string } }).driverError?.column;
    return {
      status: HttpStatus.BAD_REQUEST,
      code: CommonErrorCode.VALIDATION_FAILED,
      message: `The request holds ${unstorable}`,
      details: [{ ...(column ? { field: column } : {}), reason: 'unstorable', message: unstorable }],
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    code: CommonErrorCode.INTERNAL_ERROR,
    message: 'Internal server error',
    details: [],
  };
}

/**
 * The one HTTP exception filter: every error leaves as the body of DESIGN.md §9 with the request's
 * correlation id. A 5xx never shows internals; it is logged with the same id so support can find it.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    // fastify's request id is the correlation id (genReqId: correlationIdOf), also on unmatched routes.
    const correlationId = String(request.id);
    const mapped = map(exception);
    if (mapped.status >= 500) {
      this.logger.error(
        { err: exception, correlationId, method: request.method, url: request.url },
        `Unhandled error ${correlationId}`,
      );
    }
    const body: ErrorBody = {
      error: { code: mapped.code, message: mapped.message, details: mapped.details },
      correlationId,
    };
    void reply.status(mapped.status).header('x-correlation-id', correlationId).send(body);
  }
}
