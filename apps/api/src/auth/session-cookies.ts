import { createHmac, timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie'; // request.cookies, reply.setCookie (registered in configure-app.ts)
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The browser's session (POST /api/v1/auth/session):
 *
 * - `kpt_session`: the access token, HttpOnly (page scripts cannot read it),
 *   SameSite=Strict, Path=/, Secure when the request came over https (directly
 *   or through a proxy trusted by TRUST_PROXY).
 * - `kpt_csrf`: readable by the page, which echoes it in `X-CSRF-Token` on every
 *   write (double submit). It is an HMAC of the session id, so a cookie planted
 *   by a sibling site cannot pair with a real session.
 *
 * Bearer tokens and API keys need no CSRF header: a browser never sends them
 * by itself.
 */
export const SESSION_COOKIE = 'kpt_session';
export const CSRF_COOKIE = 'kpt_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** The CSRF token of a session: derived, so nothing more is stored. */
export function csrfTokenFor(sessionId: string, jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update(`kpt csrf v1:${sessionId}`).digest('base64url');
}

/** Whether the header matches the cookie and both match the session's token. */
export function csrfMatches(request: FastifyRequest, expected: string): boolean {
  const header = request.headers[CSRF_HEADER];
  const cookie = request.cookies?.[CSRF_COOKIE];
  if (typeof header !== 'string' || typeof cookie !== 'string') return false;
  return equal(header, cookie) && equal(cookie, expected);
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function setSessionCookies(reply: FastifyReply, request: FastifyRequest, token: string, csrf: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https';
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: maxAgeSeconds });
  void reply.setCookie(CSRF_COOKIE, csrf, { path: '/', httpOnly: false, sameSite: 'strict', secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookies(reply: FastifyReply, request: FastifyRequest): void {
  const secure = request.protocol === 'https';
  void reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
  void reply.clearCookie(CSRF_COOKIE, { path: '/', httpOnly: false, sameSite: 'strict', secure });
}
