import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The id of a request, in logs, error bodies and audit rows. A client may send
 * its own X-Request-Id to correlate its logs with ours, but only a short one
 * of a safe alphabet: anything else (too long for the audit column, control
 * characters, log-forging newlines) is replaced by a generated UUID, silently —
 * a request never fails because of its id.
 */
const ACCEPTABLE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestIdOf(request: IncomingMessage & { id?: unknown }): string {
  // Fastify assigns the id first and stores it on the raw request; the logger reads the same one.
  if (typeof request.id === 'string' && request.id !== '') return request.id;
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && ACCEPTABLE_REQUEST_ID.test(header) ? header : randomUUID();
  request.id = id;
  return id;
}
