import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { compare } from 'bcryptjs';
import { AuditLog, Department, User } from '@app/domain';
import { createDepartment, createUser, signIn, TEST_PASSWORD } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Headers = Record<string, string>;

function fieldsOf(response: { json(): unknown }): string[] {
  return (response.json() as { details: Array<{ field: string }> }).details.map((detail) => detail.field);
}

describe('users and departments (admin only), deactivation', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let departmentA: Department;
  let departmentB: Department;
  let admin: User;
  const as: Record<'admin' | 'supervisor' | 'viewer' | 'editor', Headers> = {} as never;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The default TTL: changes made through the API must still apply at once.
    app = await createTestApp(database, { USER_ACCESS_CACHE_TTL_SECONDS: '30' });
    const ds = database.dataSource;
    departmentA = await createDepartment(ds, { code: 'yq-fgw', name: '玉泉区发展和改革委员会' });
    departmentB = await createDepartment(ds, { code: 'yq-xxjd', name: '小召前街街道办事处', kind: 'subdistrict' });
    admin = await createUser(ds, 'admin', { username: 'admin' });
    await createUser(ds, 'supervisor', { username: 'supervisor' });
    await createUser(ds, 'viewer', { username: 'viewer' });
    await createUser(ds, 'department_editor', { username: 'editor-fgw', departmentId: departmentA.id });
    as.admin = await signIn(app, 'admin');
    as.supervisor = await signIn(app, 'supervisor');
    as.viewer = await signIn(app, 'viewer');
    as.editor = await signIn(app, 'editor-fgw');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const createUserRequest = (payload: Record<string, unknown>, headers: Headers = as.admin) =>
    app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
  const patchUser = (id: string, payload: Record<string, unknown>, headers: Headers = as.admin) =>
    app.inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers, payload });

  describe('GET /users', () => {
    it('lists every account for an admin, admins first, and never a password hash', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/users', headers: as.admin });
      expect(response.statusCode).toBe(200);
      const users = response.json() as Array<Record<string, unknown>>;
      expect(users.map((user) => user.username)).toEqual(['admin', 'supervisor', 'editor-fgw', 'viewer']);
      expect(users[2]).toEqual({
        id: expect.any(String),
        username: 'editor-fgw',
        displayName: 'editor-fgw',
        role: 'department_editor',
        departmentId: departmentA.id,
        departmentName: '玉泉区发展和改革委员会',
        email: null,
        isActive: true,
        isDemo: false,
        createdAt: expect.any(String),
      });
      expect(response.body).not.toMatch(/password|\$2[aby]\$/i);
    });

    it('filters by role and department', async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/users?role=department_editor&departmentId=${departmentA.id}`,
        headers: as.admin,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json().map((user: User) => user.username)).toEqual(['editor-fgw']);
    });

    it.each(['supervisor', 'viewer', 'editor'] as const)('refuses %s with 403', async (role) => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/users', headers: as[role] });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    });

    it('refuses a caller without credentials with 401', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/users' });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('last active admin', () => {
    it('refuses to demote or deactivate the only active admin (409)', async () => {
      const demote = await patchUser(admin.id, { role: 'viewer' });
      expect(demote.statusCode).toBe(409);
      expect(demote.json()).toMatchObject({ code: 'LAST_ACTIVE_ADMIN' });
      const deactivate = await patchUser(admin.id, { isActive: false });
      expect(deactivate.statusCode).toBe(409);
      const stored = await database.dataSource.getRepository(User).findOneByOrFail({ id: admin.id });
      expect(stored).toMatchObject({ role: 'admin', isActive: true });
    });
  });

  describe('POST /users', () => {
    it('creates a department editor who can then sign in; the password is stored as a bcrypt hash of cost 10', async () => {
      const response = await createUserRequest({
        username: 'editor-xxjd',
        displayName: '小召前街填报员',
        password: 'Xiaozhao-2026',
        role: 'department_editor',
        departmentId: departmentB.id,
        email: 'xxjd@yuquan.gov.cn',
      });
      expect(response.statusCode).toBe(201);
      const created = response.json();
      expect(created).toMatchObject({
        username: 'editor-xxjd',
        displayName: '小召前街填报员',
        role: 'department_editor',
        departmentId: departmentB.id,
        departmentName: '小召前街街道办事处',
        email: 'xxjd@yuquan.gov.cn',
        isActive: true,
      });
      expect(response.body).not.toMatch(/password|\$2[aby]\$/i);

      const [{ password_hash: storedHash }] = await database.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [created.id]);
      expect(storedHash).toMatch(/^\$2[aby]\$10\$/);
      await expect(compare('Xiaozhao-2026', storedHash)).resolves.toBe(true);
      await expect(signIn(app, 'editor-xxjd', 'Xiaozhao-2026')).resolves.toEqual({ authorization: expect.stringMatching(/^Bearer /) });

      const audit = await database.dataSource.getRepository(AuditLog).findBy({ entityType: 'user', entityId: created.id });
      expect(audit).toEqual([
        expect.objectContaining({
          action: 'create',
          actorType: 'user',
          actorId: admin.id,
          actorName: 'admin',
          before: null,
          after: expect.objectContaining({ username: 'editor-xxjd', role: 'department_editor', departmentId: departmentB.id }),
        }),
      ]);
      expect(JSON.stringify(audit)).not.toMatch(/Xiaozhao-2026|\$2[aby]\$|passwordHash/);
    });

    it('creates a viewer without a department or e-mail', async () => {
      const response = await createUserRequest({ username: 'leader.wang', displayName: '王区长', password: 'Wang-Quzhang-2026', role: 'viewer' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ role: 'viewer', departmentId: null, departmentName: null, email: null });
    });

    it.each([
      ['a password shorter than 12 characters', { password: 'Ab3-5678901' }, 'password'],
      ['a password longer than bcrypt reads (72 bytes)', { password: '很长的密码'.repeat(5) }, 'password'],
      ['a department editor without a department', { role: 'department_editor', departmentId: undefined }, 'departmentId'],
      ['an unknown department', { departmentId: '00000000-0000-4000-8000-000000000000' }, 'departmentId'],
      ['a malformed department id', { departmentId: 'fgw' }, 'departmentId'],
      ['an unknown role', { role: 'superuser' }, 'role'],
      ['a username with spaces', { username: 'zhang san' }, 'username'],
      ['an empty display name', { displayName: '   ' }, 'displayName'],
      ['a malformed e-mail', { email: 'not-an-email' }, 'email'],
      ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ])('answers %s with 400 naming the field', async (_, override, field) => {
      const payload = { username: 'new-user', displayName: '新用户', password: 'long-enough-1', role: 'department_editor', departmentId: departmentA.id, ...override };
      const response = await createUserRequest(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(fieldsOf(response)).toContain(field);
      await expect(database.dataSource.getRepository(User).existsBy({ username: 'new-user' })).resolves.toBe(false);
    });

    it('refuses a taken username with 409 naming the field', async () => {
      const response = await createUserRequest({ username: 'viewer', displayName: '重复', password: 'long-enough-1', role: 'viewer' });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'USERNAME_TAKEN', details: [{ field: 'username' }] });
    });

    it.each(['supervisor', 'viewer', 'editor'] as const)('refuses %s with 403 and creates nothing', async (role) => {
      const response = await createUserRequest({ username: `by-${role}`, displayName: 'x', password: 'long-enough-1', role: 'admin' }, as[role]);
      expect(response.statusCode).toBe(403);
      await expect(database.dataSource.getRepository(User).existsBy({ username: `by-${role}` })).resolves.toBe(false);
    });
  });

  describe('PATCH /users/:id', () => {
    let target: User;

    beforeAll(async () => {
      target = await createUser(database.dataSource, 'viewer', { username: 'patch-target', email: 'old@yuquan.gov.cn' });
    });

    it('changes the display name, role and department, and audits before and after', async () => {
      const response = await patchUser(target.id, { displayName: '住建局填报员', role: 'department_editor', departmentId: departmentA.id });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ displayName: '住建局填报员', role: 'department_editor', departmentId: departmentA.id });
      const [entry] = await database.dataSource.getRepository(AuditLog).find({
        where: { entityType: 'user', entityId: target.id },
        order: { id: 'DESC' },
      });
      expect(entry).toMatchObject({
        action: 'update',
        before: { role: 'viewer', departmentId: null, displayName: 'patch-target' },
        after: { role: 'department_editor', departmentId: departmentA.id, displayName: '住建局填报员' },
      });
    });

    it('clears the e-mail with null', async () => {
      const response = await patchUser(target.id, { email: null });
      expect(response.statusCode).toBe(200);
      expect(response.json().email).toBeNull();
    });

    it.each([
      ['removing the department of an editor', { departmentId: null }, 'departmentId'],
      ['a null display name', { displayName: null }, 'displayName'],
      ['a short new password', { password: 'short' }, 'password'],
      ['a non-boolean isActive', { isActive: 'no' }, 'isActive'],
      ['a username change (not editable)', { username: 'renamed' }, 'username'],
    ])('answers %s with 400 naming the field', async (_, payload, field) => {
      const response = await patchUser(target.id, payload);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toContain(field);
    });

    it('resets the password: the old one stops working, the new one works, and the audit holds no hash', async () => {
      const response = await patchUser(target.id, { password: 'brand-new-password' });
      expect(response.statusCode).toBe(200);
      const oldLogin = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'patch-target', password: TEST_PASSWORD } });
      expect(oldLogin.statusCode).toBe(401);
      await expect(signIn(app, 'patch-target', 'brand-new-password')).resolves.toBeDefined();

      const [entry] = await database.dataSource.getRepository(AuditLog).find({
        where: { entityType: 'user', entityId: target.id },
        order: { id: 'DESC' },
      });
      expect(entry).toMatchObject({ action: 'password_reset', after: { passwordChanged: true } });
      expect(JSON.stringify(entry)).not.toMatch(/brand-new-password|\$2[aby]\$|passwordHash/);
    });

    it('answers a malformed id with 400 and an unknown one with 404', async () => {
      const malformed = await patchUser('not-a-uuid', { displayName: 'x' });
      expect(malformed.statusCode).toBe(400);
      expect(fieldsOf(malformed)).toEqual(['id']);
      const unknown = await patchUser('00000000-0000-4000-8000-000000000000', { displayName: 'x' });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'USER_NOT_FOUND' });
    });

    it.each(['supervisor', 'viewer', 'editor'] as const)('refuses %s with 403', async (role) => {
      const response = await patchUser(target.id, { displayName: 'hijacked' }, as[role]);
      expect(response.statusCode).toBe(403);
      const stored = await database.dataSource.getRepository(User).findOneByOrFail({ id: target.id });
      expect(stored.displayName).not.toBe('hijacked');
    });
  });

  describe('access follows the account, not the token', () => {
    it('a deactivated user is refused (401) on the next request, and cannot sign in again', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      const token = await signIn(app, user.username);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: token })).statusCode).toBe(200);

      const response = await patchUser(user.id, { isActive: false });
      expect(response.statusCode).toBe(200);
      expect(response.json().isActive).toBe(false);

      const next = await app.inject({ method: 'GET', url: '/api/v1/departments', headers: token });
      expect(next.statusCode).toBe(401);
      expect(next.json()).toMatchObject({ code: 'SESSION_REVOKED' });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(401);
      const [entry] = await database.dataSource.getRepository(AuditLog).findBy({ entityType: 'user', entityId: user.id });
      expect(entry).toMatchObject({ action: 'deactivate', before: { isActive: true }, after: { isActive: false } });

      // Reactivated, the user signs in again: the sessions ended with the deactivation stay ended.
      const reactivated = await patchUser(user.id, { isActive: true });
      expect(reactivated.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: token })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: await signIn(app, user.username) })).statusCode).toBe(200);
    });

    it('a role change ends the tokens issued before it; a new sign-in has the new role', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      const token = await signIn(app, user.username);
      expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: token })).statusCode).toBe(403);

      expect((await patchUser(user.id, { role: 'admin' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: token })).statusCode).toBe(401);
      const promoted = await signIn(app, user.username);
      expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: promoted })).statusCode).toBe(200);
      expect((await patchUser(user.id, { role: 'viewer' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: promoted })).statusCode).toBe(401);
    });

    it('a user deactivated behind the API\'s back (in the database) is refused on the next request', async () => {
      // The guard reads the account with the session on every request, whatever the cache setting.
      const other = await createTestApp(database, { USER_ACCESS_CACHE_TTL_SECONDS: '0' });
      try {
        const user = await createUser(database.dataSource, 'department_editor', { departmentId: departmentA.id });
        const token = await signIn(other, user.username);
        expect((await other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: token })).statusCode).toBe(200);

        await database.dataSource.getRepository(User).update({ id: user.id }, { isActive: false });
        const next = await other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: token });
        expect(next.statusCode).toBe(401);
      } finally {
        await other.close();
      }
    });

    it('a token of a user that no longer exists is refused', async () => {
      const user = await createUser(database.dataSource, 'viewer');
      const token = await signIn(app, user.username);
      await database.dataSource.getRepository(User).delete({ id: user.id });
      const other = await createTestApp(database, { USER_ACCESS_CACHE_TTL_SECONDS: '0' });
      try {
        expect((await other.inject({ method: 'GET', url: '/api/v1/auth/me', headers: token })).statusCode).toBe(401);
      } finally {
        await other.close();
      }
    });
  });

  describe('departments', () => {
    it('lists departments to every signed-in role, departments before sub-districts', async () => {
      for (const headers of Object.values(as)) {
        const response = await app.inject({ method: 'GET', url: '/api/v1/departments', headers });
        expect(response.statusCode).toBe(200);
        expect(response.json().slice(0, 2)).toEqual([
          expect.objectContaining({ code: 'yq-fgw', name: '玉泉区发展和改革委员会', kind: 'department', kindLabel: '部门' }),
          expect.objectContaining({ code: 'yq-xxjd', name: '小召前街街道办事处', kind: 'subdistrict', kindLabel: '街道' }),
        ]);
      }
      expect((await app.inject({ method: 'GET', url: '/api/v1/departments' })).statusCode).toBe(401);
    });

    it('lets an admin add a department, audited; a duplicate code or name is 409 naming the field', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/departments',
        headers: as.admin,
        payload: { code: 'yq-gxz', name: '昭君路街道办事处', kind: 'subdistrict' },
      });
      expect(response.statusCode).toBe(201);
      const created = response.json();
      expect(created).toMatchObject({ code: 'yq-gxz', name: '昭君路街道办事处', kind: 'subdistrict', kindLabel: '街道' });
      await expect(
        database.dataSource.getRepository(AuditLog).findOneBy({ entityType: 'department', entityId: created.id }),
      ).resolves.toMatchObject({ action: 'create', after: { name: '昭君路街道办事处' } });

      const sameCode = await app.inject({
        method: 'POST',
        url: '/api/v1/departments',
        headers: as.admin,
        payload: { code: 'yq-gxz', name: '另一个名称', kind: 'town' },
      });
      expect(sameCode.statusCode).toBe(409);
      expect(sameCode.json()).toMatchObject({ code: 'DEPARTMENT_CODE_TAKEN', details: [{ field: 'code' }] });
      const sameName = await app.inject({
        method: 'POST',
        url: '/api/v1/departments',
        headers: as.admin,
        payload: { code: 'other', name: '昭君路街道办事处', kind: 'town' },
      });
      expect(sameName.statusCode).toBe(409);
      expect(sameName.json()).toMatchObject({ code: 'DEPARTMENT_NAME_TAKEN', details: [{ field: 'name' }] });
    });

    it('answers an unknown kind with 400 naming kind', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/departments',
        headers: as.admin,
        payload: { code: 'yq-x', name: '某单位', kind: 'county' },
      });
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response)).toEqual(['kind']);
    });

    it('lets an admin rename a department (audited) and refuses a clash with 409', async () => {
      const department = await createDepartment(database.dataSource, { code: 'yq-old', name: '旧名称' });
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/v1/departments/${department.id}`,
        headers: as.admin,
        payload: { name: '玉泉区住房和城乡建设局' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ code: 'yq-old', name: '玉泉区住房和城乡建设局' });
      await expect(
        database.dataSource.getRepository(AuditLog).findOneBy({ entityType: 'department', entityId: department.id }),
      ).resolves.toMatchObject({ action: 'update', before: { name: '旧名称' }, after: { name: '玉泉区住房和城乡建设局' } });

      const clash = await app.inject({
        method: 'PATCH',
        url: `/api/v1/departments/${department.id}`,
        headers: as.admin,
        payload: { code: 'yq-fgw' },
      });
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: 'DEPARTMENT_CODE_TAKEN' });

      const unknown = await app.inject({
        method: 'PATCH',
        url: '/api/v1/departments/00000000-0000-4000-8000-000000000000',
        headers: as.admin,
        payload: { name: 'x' },
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'DEPARTMENT_NOT_FOUND' });
    });

    it.each(['supervisor', 'viewer', 'editor'] as const)('refuses department writes by %s with 403', async (role) => {
      const create = await app.inject({
        method: 'POST',
        url: '/api/v1/departments',
        headers: as[role],
        payload: { code: `by-${role}`, name: `由${role}创建`, kind: 'department' },
      });
      expect(create.statusCode).toBe(403);
      const rename = await app.inject({
        method: 'PATCH',
        url: `/api/v1/departments/${departmentA.id}`,
        headers: as[role],
        payload: { name: '改名' },
      });
      expect(rename.statusCode).toBe(403);
    });
  });
});
