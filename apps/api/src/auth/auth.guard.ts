import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import type { ApiKeyScope, UserRole } from '@app/domain';
import { Errors } from '../common/app-error';
import { hashApiKey } from './api-key-secret';
import { ALLOWED_ROLES, API_KEY_SCOPE, PUBLIC_ROUTE } from './auth.decorators';
import { AuthErrors } from './auth.errors';
import type { Principal } from './principal';
import { RequestRateLimit } from './request-rate-limit';
import { clearSessionCookies, csrfMatches, csrfTokenFor, isSafeMethod, SESSION_COOKIE } from './session-cookies';
import { SessionStore } from './session.store';

/**
 * Runs on every route: resolves the caller into a Principal — in this order a
 * Bearer token, an X-API-Key, the browser's kpt_session cookie — and applies
 * the route's role and scope rules. A cookie-authenticated write must carry
 * X-CSRF-Token (see session-cookies.ts). It also applies the general rate
 * limit (request-rate-limit.ts): by identity once the caller is known, by
 * address for public routes and for credentials that fail. Department scoping of writes happens
 * in the services, which know which project is touched.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionStore,
    private readonly config: AppConfig,
    private readonly rateLimit: RequestRateLimit,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: Principal }>();
    const reply = http.getResponse<FastifyReply>();
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) {
      await this.rateLimit.forAddress(request, reply);
      return true;
    }

    let principal: Principal;
    try {
      principal = await this.authenticate(request, reply);
    } catch (error) {
      // Guessing tokens or keys spends the address's budget (and a 429 wins over the 401).
      await this.rateLimit.forAddress(request, reply);
      throw error;
    }
    await this.rateLimit.forPrincipal(principal, reply);
    principal.requestId = String(request.id);
    request.principal = principal;

    if (principal.kind === 'api_key') {
      const scope = this.reflector.getAllAndOverride<ApiKeyScope | undefined>(API_KEY_SCOPE, targets);
      if (!scope) throw Errors.forbidden('API keys can only read; this route needs a signed-in user');
      if (!principal.scopes.includes(scope)) throw Errors.forbidden(`This API key lacks the scope ${scope}`);
      return true;
    }
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(principal.role!)) {
      throw Errors.forbidden(`This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) return this.fromToken(authorization.slice(7), 'bearer');
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.fromApiKey(apiKey);
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) return this.fromCookie(cookie, request, reply);
    throw AuthErrors.unauthenticated(
      'Sign in: POST /api/v1/auth/login and send Authorization: Bearer <token>, or POST /api/v1/auth/session (browser cookie); machines send X-API-Key',
    );
  }

  private async fromCookie(token: string, request: FastifyRequest, reply: FastifyReply): Promise<Principal> {
    let principal: Principal;
    try {
      principal = await this.fromToken(token, 'cookie');
    } catch (error) {
      // The browser keeps sending a dead cookie until told otherwise.
      clearSessionCookies(reply, request);
      throw error;
    }
    if (!isSafeMethod(request.method) && !csrfMatches(request, csrfTokenFor(principal.sessionId!, this.config.JWT_SECRET!))) {
      throw AuthErrors.csrf();
    }
    return principal;
  }

  private async fromToken(token: string, via: 'bearer' | 'cookie'): Promise<Principal> {
    const session = await this.sessions.verify(token);
    // Role and department come from the account as it is now, not from when the token was issued.
    const account = session.account;
    if (!account.isActive) throw AuthErrors.unauthenticated('This account is deactivated or no longer exists');
    return {
      kind: 'user',
      id: account.id,
      name: account.username,
      role: account.role,
      departmentId: account.departmentId,
      scopes: [],
      sessionId: session.sessionId,
      via,
    };
  }

  private async fromApiKey(key: string): Promise<Principal> {
    const [row]: Array<{ id: string; name: string; scopes: ApiKeyScope[]; stale: boolean }> = await this.dataSource.query(
      `SELECT id, name, scopes, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
         FROM api_keys
        WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [hashApiKey(key)],
    );
    if (!row) throw AuthErrors.unauthenticated('The API key is unknown, revoked or expired');
    if (row.stale) {
      // At most one write a minute per key: a busy big-screen must not turn reads into writes.
      void this.dataSource.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.id]).catch(() => undefined);
    }
    return { kind: 'api_key', id: row.id, name: row.name, role: null, departmentId: null, scopes: row.scopes, via: 'api_key' };
  }
}
