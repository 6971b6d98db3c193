import { createHmac } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * How a browser gets into Bull Board (/admin/queues), which is served by a
 * Fastify plugin outside Nest's guards:
 *
 * - API clients send `Authorization: Bearer <access token>` as everywhere else.
 * - A browser cannot put a header on a page load, so the admin UI first calls
 *   `GET /api/v1/admin/queues/session` with its Bearer token; the answer sets
 *   an HttpOnly, SameSite=Strict cookie, Path=/admin/queues, valid 15 minutes,
 *   and the browser then opens /admin/queues.
 *
 * The cookie holds a JWT signed with a key derived from JWT_SECRET, not
 * JWT_SECRET itself, so a board session can never be replayed as an API access
 * token. Either way the account is re-read (UserAccessCache): it must be an
 * active admin now, not merely when the token was issued.
 */
export const BULL_BOARD_PATH = '/admin/queues';
export const BULL_BOARD_COOKIE = 'kpt_queues_session';
export const BULL_BOARD_SESSION_SECONDS = 15 * 60;

export interface BullBoardSessionClaims {
  sub: string;
  purpose: 'bull-board';
}

export function bullBoardSessionSecret(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update('kpt bull-board session v1').digest('base64url');
}

export function bullBoardSessionCookie(token: string, secure: boolean): string {
  return [
    `${BULL_BOARD_COOKIE}=${token}`,
    `Path=${BULL_BOARD_PATH}`,
    `Max-Age=${BULL_BOARD_SESSION_SECONDS}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
