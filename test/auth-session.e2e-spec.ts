import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sign } from 'jsonwebtoken';
import { AuditLog, User } from '@app/domain';
import { createUser, signIn, TEST_PASSWORD } from './support/factories';
import { createTestApp, TEST_JWT_SECRET } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Cookie = { name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; maxAge?: number };

/** Browser sign-in (cookie session + CSRF), logout, and what a token must be to be accepted. */
describe('sign-in sessions: browser cookie, CSRF, logout, token hardening', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let admin: User;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    admin = await createUser(database.dataSource, 'admin', { username: 'admin-session', displayName: '系统管理员' });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function openSession(username = admin.username, headers: Record<string, string> = {}) {
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { username, password: TEST_PASSWORD }, headers });
    expect(response.statusCode).toBe(200);
    const cookies = response.cookies as Cookie[];
    const session = cookies.find((cookie) => cookie.name === 'kpt_session')!;
    const csrf = cookies.find((cookie) => cookie.name === 'kpt_csrf')!;
    return { response, cookies, session, csrf, jar: { kpt_session: session.value, kpt_csrf: csrf.value } };
  }

  describe('POST /auth/session', () => {
    it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie; the body has the user, never the token', async () => {
      const { response, session, csrf } = await openSession();
      expect(session).toMatchObject({ path: '/', httpOnly: true, sameSite: 'Strict' });
      expect(session.secure).toBeFalsy();
      expect(csrf).toMatchObject({ path: '/', sameSite: 'Strict' });
      expect(csrf.httpOnly).toBeFalsy();
      expect(csrf.value).toMatch(/^[A-Za-z0-9_-]{32,}$/);
      const body = response.json();
      expect(body).toEqual({
        user: {
          kind: 'user',
          id: admin.id,
          name: 'admin-session',
          displayName: '系统管理员',
          role: 'admin',
          departmentId: null,
          departmentName: null,
          scopes: [],
          via: 'cookie',
        },
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect(response.body).not.toContain(session.value);
      expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    });

    it('answers a wrong password with 401 INVALID_CREDENTIALS and sets no cookie', async () => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { username: admin.username, password: 'wrong-password-123' } });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', requestId: expect.any(String) });
      expect(response.headers['set-cookie']).toBeUndefined();
    });

    it('marks the cookies Secure behind a trusted https proxy only', async () => {
      const proxied = await createTestApp(database, { TRUST_PROXY: '127.0.0.1' });
      try {
        const response = await proxied.inject({
          method: 'POST',
          url: '/api/v1/auth/session',
          payload: { username: admin.username, password: TEST_PASSWORD },
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
        });
        expect((response.cookies as Cookie[]).every((cookie) => cookie.secure === true)).toBe(true);
      } finally {
        await proxied.close();
      }
      // Not trusted (the default): the header is anybody's word, and the request was plain http.
      const { cookies } = await openSession(admin.username, { 'x-forwarded-proto': 'https' });
      expect(cookies.some((cookie) => cookie.secure)).toBe(false);
    });
  });

  describe('the cookie as credentials', () => {
    it('GET /auth/me works with the cookie alone', async () => {
      const { jar } = await openSession();
      const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: jar });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ id: admin.id, role: 'admin', via: 'cookie' });
    });

    it('a write with the cookie needs X-CSRF-Token equal to the kpt_csrf cookie (403 CSRF_TOKEN_INVALID otherwise)', async () => {
      const { jar } = await openSession();
      const target = await createUser(database.dataSource, 'viewer');
      const patch = (headers: Record<string, string>, cookies: Record<string, string> = jar) =>
        app.inject({ method: 'PATCH', url: `/api/v1/users/${target.id}`, cookies, headers, payload: { displayName: '改名' } });

      for (const response of [
        await patch({}),
        await patch({ 'x-csrf-token': 'forged' }),
        await patch({ 'x-csrf-token': 'forged' }, { ...jar, kpt_csrf: 'forged' }), // a planted cookie pair does not match the session
      ]) {
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'CSRF_TOKEN_INVALID', details: [] });
      }
      expect((await database.dataSource.getRepository(User).findOneByOrFail({ id: target.id })).displayName).not.toBe('改名');

      const ok = await patch({ 'x-csrf-token': jar.kpt_csrf });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().displayName).toBe('改名');
      // Reads need no header.
      expect((await app.inject({ method: 'GET', url: '/api/v1/users', cookies: jar })).statusCode).toBe(200);
    });

    it('Bearer tokens need no CSRF header, and win over a cookie sent alongside', async () => {
      const bearer = await signIn(app, admin.username);
      const target = await createUser(database.dataSource, 'viewer');
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${target.id}`,
        headers: bearer,
        cookies: { kpt_session: 'garbage' },
        payload: { displayName: '经Bearer修改' },
      });
      expect(response.statusCode).toBe(200);
    });
  });

  describe('POST /auth/logout', () => {
    it('ends the cookie session, clears both cookies, and the old cookie is refused with 401', async () => {
      const { jar } = await openSession();
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: jar })).statusCode).toBe(403); // CSRF applies
      const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', cookies: jar, headers: { 'x-csrf-token': jar.kpt_csrf } });
      expect(logout.statusCode).toBe(204);
      const cleared = logout.cookies as Cookie[];
      expect(cleared.map((cookie) => [cookie.name, cookie.value])).toEqual([
        ['kpt_session', ''],
        ['kpt_csrf', ''],
      ]);

      const after = await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: jar });
      expect(after.statusCode).toBe(401);
      expect(after.json()).toMatchObject({ statusCode: 401, code: 'SESSION_REVOKED', details: [], requestId: expect.any(String) });
      // The browser is told to drop the dead cookie.
      expect((after.cookies as Cookie[]).find((cookie) => cookie.name === 'kpt_session')?.value).toBe('');
    });

    it('ends a Bearer session; other sessions of the same user stay', async () => {
      const first = await signIn(app, admin.username);
      const second = await signIn(app, admin.username);
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: first })).statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: first })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: second })).statusCode).toBe(200);
    });

    it('a session ended on one API process is refused by another at once when it does not cache (TTL 0)', async () => {
      const other = await createTestApp(database, { USER_ACCESS_CACHE_TTL_SECONDS: '0' });
      try {
        const bearer = await signIn(app, admin.username);
        expect((await other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(200);
        expect((await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer })).statusCode).toBe(204);
        expect((await other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(401);
      } finally {
        await other.close();
      }
    });
  });

  describe('what a token must be', () => {
    async function sessionIdOf(headers: { authorization: string }): Promise<string> {
      const payload = JSON.parse(Buffer.from(headers.authorization.split('.')[1], 'base64url').toString());
      return payload.sid;
    }
    const me = (token: string) => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    const pinned = { issuer: 'key-project-tracker', audience: 'key-project-tracker/api' };

    it('accepts our own token, pinned to HS256 with exp, iat, iss and aud', async () => {
      const headers = await signIn(app, admin.username);
      const claims = JSON.parse(Buffer.from(headers.authorization.split('.')[1], 'base64url').toString());
      const header = JSON.parse(Buffer.from(headers.authorization.slice(7).split('.')[0], 'base64url').toString());
      expect(header.alg).toBe('HS256');
      expect(claims).toMatchObject({ sub: admin.id, sid: expect.any(String), iss: pinned.issuer, aud: pinned.audience, iat: expect.any(Number), exp: expect.any(Number) });
      expect((await me(headers.authorization.slice(7))).statusCode).toBe(200);
    });

    it('refuses a token without exp, for another issuer or audience, or signed with another algorithm', async () => {
      const sid = await sessionIdOf(await signIn(app, admin.username));
      const claims = { sub: admin.id, sid };
      const forged = {
        noExpiry: sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', ...pinned }),
        otherIssuer: sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600, issuer: 'someone-else', audience: pinned.audience }),
        otherAudience: sign(claims, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600, issuer: pinned.issuer, audience: 'other' }),
        hs512: sign(claims, TEST_JWT_SECRET, { algorithm: 'HS512', expiresIn: 600, ...pinned }),
        unsigned: sign(claims, '', { algorithm: 'none', expiresIn: 600, ...pinned }),
        expired: sign({ ...claims, iat: Math.floor(Date.now() / 1000) - 120 }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 60, ...pinned }),
        noSession: sign({ sub: admin.id }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: 600, ...pinned }),
      };
      for (const [name, token] of Object.entries(forged)) {
        const response = await me(token);
        expect([name, response.statusCode]).toEqual([name, 401]);
        expect(response.json().code).toBe(name === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      }
      // The old shape (role in the token, no session) is refused too.
      const legacy = sign({ sub: admin.id, username: admin.username, role: 'admin', departmentId: null }, TEST_JWT_SECRET);
      expect((await me(legacy)).statusCode).toBe(401);
    });
  });

  describe('X-Request-Id', () => {
    it('keeps a short safe id, and replaces a long or unsafe one instead of failing the audited write', async () => {
      const headers = await signIn(app, admin.username);
      const target = await createUser(database.dataSource, 'viewer');
      const write = (requestId: string, displayName: string) =>
        app.inject({ method: 'PATCH', url: `/api/v1/users/${target.id}`, headers: { ...headers, 'x-request-id': requestId }, payload: { displayName } });
      const auditedRequestIds = async () =>
        (await database.dataSource.getRepository(AuditLog).find({ where: { entityType: 'user', entityId: target.id }, order: { id: 'ASC' } })).map(
          (entry) => entry.requestId,
        );

      expect((await write('client-trace.42_A', '一')).statusCode).toBe(200);
      const long = await write('a'.repeat(65), '二');
      expect(long.statusCode).toBe(200);
      const unsafe = await write('x\u0000y<script>', '三');
      expect(unsafe.statusCode).toBe(200);
      const [kept, replacedLong, replacedUnsafe] = await auditedRequestIds();
      expect(kept).toBe('client-trace.42_A');
      expect(replacedLong).toMatch(/^[0-9a-f-]{36}$/);
      expect(replacedUnsafe).toMatch(/^[0-9a-f-]{36}$/);

      const refused = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'x-request-id': 'b'.repeat(200) } });
      expect(refused.json().requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(refused.headers['x-request-id']).toBeUndefined();
    });
  });
});
