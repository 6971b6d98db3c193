/**
 * Fastify's router answers a few requests before any hook or Nest handler runs:
 * a path that is not valid percent-encoded UTF-8 (FST_ERR_BAD_URL) and a path
 * parameter longer than maxParamLength (FST_ERR_MAX_PARAM_LENGTH, 414). This is
 * Fastify's `frameworkErrors` option, so they too get the one error shape.
 */
import { ErrorBody, httpCodes } from './all-exceptions.filter';

/** What the handler uses of Fastify's request and reply (typed structurally: Nest's adapter has its own copy of Fastify's types). */
interface FrameworkReply {
  status(statusCode: number): FrameworkReply;
  header(name: string, value: string): FrameworkReply;
  send(body: unknown): unknown;
}

export function frameworkErrorReply(error: Error & { statusCode?: number; code?: string }, request: { id: unknown }, reply: FrameworkReply): void {
  const statusCode = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  const body: ErrorBody = {
    statusCode,
    code: httpCodes[statusCode] ?? 'BAD_REQUEST',
    message: error.code === 'FST_ERR_BAD_URL' ? 'The path is not valid percent-encoded UTF-8' : error.message.split(':')[0] || 'Bad request',
    details: [{ field: 'path', reason: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a path parameter is too long' : 'must be valid percent-encoded UTF-8' }],
    requestId: String(request.id),
  };
  reply.status(statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
}
