import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppError, FieldError, RetryLaterError } from './app-error';

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  details: FieldError[];
  requestId?: string;
}

export const httpCodes: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  412: 'STALE_VERSION',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  428: 'PRECONDITION_REQUIRED',
  429: 'TOO_MANY_REQUESTS',
  503: 'DATABASE_UNAVAILABLE',
};

/** Node socket errors, and Postgres' connection-exception (08…) and shutdown (57P0…) classes, 53300 too many connections. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);

/** Postgres is away (restart, network cut): not our bug and not the caller's — 503, try again shortly. */
function isDatabaseUnreachable(exception: unknown): boolean {
  const error = exception as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | undefined;
  const code = String(error?.code ?? error?.driverError?.code ?? '');
  if (UNREACHABLE_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  return typeof error?.message === 'string' && /Connection terminated|timeout exceeded when trying to connect|Connection refused/i.test(error.message);
}

/** Postgres errors a user's input can cause, by SQLSTATE. Anything else is our fault: 500. */
function fromDatabaseError(error: QueryFailedError & { code?: string; constraint?: string; column?: string }): ErrorBody | undefined {
  switch (error.code) {
    case '23502':
      // A required value sent as null that no DTO caught: still the caller's mistake.
      return {
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: 'A required value is missing',
        details: error.column ? [{ field: error.column, reason: `${error.column} must not be null` }] : [],
      };
    case '22021':
    case '22P05':
    case '2201W':
    case '2201X':
    case '23505':
      return { statusCode: 409, code: 'ALREADY_EXISTS', message: 'A record with the same key already exists', details: constraintDetail(error) };
    case '23503':
      return { statusCode: 409, code: 'REFERENCED_RECORD', message: 'The record refers to, or is referred to by, another record', details: constraintDetail(error) };
    case '23514':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'A value breaks a rule of the data', details: constraintDetail(error) };
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
      return { statusCode: 400, code: 'VALIDATION_FAILED', message: 'A value has the wrong format or is out of range', details: [] };
    case '40001':
    case '40P01':
      return { statusCode: 409, code: 'CONCURRENT_UPDATE', message: 'Someone else changed this at the same time; try again', details: [] };
    default:
      return undefined;
  }
}

function constraintDetail(error: { constraint?: string }): FieldError[] {
  return error.constraint ? [{ field: error.constraint, reason: 'constraint' }] : [];
}

/**
 * Turns every error into { statusCode, code, message, details }. User mistakes
 * keep their 4xx; anything unexpected is logged with its stack and answered
 * with a plain 500 that leaks neither SQL nor stack.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const reply = context.getResponse<FastifyReply>();
    const request = context.getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    body.requestId = String(request.id);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: request.id, url: request.url }, 'unhandled error');
    }
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) void reply.header('retry-after', '5');
    if (exception instanceof RetryLaterError) {
      void reply.header('Retry-After', String(Math.max(1, Math.ceil(exception.retryAfterSeconds))));
    }
    void reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppError) {
      return { statusCode: exception.status, code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? [response.message].flat().join('; ')
          : exception.message;
      return { statusCode: status, code: httpCodes[status] ?? `HTTP_${status}`, message, details: [] };
    }
    if (exception instanceof QueryFailedError) {
      const mapped = fromDatabaseError(exception as QueryFailedError & { code?: string });
      if (mapped) return mapped;
    }
    if (isDatabaseUnreachable(exception)) {
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: 'DATABASE_UNAVAILABLE', message: 'The database cannot be reached just now; try again shortly', details: [] };
    }
    // Fastify's own 4xx errors (malformed JSON, body too large, wrong content type).
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return {
        statusCode: fastifyError.statusCode,
        code: httpCodes[fastifyError.statusCode] ?? 'BAD_REQUEST',
        message: fastifyError.message ?? 'Bad request',
        details: [],
      };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side', details: [] };
  }
}
