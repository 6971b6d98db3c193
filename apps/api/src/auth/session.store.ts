import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { ExpiringMap } from '../users/expiring-map';
import { type AccessTokenClaims, hasRequiredClaims } from './access-token';
import { authError } from './auth.errors';

export type SessionKind = 'cookie' | 'bearer';

/** Why sessions end; stored in auth_sessions.revoked_reason. */
export type RevocationReason =
  | 'logout'
  | 'password_change'
  | 'password_reset'
  | 'deactivate'
  | 'role_change'
  | 'department_change';

interface SessionState {
  userId: string;
  expiresAt: number;
  revoked: boolean;
}

export interface VerifiedSession {
  sessionId: string;
  userId: string;
  expiresAt: Date;
}

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/**
 * Sign-in sessions: issues access tokens, and on every request checks that the
 * token's session still stands. A session row is read by primary key and kept
 * for USER_ACCESS_CACHE_TTL_SECONDS like the account itself; a revocation made
 * by this process is seen at once (the entries are dropped), one made by
 * another process within the TTL at most.
 */
@Injectable()
export class SessionStore {
  private readonly cache: ExpiringMap<string, SessionState | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.cache = new ExpiringMap(config.USER_ACCESS_CACHE_TTL_SECONDS * 1000);
  }

  // Real time, not the injectable Clock: token expiry (jsonwebtoken) is real time too.

  /** A new session of the user and its access token (TTL JWT_TTL_SECONDS). */
  async issue(userId: string, kind: SessionKind, client: { address: string; userAgent?: string }): Promise<IssuedSession> {
    const expiresAt = new Date(Date.now() + this.config.JWT_TTL_SECONDS * 1000);
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO auth_sessions (user_id, kind, expires_at, client_address, user_agent)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, kind, expiresAt, client.address.slice(0, 64), client.userAgent?.slice(0, 256) ?? null],
    );
    // Keep the table small: sessions a day past their end are no use to anyone.
    void this.dataSource
      .query(`DELETE FROM auth_sessions WHERE expires_at < now() - interval '1 day'`)
      .catch(() => undefined);
    const token = await this.jwt.signAsync({ sub: userId, sid: row.id });
    return { token, sessionId: row.id, expiresAt };
  }

  /** The session a token stands for; 401 (SESSION_EXPIRED, SESSION_REVOKED, UNAUTHENTICATED) otherwise. */
  async verify(token: string): Promise<VerifiedSession> {
    let claims: Partial<AccessTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) throw authError.expired();
      throw authError.unauthenticated('The access token is invalid; sign in again');
    }
    if (!hasRequiredClaims(claims)) throw authError.unauthenticated('The access token lacks its session or expiry; sign in again');
    const session = await this.state(claims.sid);
    if (!session || session.userId !== claims.sub) throw authError.unauthenticated('The access token is invalid; sign in again');
    if (session.revoked) throw authError.revoked();
    if (session.expiresAt <= Date.now()) throw authError.expired();
    return { sessionId: claims.sid, userId: claims.sub, expiresAt: new Date(Math.min(session.expiresAt, claims.exp * 1000)) };
  }

  /** Ends one session (logout). */
  async revoke(sessionId: string, reason: RevocationReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
    this.cache.delete(sessionId);
  }

  /**
   * Ends every session of a user (but `keep`), in the caller's transaction so
   * the change and the revocation commit together. Call forgetUser() after
   * the commit.
   */
  async revokeAllOf(manager: EntityManager, userId: string, reason: RevocationReason, keep?: string): Promise<number> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keep ?? null],
    );
    return affected;
  }

  /** Drops what this process cached about the user's sessions, so a revocation applies on the next request. */
  forgetUser(userId: string): void {
    this.cache.deleteWhere((state) => state?.userId === userId);
  }

  private async state(sessionId: string): Promise<SessionState | null> {
    const cached = this.cache.get(sessionId);
    if (cached) return cached.value;
    const [row]: Array<{ user_id: string; expires_at: Date; revoked_at: Date | null }> = await this.dataSource.query(
      `SELECT user_id, expires_at, revoked_at FROM auth_sessions WHERE id = $1`,
      [sessionId],
    );
    const state = row ? { userId: row.user_id, expiresAt: row.expires_at.getTime(), revoked: row.revoked_at !== null } : null;
    this.cache.set(sessionId, state);
    return state;
  }
}
