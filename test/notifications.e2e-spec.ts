import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { apiKeyHeaders, standardCallers } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('inbox (站内消息): /api/v1/notifications', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let callers: Awaited<ReturnType<typeof standardCallers>>;
  const ids: Record<'a1' | 'a2' | 'a3' | 'b1', string> = {} as never;

  const notify = async (userId: string, title: string, minutesAgo: number): Promise<string> => {
    const [row] = await database.dataSource.query(
      `INSERT INTO notifications (user_id, kind, escalation_level, title, body, link, created_at)
       VALUES ($1, 'overdue', 0, $2, '**' || $2 || '**', 'http://localhost:3000/projects/x', now() - make_interval(mins => $3))
       RETURNING id`,
      [userId, title, minutesAgo],
    );
    return row.id;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    callers = await standardCallers(app, database.dataSource);
    ids.a1 = await notify(callers.editorA.userId, '【逾期催办】玉泉变 220 千伏变电站工程 · 开工', 30);
    ids.a2 = await notify(callers.editorA.userId, '【临期提醒】昭君路小学新建项目 · 主体完工', 20);
    ids.a3 = await notify(callers.editorA.userId, '【到期提醒】玉祥·安泽园（范家营棚改回迁房）项目 · 交付', 10);
    ids.b1 = await notify(callers.editorB.userId, '【逾期催办】别的单位的项目 · 开工', 5);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const as = (caller: { headers: { authorization: string } }, method: 'GET' | 'POST', url: string) =>
    app.inject({ method, url: `/api/v1/notifications${url}`, headers: caller.headers });

  it('lists only my own notifications, newest first, paged', async () => {
    const response = await as(callers.editorA, 'GET', '');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ total: 3, page: 1, pageSize: 20 });
    expect(response.json().items.map((item: { id: string }) => item.id)).toEqual([ids.a3, ids.a2, ids.a1]);
    expect(response.json().items[0]).toMatchObject({ title: '【到期提醒】玉祥·安泽园（范家营棚改回迁房）项目 · 交付', kind: 'overdue', read: false, readAt: null });

    const page2 = await as(callers.editorA, 'GET', '?pageSize=2&page=2');
    expect(page2.json()).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ id: ids.a1 }] });
    await expect(as(callers.admin, 'GET', '')).resolves.toMatchObject({ statusCode: 200 });
    expect((await as(callers.admin, 'GET', '')).json().total).toBe(0); // the admin sees no one else's inbox either
  });

  it('marks one read (idempotently), filters by unread and counts them', async () => {
    await expect(as(callers.editorA, 'GET', '/unread-count')).resolves.toMatchObject({ statusCode: 200 });
    expect((await as(callers.editorA, 'GET', '/unread-count')).json()).toEqual({ unread: 3 });

    const read = await as(callers.editorA, 'POST', `/${ids.a2}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: ids.a2, read: true, readAt: expect.any(String) });
    const again = await as(callers.editorA, 'POST', `/${ids.a2}/read`);
    expect(again.json().readAt).toBe(read.json().readAt);

    expect((await as(callers.editorA, 'GET', '/unread-count')).json()).toEqual({ unread: 2 });
    expect((await as(callers.editorA, 'GET', '?unread=true')).json().items.map((item: { id: string }) => item.id)).toEqual([ids.a3, ids.a1]);
    expect((await as(callers.editorA, 'GET', '?unread=false')).json().items.map((item: { id: string }) => item.id)).toEqual([ids.a2]);
  });

  it('never reveals or touches someone else’s notification: 404', async () => {
    const response = await as(callers.editorA, 'POST', `/${ids.b1}/read`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOTIFICATION_NOT_FOUND' });
    expect((await as(callers.editorB, 'GET', '/unread-count')).json()).toEqual({ unread: 1 });
    await expect(as(callers.editorA, 'POST', '/3f1c2a4e-8a55-4c8e-9a39-7d0c1b2e9f00/read')).resolves.toMatchObject({ statusCode: 404 });
  });

  it('marks all of mine read, and only mine', async () => {
    const response = await as(callers.editorA, 'POST', '/read-all');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ updated: 2 });
    expect((await as(callers.editorA, 'GET', '/unread-count')).json()).toEqual({ unread: 0 });
    expect((await as(callers.editorA, 'POST', '/read-all')).json()).toEqual({ updated: 0 });
    expect((await as(callers.editorB, 'GET', '/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('answers malformed input with 400 naming the field, API keys with 403, strangers with 401', async () => {
    const badId = await as(callers.editorA, 'POST', '/not-a-uuid/read');
    expect(badId.statusCode).toBe(400);
    expect(badId.json().details).toEqual([{ field: 'id', reason: expect.any(String) }]);
    const badFilter = await as(callers.editorA, 'GET', '?unread=maybe');
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'unread' })]));
    await expect(as(callers.editorA, 'GET', '?pageSize=500')).resolves.toMatchObject({ statusCode: 400 });
    const key = await apiKeyHeaders(database.dataSource, ['projects:read']);
    await expect(app.inject({ method: 'GET', url: '/api/v1/notifications', headers: key })).resolves.toMatchObject({ statusCode: 403 });
    await expect(app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count' })).resolves.toMatchObject({ statusCode: 401 });
  });
});
