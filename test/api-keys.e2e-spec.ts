import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditLog } from '@app/domain';
import { createDepartment, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Headers = Record<string, string>;

/** Asks again until the check passes (for the guard's fire-and-forget last-used write), or fails with its last answer. */
async function eventually<T>(read: () => Promise<T>, passes: (value: T) => boolean, attempts = 50): Promise<T> {
  let value = await read();
  for (let attempt = 1; attempt < attempts && !passes(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

describe('API keys: create, use within scope, revoke', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let asAdmin: Headers;
  let asSupervisor: Headers;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    await createDepartment(database.dataSource, { code: 'yq-fgw', name: '玉泉区发展和改革委员会' });
    await createUser(database.dataSource, 'admin', { username: 'admin' });
    await createUser(database.dataSource, 'supervisor', { username: 'supervisor' });
    asAdmin = await signIn(app, 'admin');
    asSupervisor = await signIn(app, 'supervisor');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const createKey = (payload: Record<string, unknown>, headers: Headers = asAdmin) =>
    app.inject({ method: 'POST', url: '/api/v1/api-keys', headers, payload });
  const withKey = (key: string): Headers => ({ 'x-api-key': key });

  it('lives through its whole life: created once, reads within its scope, never writes, revoked → 401', async () => {
    const created = await createKey({ name: '区政府调度大屏', scopes: ['projects:read'] });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: expect.any(String),
      name: '区政府调度大屏',
      prefix: body.key.slice(0, 12),
      scopes: ['projects:read'],
      key: expect.stringMatching(/^kpt_[A-Za-z0-9_-]{43}$/),
      createdById: expect.any(String),
      createdAt: expect.any(String),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
    const key: string = body.key;

    // Only a SHA-256 hash is stored; the key itself is nowhere in the table.
    const [row] = await database.dataSource.query(`SELECT * FROM api_keys WHERE id = $1`, [body.id]);
    expect(row.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(row.key_hash).not.toBe(key);
    expect(JSON.stringify(row)).not.toContain(key);

    // A route that accepts its scope.
    const read = await app.inject({ method: 'GET', url: '/api/v1/departments', headers: withKey(key) });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual([expect.objectContaining({ name: '玉泉区发展和改革委员会' })]);

    // A route that needs another scope.
    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: withKey(key) });
    expect(audit.statusCode).toBe(403);
    expect(audit.json().message).toContain('audit:read');

    // Routes for signed-in users only, and every write.
    expect((await app.inject({ method: 'GET', url: '/api/v1/users', headers: withKey(key) })).statusCode).toBe(403);
    const writes = [
      app.inject({ method: 'POST', url: '/api/v1/departments', headers: withKey(key), payload: { code: 'k', name: '密钥创建', kind: 'department' } }),
      app.inject({ method: 'POST', url: '/api/v1/api-keys', headers: withKey(key), payload: { name: '自我复制', scopes: ['audit:read'] } }),
      app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${body.id}`, headers: withKey(key) }),
      app.inject({ method: 'POST', url: '/api/v1/users', headers: withKey(key), payload: { username: 'x', displayName: 'x', password: '0123456789', role: 'admin' } }),
    ];
    for (const response of await Promise.all(writes)) expect(response.statusCode).toBe(403);

    // The list shows it without secrets, with when it was last used.
    const listed = await eventually(
      async () => (await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: asAdmin })).json(),
      (keys) => keys[0]?.lastUsedAt !== null,
    );
    expect(listed).toEqual([expect.objectContaining({ id: body.id, prefix: body.prefix, revokedAt: null, lastUsedAt: expect.any(String) })]);
    expect(listed[0]).not.toHaveProperty('key');
    expect(listed[0]).not.toHaveProperty('keyHash');
    expect(JSON.stringify(listed)).not.toContain(key);

    // Revoked: from the next request on, 401.
    const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${body.id}`, headers: asAdmin });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ id: body.id, revokedAt: expect.any(String) });
    const after = await app.inject({ method: 'GET', url: '/api/v1/departments', headers: withKey(key) });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'UNAUTHENTICATED' });

    // Revoking again changes nothing.
    const again = await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${body.id}`, headers: asAdmin });
    expect(again.statusCode).toBe(200);
    expect(again.json().revokedAt).toBe(revoked.json().revokedAt);

    // Audited: creation and revocation, once each, with neither the key nor its hash.
    const entries = await database.dataSource.getRepository(AuditLog).find({ where: { entityType: 'api_key', entityId: body.id }, order: { id: 'ASC' } });
    expect(entries.map((entry) => entry.action)).toEqual(['create', 'revoke']);
    expect(entries[1]).toMatchObject({ actorName: 'admin', before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    expect(JSON.stringify(entries)).not.toContain(key);
    expect(JSON.stringify(entries)).not.toContain(row.key_hash);
  });

  it('lets a key with audit:read read the audit log', async () => {
    const { key } = (await createKey({ name: '市级平台', scopes: ['audit:read', 'reports:read'] })).json();
    const response = await app.inject({ method: 'GET', url: '/api/v1/audit', headers: withKey(key) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ page: 1, total: expect.any(Number) });
    // …but not the departments, which need projects:read.
    expect((await app.inject({ method: 'GET', url: '/api/v1/departments', headers: withKey(key) })).statusCode).toBe(403);
  });

  it('refuses an expired key and an unknown key with 401', async () => {
    const created = (await createKey({ name: '临时密钥', scopes: ['projects:read'], expiresAt: '2099-01-01T00:00:00+08:00' })).json();
    expect(created.expiresAt).toBe('2098-12-31T16:00:00.000Z');
    expect((await app.inject({ method: 'GET', url: '/api/v1/departments', headers: withKey(created.key) })).statusCode).toBe(200);
    await database.dataSource.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1`, [created.id]);
    expect((await app.inject({ method: 'GET', url: '/api/v1/departments', headers: withKey(created.key) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/departments', headers: withKey('kpt_not-a-real-key') })).statusCode).toBe(401);
  });

  it.each([
    ['no scopes', { scopes: [] }, 'scopes'],
    ['a scope that does not exist', { scopes: ['projects:write'] }, 'scopes'],
    ['a repeated scope', { scopes: ['projects:read', 'projects:read'] }, 'scopes'],
    ['no name', { name: '' }, 'name'],
    ['an expiry in the past', { expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    ['an expiry that is not a date', { expiresAt: 'next year' }, 'expiresAt'],
  ])('answers %s with 400 naming the field', async (_, override, field) => {
    const response = await createKey({ name: '大屏', scopes: ['projects:read'], ...override });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it('is for admins only: a supervisor gets 403 on create, list and revoke', async () => {
    const { id } = (await createKey({ name: '督查用', scopes: ['projects:read'] })).json();
    expect((await createKey({ name: '督查室自建', scopes: ['projects:read'] }, asSupervisor)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: asSupervisor })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: asSupervisor })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/api-keys' })).statusCode).toBe(401);
  });

  it('answers revoking a malformed id with 400 and an unknown one with 404', async () => {
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/api-keys/abc', headers: asAdmin })).statusCode).toBe(400);
    const unknown = await app.inject({ method: 'DELETE', url: '/api/v1/api-keys/00000000-0000-4000-8000-000000000000', headers: asAdmin });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'API_KEY_NOT_FOUND' });
  });
});
