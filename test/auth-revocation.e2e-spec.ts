import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditLog, User } from '@app/domain';
import { createDepartment, createUser, signIn, TEST_PASSWORD } from './support/factories';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Headers = { authorization: string };

/**
 * Tokens issued before an admin's change or a password change stop working at
 * once — on the API process that made the change and on every other one (the
 * session row is read on every request) — and every password that is set
 * follows the policy.
 */
describe('revocation (admin changes, POST /auth/password) and the password policy', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  /** A second API process on the same database, with the default 30-second account cache. */
  let other: NestFastifyApplication;
  let admin: Headers;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { USER_ACCESS_CACHE_TTL_SECONDS: '30' });
    other = await createTestApp(database, { USER_ACCESS_CACHE_TTL_SECONDS: '30' });
    await createUser(database.dataSource, 'admin', { username: 'admin-revoke' });
    admin = await signIn(app, 'admin-revoke');
  });

  afterAll(async () => {
    await other?.close();
    await app?.close();
    await database?.drop();
  });

  const me = (headers: Headers, on = app) => on.inject({ method: 'GET', url: '/api/v1/auth/me', headers });
  const patchUser = (id: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: admin, payload });
  const fieldsOf = (response: { json: () => { details: Array<{ field: string }> } }) => response.json().details.map((detail) => detail.field);

  describe('an admin\'s change ends the sessions issued before it', () => {
    it.each([
      ['a password reset', { password: 'Reset-By-Admin-2026' }, 'password_reset'],
      ['a deactivation', { isActive: false }, 'deactivate'],
      ['a role change', { role: 'supervisor' }, 'role_change'],
    ])('%s: 401 SESSION_REVOKED at once, here and on another API process', async (_, change, reason) => {
      const user = await createUser(database.dataSource, 'viewer');
      const token = await signIn(app, user.username);
      // Both processes have served the token (and cached whatever they cache) before the change.
      expect((await me(token)).statusCode).toBe(200);
      expect((await me(token, other)).statusCode).toBe(200);

      expect((await patchUser(user.id, change)).statusCode).toBe(200);
      for (const process of [app, other]) {
        const after = await me(token, process);
        expect(after.statusCode).toBe(401);
        expect(after.json().code).toBe('SESSION_REVOKED');
      }
      const [session] = await database.dataSource.query(`SELECT revoked_at, revoked_reason FROM auth_sessions WHERE user_id = $1`, [user.id]);
      expect(session).toEqual({ revoked_at: expect.any(Date), revoked_reason: reason });
      const [entry] = await database.dataSource.getRepository(AuditLog).find({
        where: { entityType: 'user', entityId: user.id },
        order: { id: 'DESC' },
      });
      expect(entry.after).toMatchObject({ sessionsEnded: 1 });
    });

    it('a reactivated user signs in again: the sessions ended by the deactivation stay ended', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      const token = await signIn(app, user.username);
      expect((await patchUser(user.id, { isActive: false })).statusCode).toBe(200);
      expect((await patchUser(user.id, { isActive: true })).statusCode).toBe(200);
      expect((await me(token)).json().code).toBe('SESSION_REVOKED');
      expect((await me(await signIn(app, user.username))).statusCode).toBe(200);
    });

    it('a unit change ends the sessions; a new display name or e-mail does not', async () => {
      const unitA = await createDepartment(database.dataSource);
      const unitB = await createDepartment(database.dataSource);
      const user = await createUser(database.dataSource, 'department_editor', { departmentId: unitA.id });
      const token = await signIn(app, user.username);
      expect((await patchUser(user.id, { displayName: '新名字', email: 'new@yuquan.gov.cn' })).statusCode).toBe(200);
      expect((await me(token)).statusCode).toBe(200);
      expect((await me(token, other)).statusCode).toBe(200);
      expect((await patchUser(user.id, { departmentId: unitB.id })).statusCode).toBe(200);
      expect((await me(token)).statusCode).toBe(401);
      expect((await me(token, other)).statusCode).toBe(401);
      const renewed = await me(await signIn(other, user.username), other);
      expect(renewed.json()).toMatchObject({ departmentId: unitB.id });
    });

    it('a demoted admin\'s new sign-in on another process has the new role at once', async () => {
      const user = await createUser(database.dataSource, 'admin');
      const before = await signIn(other, user.username);
      expect((await other.inject({ method: 'GET', url: '/api/v1/users', headers: before })).statusCode).toBe(200);
      expect((await patchUser(user.id, { role: 'viewer' })).statusCode).toBe(200);
      const after = await signIn(other, user.username);
      expect((await other.inject({ method: 'GET', url: '/api/v1/users', headers: after })).statusCode).toBe(403);
    });
  });

  describe('POST /auth/password', () => {
    const NEW_PASSWORD = 'Quanjiang-Lu-2027';

    it('needs the current password, keeps this session, ends the others, and is audited without the password', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      const current = await signIn(app, user.username);
      const second = await signIn(app, user.username);
      const third = await signIn(other, user.username);
      const change = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: current, payload });

      const wrong = await change({ currentPassword: 'not-the-password', newPassword: NEW_PASSWORD });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ code: 'CURRENT_PASSWORD_WRONG', details: [{ field: 'currentPassword' }] });
      expect((await me(second)).statusCode).toBe(200);

      const ok = await change({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
      expect(ok.statusCode).toBe(204);
      expect((await me(current)).statusCode).toBe(200);
      expect((await me(current, other)).statusCode).toBe(200);
      for (const ended of [second, third]) {
        expect((await me(ended)).json().code).toBe('SESSION_REVOKED');
        expect((await me(ended, other)).json().code).toBe('SESSION_REVOKED');
      }
      const oldLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
      expect(oldLogin.statusCode).toBe(401);
      await expect(signIn(app, user.username, NEW_PASSWORD)).resolves.toBeDefined();

      const entries = await database.dataSource.getRepository(AuditLog).findBy({ entityType: 'user', entityId: user.id, action: 'password_change' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: user.id, after: { passwordChanged: true, otherSessionsEnded: 2 } });
      const everything = await database.dataSource.getRepository(AuditLog).find({ where: [{ actorId: user.id }, { entityId: user.id }] });
      expect(JSON.stringify(everything)).not.toMatch(/Quanjiang|test-password|not-the-password|\$2[aby]\$/);
      const stored = await database.dataSource.getRepository(User).findOneByOrFail({ id: user.id });
      expect(stored.isActive).toBe(true);
    });

    it('works with the browser cookie too (and its CSRF header)', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      const opened = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { username: user.username, password: TEST_PASSWORD } });
      const jar = Object.fromEntries((opened.cookies as Array<{ name: string; value: string }>).map((cookie) => [cookie.name, cookie.value]));
      const payload = { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD };
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies: jar, payload })).statusCode).toBe(403);
      const ok = await app.inject({ method: 'POST', url: '/api/v1/auth/password', cookies: jar, headers: { 'x-csrf-token': jar.kpt_csrf }, payload });
      expect(ok.statusCode).toBe(204);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: jar })).statusCode).toBe(200);
    });

    it.each([
      ['shorter than 12 characters', 'Short-2026!', /12/],
      ['the username', 'USERNAME', /username/],
      ['containing the username', 'my-USERNAME-2026', /username/],
      ['a common password (any case)', '1QAZ2WSX3EDC', /common/],
    ])('refuses a new password %s with 400 naming newPassword', async (_, candidate, reason) => {
      const user = await createUser(database.dataSource, 'viewer', { username: `policy-${Math.random().toString(36).slice(2, 8)}` });
      const token = await signIn(app, user.username);
      const newPassword = candidate.replace('USERNAME', user.username.toUpperCase());
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: token, payload: { currentPassword: TEST_PASSWORD, newPassword } });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'newPassword', reason: expect.stringMatching(reason) }] });
      expect(response.json().details[0].reason).toMatch(/[\u4e00-\u9fff]/);
      await expect(signIn(app, user.username)).resolves.toBeDefined();
    });

    it('is refused to API keys', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: await apiKeyHeaders(database.dataSource, ['projects:read']),
        payload: { currentPassword: 'x', newPassword: NEW_PASSWORD },
      });
      expect(response.statusCode).toBe(403);
    });
  });

  describe('the policy where an admin sets a password', () => {
    const create = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload });

    it.each([
      ['11 characters', { username: 'short-pw', password: 'Eleven-2026' }, /12/],
      ['the username', { username: 'wang.xiaoming', password: 'WANG.XIAOMING' }, /username/],
      ['containing the username', { username: 'wang.xiaoming', password: 'wang.xiaoming-2026' }, /username/],
      ['a common password', { username: 'common-pw', password: 'qwertyuiop123' }, /common/],
    ])('POST /users refuses a password of %s (400, field password)', async (_, override, reason) => {
      const response = await create({ displayName: '王小明', role: 'viewer', ...override });
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([{ field: 'password', reason: expect.stringMatching(reason) }]);
    });

    it('PATCH /users/:id refuses a reset to the username or a common password, and leaves the sessions alone', async () => {
      const user = await createUser(database.dataSource, 'viewer', { username: 'zhao.liying' });
      const token = await signIn(app, user.username);
      for (const password of ['Zhao.Liying', 'zhao.liying.2026', 'password1234']) {
        const response = await patchUser(user.id, { password });
        expect(response.statusCode).toBe(400);
        expect(fieldsOf(response)).toEqual(['password']);
      }
      expect((await me(token)).statusCode).toBe(200);
      expect((await create({ username: 'zhao-ok', displayName: '赵', role: 'viewer', password: 'Zhaojun-Road-88' })).statusCode).toBe(201);
    });
  });
});
