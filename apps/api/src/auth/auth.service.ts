import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compare, hash } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { User } from '@app/domain';
import { passwordProblem } from '@app/domain/password-policy';
import { AuditService } from '../audit/audit.service';
import { Errors } from '../common/app-error';
import { UserAccessCache } from '../users/user-access.cache';
import { BCRYPT_COST } from '../users/users.service';
import { AuthErrors } from './auth.errors';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { MeResponse, SessionResponse } from './dto/me.response';
import type { Principal } from './principal';
import { csrfTokenFor } from './session-cookies';
import { LoginThrottle } from './login-throttle';
import { type SessionKind, SessionStore } from './session.store';
import { SignInAudit, type SignInAttempt } from './sign-in-audit';

// Compared against when the username is unknown, so both paths cost the same.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8vY3e7Zq7bq0N3bPp5J1m0dV0x1y2a';

/** Where a sign-in comes from: kept with the session and in the audit log. */
export interface ClientInfo {
  address: string;
  userAgent?: string;
  requestId?: string;
}

/** A browser session just opened: the controller puts token and CSRF token into cookies. */
export interface OpenedSession {
  token: string;
  csrfToken: string;
  maxAgeSeconds: number;
  body: SessionResponse;
}

/** Sign-in (Bearer for API clients, cookie for the browser), sign-out, and who the caller is. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionStore,
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly signIns: SignInAudit,
    private readonly audit: AuditService,
    private readonly userAccess: UserAccessCache,
  ) {}

  /** POST /auth/login: a Bearer token in the body. */
  async login(input: LoginDto, client: ClientInfo): Promise<LoginResponseDto> {
    const user = await this.checkPassword(input, client, 'bearer');
    const session = await this.sessions.issue(user.id, 'bearer', client);
    await this.signIns.record(attemptOf(user, client, 'bearer', 'success', session.sessionId));
    return {
      accessToken: session.token,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId },
    };
  }

  /** POST /auth/session: the same check, the token goes into an HttpOnly cookie. */
  async openSession(input: LoginDto, client: ClientInfo): Promise<OpenedSession> {
    const user = await this.checkPassword(input, client, 'cookie');
    const kind: SessionKind = 'cookie';
    const session = await this.sessions.issue(user.id, kind, client);
    await this.signIns.record(attemptOf(user, client, 'cookie', 'success', session.sessionId));
    const principal: Principal = {
      kind: 'user',
      id: user.id,
      name: user.username,
      role: user.role,
      departmentId: user.departmentId,
      scopes: [],
      sessionId: session.sessionId,
      via: 'cookie',
    };
    return {
      token: session.token,
      csrfToken: csrfTokenFor(session.sessionId, this.config.JWT_SECRET!),
      maxAgeSeconds: this.config.JWT_TTL_SECONDS,
      body: { user: await this.me(principal), expiresAt: session.expiresAt.toISOString() },
    };
  }

  /** POST /auth/logout: ends the caller's session (Bearer or cookie). */
  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId) await this.sessions.revoke(principal.sessionId, 'logout');
  }

  /**
   * POST /auth/password: a signed-in user changes their own password. The
   * current one is required (and a wrong one counts as a failed sign-in); every
   * other session of theirs ends, this one stays signed in.
   */
  async changePassword(principal: Principal, { currentPassword, newPassword }: ChangePasswordDto, client: ClientInfo): Promise<void> {
    if (principal.kind !== 'user') throw Errors.forbidden('Only a signed-in user has a password; API keys cannot change one');
    const user = await this.findWithHash({ id: principal.id });
    if (!user) throw AuthErrors.unauthenticated('This account no longer exists');
    await this.admit(user.username, user, client, 'password_change');
    if (!(await compare(currentPassword, user.passwordHash))) {
      await this.throttle.failed(user.username, client.address);
      await this.signIns.record(attemptOf(user, client, 'password_change', 'wrong_password'));
      throw AuthErrors.currentPasswordWrong();
    }
    await this.throttle.succeeded(user.username, client.address);
    // The DTO checked length and the common list; the username is only known here.
    const problem = passwordProblem(newPassword, user.username);
    if (problem) throw Errors.validation([{ field: 'newPassword', reason: `newPassword ${problem}` }]);
    const passwordHash = await hash(newPassword, BCRYPT_COST);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(User, { id: user.id }, { passwordHash });
      const ended = await this.sessions.revokeAllOf(manager, user.id, 'password_change', principal.sessionId);
      await this.audit.record(manager, principal, {
        action: 'password_change',
        entityType: 'user',
        entityId: user.id,
        after: { passwordChanged: true, otherSessionsEnded: ended },
      });
    });
    this.userAccess.forget(user.id);
  }

  async me(principal: Principal): Promise<MeResponse> {
    const via = principal.via ?? (principal.kind === 'api_key' ? 'api_key' : 'bearer');
    if (principal.kind === 'api_key') {
      return {
        kind: 'api_key',
        id: principal.id,
        name: principal.name,
        displayName: principal.name,
        role: null,
        departmentId: null,
        departmentName: null,
        scopes: [...principal.scopes],
        via,
      };
    }
    const [row]: Array<{ display_name: string; department_name: string | null }> = await this.dataSource.query(
      `SELECT u.display_name, d.name AS department_name FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.id = $1`,
      [principal.id],
    );
    return {
      kind: 'user',
      id: principal.id,
      name: principal.name,
      displayName: row?.display_name ?? principal.name,
      role: principal.role,
      departmentId: principal.departmentId,
      departmentName: row?.department_name ?? null,
      scopes: [],
      via,
    };
  }

  /**
   * The account of a sign-in, after the throttle admitted the attempt; every
   * outcome is audited (never the password).
   */
  private async checkPassword({ username, password }: LoginDto, client: ClientInfo, via: 'bearer' | 'cookie'): Promise<User> {
    const user = await this.findWithHash({ username });
    await this.admit(username, user, client, via);
    const passwordMatches = await compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordMatches || !user.isActive) {
      await this.throttle.failed(username, client.address);
      const outcome = !user ? 'unknown_user' : !passwordMatches ? 'wrong_password' : 'inactive';
      await this.signIns.record(attemptOf(user, client, via, outcome, undefined, username));
      throw AuthErrors.invalidCredentials();
    }
    await this.throttle.succeeded(username, client.address);
    return user;
  }

  /** The throttle's admission, with a refused attempt audited too. */
  private async admit(username: string, user: User | null, client: ClientInfo, via: SignInAttempt['via']): Promise<void> {
    try {
      await this.throttle.admit(username, client.address, user?.id ?? null);
    } catch (error) {
      await this.signIns.record(attemptOf(user, client, via, 'throttled', undefined, username));
      throw error;
    }
  }

  private findWithHash(where: { username: string } | { id: string }): Promise<User | null> {
    const [column, value] = 'id' in where ? ['id', where.id] : ['username', where.username];
    return this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where(`user.${column} = :value`, { value })
      .getOne();
  }
}

function attemptOf(
  user: User | null,
  client: ClientInfo,
  via: SignInAttempt['via'],
  outcome: SignInAttempt['outcome'],
  sessionId?: string,
  typedUsername?: string,
): SignInAttempt {
  return {
    username: user?.username ?? typedUsername ?? '',
    userId: user?.id ?? null,
    outcome,
    via,
    address: client.address,
    userAgent: client.userAgent,
    requestId: client.requestId,
    sessionId,
  };
}
