import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compare } from 'bcryptjs';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { User } from '@app/domain';
import { authError } from './auth.errors';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { MeResponse, SessionResponse } from './dto/me.response';
import type { Principal } from './principal';
import { csrfTokenFor } from './session-cookies';
import { type SessionKind, SessionStore } from './session.store';

// Compared against when the username is unknown, so both paths cost the same.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8vY3e7Zq7bq0N3bPp5J1m0dV0x1y2a';

/** Where a sign-in comes from: kept with the session and in the audit log. */
export interface ClientInfo {
  address: string;
  userAgent?: string;
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
  ) {}

  /** POST /auth/login: a Bearer token in the body. */
  async login(input: LoginDto, client: ClientInfo): Promise<LoginResponseDto> {
    const user = await this.checkPassword(input, client);
    const session = await this.sessions.issue(user.id, 'bearer', client);
    return {
      accessToken: session.token,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, departmentId: user.departmentId },
    };
  }

  /** POST /auth/session: the same check, the token goes into an HttpOnly cookie. */
  async openSession(input: LoginDto, client: ClientInfo): Promise<OpenedSession> {
    const user = await this.checkPassword(input, client);
    const kind: SessionKind = 'cookie';
    const session = await this.sessions.issue(user.id, kind, client);
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

  private async checkPassword({ username, password }: LoginDto, _client: ClientInfo): Promise<User> {
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.username = :username', { username })
      .getOne();
    const passwordMatches = await compare(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordMatches || !user.isActive) throw authError.invalidCredentials();
    return user;
  }
}
