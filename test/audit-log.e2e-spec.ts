import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { QueryFailedError } from 'typeorm';
import { createDepartment, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Headers = Record<string, string>;

interface Entry {
  id: string;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

describe('audit log: filtered, paged, newest first, append-only', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const as: Record<'admin' | 'supervisor' | 'viewer' | 'editor', Headers> = {} as never;
  let adminId: string;
  let departmentId: string;
  const projectId = '3f2b8c1e-7d4a-4b9e-a1c2-5e6f7a8b9c0d';

  const audit = (query = '', headers: Headers = as.admin) => app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers });

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    const ds = database.dataSource;
    const department = await createDepartment(ds, { code: 'yq-zjj', name: '玉泉区住房和城乡建设局' });
    adminId = (await createUser(ds, 'admin', { username: 'admin' })).id;
    await createUser(ds, 'supervisor', { username: 'supervisor' });
    await createUser(ds, 'viewer', { username: 'viewer' });
    await createUser(ds, 'department_editor', { username: 'editor', departmentId: department.id });
    for (const role of ['admin', 'supervisor', 'viewer', 'editor'] as const) as[role] = await signIn(app, role);

    // Writes through the API: a department created, then renamed twice.
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/departments',
      headers: as.admin,
      payload: { code: 'yq-jyj', name: '教育局', kind: 'department' },
    });
    departmentId = created.json().id;
    for (const name of ['玉泉区教育局', '玉泉区教育局（体育局）']) {
      await app.inject({ method: 'PATCH', url: `/api/v1/departments/${departmentId}`, headers: as.admin, payload: { name } });
    }
    // History at known instants around the Asia/Shanghai day boundary, as other features write it.
    await ds.query(
      `INSERT INTO audit_log (occurred_at, actor_type, actor_id, actor_name, action, entity_type, entity_id, before, after)
       VALUES ('2021-03-01T15:30:00Z', 'system', NULL, 'worker', 'status_change', 'project', $1, '{"status":"preparation"}', '{"status":"under_construction"}'),
              ('2021-03-01T16:30:00Z', 'user', $2, 'admin', 'update', 'project', $1, '{"name":"玉泉变 220 千伏变电站"}', '{"name":"玉泉变 220 千伏变电站工程"}'),
              ('2021-03-02T03:00:00Z', 'user', $2, 'admin', 'create', 'milestone', 'm-1', NULL, '{"name":"开工"}')`,
      [projectId, adminId],
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('answers with a page of entries, newest first, each with who, what, when and the record before and after', async () => {
    const response = await audit('?entity=department');
    expect(response.statusCode).toBe(200);
    const page = response.json() as { items: Entry[]; total: number; page: number; pageSize: number };
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(page.items.map((entry) => entry.action)).toEqual(['update', 'update', 'create']);
    expect(page.items[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      occurredAt: expect.any(String),
      actorType: 'user',
      actorId: adminId,
      actorName: 'admin',
      action: 'update',
      entityType: 'department',
      entityId: departmentId,
      before: expect.objectContaining({ name: '玉泉区教育局' }),
      after: expect.objectContaining({ name: '玉泉区教育局（体育局）' }),
      requestId: expect.any(String),
    });
    // Newest first, ties (one transaction, one now()) broken by sequence.
    expect(Number(page.items[0].id)).toBeGreaterThan(Number(page.items[1].id));
  });

  it('filters by entity and id: one project\'s history', async () => {
    const page = (await audit(`?entity=project&entityId=${projectId}`)).json();
    expect(page.total).toBe(2);
    expect(page.items.map((entry: Entry) => [entry.occurredAt, entry.action])).toEqual([
      ['2021-03-01T16:30:00.000Z', 'update'],
      ['2021-03-01T15:30:00.000Z', 'status_change'],
    ]);
  });

  it('filters by actor and by action', async () => {
    const byAdmin = (await audit(`?actorId=${adminId}&pageSize=200`)).json();
    // The department's three rows, the two of the history above, and the admin's sign-in.
    expect(byAdmin.total).toBe(6);
    expect(byAdmin.items.every((entry: Entry) => entry.actorId === adminId)).toBe(true);
    const creates = (await audit(`?actorId=${adminId}&action=create`)).json();
    expect(creates.items.map((entry: Entry) => entry.entityType).sort()).toEqual(['department', 'milestone']);
    const bySystem = (await audit('?action=status_change')).json();
    expect(bySystem.items).toEqual([expect.objectContaining({ actorType: 'system', actorId: null, actorName: 'worker' })]);
  });

  it('filters by time: a date is a whole day in Asia/Shanghai, an instant is exact', async () => {
    // 2021-03-01T16:30Z is already 2021-03-02 00:30 in Shanghai.
    const march1 = (await audit('?entity=project&from=2021-03-01&to=2021-03-01')).json();
    expect(march1.items.map((entry: Entry) => entry.action)).toEqual(['status_change']);
    const march2 = (await audit('?from=2021-03-02&to=2021-03-02')).json();
    expect(march2.items.map((entry: Entry) => entry.action)).toEqual(['create', 'update']);
    const exact = (await audit(`?from=${encodeURIComponent('2021-03-02T00:30:00+08:00')}&to=2021-03-02T03:00:00Z`)).json();
    expect(exact.items.map((entry: Entry) => entry.occurredAt)).toEqual(['2021-03-02T03:00:00.000Z', '2021-03-01T16:30:00.000Z']);
  });

  it('pages: total counts every match, pages hold pageSize', async () => {
    const first = (await audit('?pageSize=2&page=1')).json();
    const second = (await audit('?pageSize=2&page=2')).json();
    expect(first.total).toBeGreaterThanOrEqual(6);
    expect(first.items).toHaveLength(2);
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: first.total });
    expect(second.items.map((entry: Entry) => entry.id)).not.toEqual(expect.arrayContaining(first.items.map((entry: Entry) => entry.id)));
  });

  it.each([
    ['?actorId=admin', 'actorId'],
    ['?from=yesterday', 'from'],
    ['?to=2021-02-30', 'to'],
    ['?from=2021-03-02T10:00:00', 'from'],
    ['?from=2021-03-02&to=2021-03-01', 'to'],
    ['?pageSize=1000', 'pageSize'],
    ['?page=0', 'page'],
    ['?entityType=project', 'entityType'],
  ])('answers %s with 400 naming the field', async (query, field) => {
    const response = await audit(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it('is for admins and the 督查室: a viewer and an editor get 403, no credentials 401', async () => {
    expect((await audit('', as.supervisor)).statusCode).toBe(200);
    expect((await audit('', as.viewer)).statusCode).toBe(403);
    expect((await audit('', as.editor)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });

  it('is append-only: the database refuses to UPDATE or DELETE an entry', async () => {
    const [{ id }] = await database.dataSource.query(`SELECT id FROM audit_log ORDER BY id LIMIT 1`);
    const update = database.dataSource.query(`UPDATE audit_log SET action = 'tampered' WHERE id = $1`, [id]);
    await expect(update).rejects.toBeInstanceOf(QueryFailedError);
    await expect(update).rejects.toThrow('audit_log is append-only');
    await expect(database.dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [id])).rejects.toThrow('audit_log is append-only');
    const [row] = await database.dataSource.query(`SELECT action FROM audit_log WHERE id = $1`, [id]);
    expect(row.action).not.toBe('tampered');
  });
});
