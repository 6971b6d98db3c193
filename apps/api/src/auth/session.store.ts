import { Injectable } from '@nestjs/common';
import { JwtService, TokenExpiredError } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import type { UserRole } from '@app/domain';
import { type AccessTokenClaims, hasRequiredClaims } from './access-token';
import { AuthErrors } from './auth.errors';

export type SessionKind = 'cookie' | 'bearer';

/** Why sessions end; stored in auth_sessions.revoked_reason. */
export type RevocationReason =
  | 'logout'
  | 'password_change'
  | 'password_reset'
  | 'deactivate'
  | 'role_change'
  | 'department_change';

/** The account behind a session, as it is now (not as it was when the token was issued). */
export interface SessionAccount {
  id: string;
  username: string;
  role: UserRole;
  departmentId: string | null;
  isActive: boolean;
}

export interface VerifiedSession {
  sessionId: string;
  userId: string;
  expiresAt: Date;
  account: SessionAccount;
}

/**
 * How long a session row is kept after it ended: its address is what makes a
 * sign-in address "known" to the login throttle (login-throttle.ts).
 */
export const SESSION_RETENTION_DAYS = 30;

export interface IssuedSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/**
 * Sign-in sessions: issues access tokens, and on every request checks that the
 * token's session still stands. The session row and its account are read
 * together by primary key on every request, never cached: a logout, a password
 * change or an admin's change (which revoke sessions in their own transaction)
 * is refused at once by every API process.
 */
@Injectable()
export class SessionStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  // Real time, not the injectable Clock: token expiry (jsonwebtoken) is real time too.

  /** A new session of the user and its access token (TTL JWT_TTL_SECONDS). */
  async issue(userId: string, kind: SessionKind, client: { address: string; userAgent?: string }): Promise<IssuedSession> {
    const expiresAt = new Date(Date.now() + this.config.JWT_TTL_SECONDS * 1000);
    const [row]: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO auth_sessions (user_id, kind, expires_at, client_address, user_agent)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [userId, kind, expiresAt, client.address.slice(0, 64), client.userAgent?.slice(0, 256) ?? null],
    );
    // Keep the table small: a session ended a month ago no longer vouches for its address.
    void this.dataSource
      .query(`DELETE FROM auth_sessions WHERE expires_at < now() - make_interval(days => $1)`, [SESSION_RETENTION_DAYS])
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
      if (error instanceof TokenExpiredError) throw AuthErrors.expired();
      throw AuthErrors.unauthenticated('The access token is invalid; sign in again');
    }
    if (!hasRequiredClaims(claims)) throw AuthErrors.unauthenticated('The access token lacks its session or expiry; sign in again');
    const [row]: Array<{
      user_id: string;
      expires_at: Date;
      revoked_at: Date | null;
      username: string;
      role: UserRole;
      department_id: string | null;
      is_active: boolean;
    }> = await this.dataSource.query(
      `SELECT s.user_id, s.expires_at, s.revoked_at, u.username, u.role, u.department_id, u.is_active
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1`,
      [claims.sid],
    );
    if (!row || row.user_id !== claims.sub) throw AuthErrors.unauthenticated('The access token is invalid; sign in again');
    if (row.revoked_at) throw AuthErrors.revoked();
    if (row.expires_at.getTime() <= Date.now()) throw AuthErrors.expired();
    return {
      sessionId: claims.sid,
      userId: claims.sub,
      expiresAt: new Date(Math.min(row.expires_at.getTime(), claims.exp * 1000)),
      account: { id: row.user_id, username: row.username, role: row.role, departmentId: row.department_id, isActive: row.is_active },
    };
  }

  /** Ends one session (logout). */
  async revoke(sessionId: string, reason: RevocationReason): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  /**
   * Ends every session of a user (but `keep`), in the caller's transaction so
   * the change and the revocation commit together. Returns how many ended.
   */
  async revokeAllOf(manager: EntityManager, userId: string, reason: RevocationReason, keep?: string): Promise<number> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2
        WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3::uuid)`,
      [userId, reason, keep ?? null],
    );
    return affected;
  }
}
