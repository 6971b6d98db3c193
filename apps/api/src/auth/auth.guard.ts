import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { ApiKeyScope, UserRole } from '@app/domain';
import { AppError, Errors } from '../common/app-error';
import { UserAccessCache } from '../users/user-access.cache';
import { hashApiKey } from './api-key-secret';
import { ALLOWED_ROLES, API_KEY_SCOPE, PUBLIC_ROUTE } from './auth.decorators';
import type { Principal } from './principal';
import type { AccessTokenClaims } from './access-token';

const unauthenticated = (message: string) => new AppError(401, 'UNAUTHENTICATED', message);

/**
 * Runs on every route: resolves the caller (Bearer JWT or X-API-Key) into a
 * Principal and applies the route's role and scope rules. Department scoping
 * of writes happens in the services, which know which project is touched.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly userAccess: UserAccessCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const principal = await this.authenticate(request);
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

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string' && apiKey !== '') return this.fromApiKey(apiKey);
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) return this.fromToken(authorization.slice(7));
    throw unauthenticated('Sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>, or send X-API-Key');
  }

  private async fromToken(token: string): Promise<Principal> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      throw unauthenticated('The access token is invalid or has expired; sign in again');
    }
    // The claims were true when the token was issued; the account may have been
    // deactivated or changed since. Role and department come from the account.
    const account = await this.userAccess.get(claims.sub);
    if (!account?.isActive) throw unauthenticated('This account is deactivated or no longer exists');
    return { kind: 'user', id: account.id, name: account.username, role: account.role, departmentId: account.departmentId, scopes: [] };
  }

  private async fromApiKey(key: string): Promise<Principal> {
    const [row]: Array<{ id: string; name: string; scopes: ApiKeyScope[]; stale: boolean }> = await this.dataSource.query(
      `SELECT id, name, scopes, (last_used_at IS NULL OR last_used_at < now() - interval '1 minute') AS stale
         FROM api_keys
        WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
      [hashApiKey(key)],
    );
    if (!row) throw unauthenticated('The API key is unknown, revoked or expired');
    if (row.stale) {
      // At most one write a minute per key: a busy big-screen must not turn reads into writes.
      void this.dataSource.query(`UPDATE api_keys SET last_used_at = now() WHERE id = $1`, [row.id]).catch(() => undefined);
    }
    return { kind: 'api_key', id: row.id, name: row.name, role: null, departmentId: null, scopes: row.scopes };
  }
}
