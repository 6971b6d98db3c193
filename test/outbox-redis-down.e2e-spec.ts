import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, TestWorker, waitFor } from './support/worker-app';
import { createReminderPortfolio, REMINDER_DAY, REMINDER_NOW, ReminderPortfolio } from './support/worker-fixtures';
import { PrivateRedis, startPrivateRedis } from './support/worker-redis';

describe('Redis down during an API write: the write succeeds, re-planning arrives once Redis is back', () => {
  let database: TestDatabase;
  let redis: PrivateRedis;
  let api: NestFastifyApplication;
  let worker: TestWorker;
  let portfolio: ReminderPortfolio;

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await createReminderPortfolio(database.dataSource);
    redis = await startPrivateRedis();
    const env = { REDIS_URL: redis.url, QUEUE_PREFIX: 'kpt-test-redis-down', OUTBOX_POLL_INTERVAL_MS: '100' };
    api = await createTestApp(database, { ...env, KPT_FIXED_NOW: REMINDER_NOW });
    worker = await createTestWorker(database, { now: REMINDER_NOW, env });
  });

  afterAll(async () => {
    await redis?.start().catch(() => undefined); // in case a failure left it down: close needs no Redis, but ends sooner with it
    await worker?.close();
    await api?.close();
    await redis?.stop();
    await database?.drop();
  });

  const unpublished = async () => Number((await database.dataSource.query(`SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`))[0].n);
  const health = () => worker.health.check();

  it('keeps milestone writes working without Redis, then cancels and plans reminders when it returns', async () => {
    const { milestones, editors } = portfolio;
    // 09:00 on Tue 10-13, after the scan: lateE2 has reminders waiting to go out.
    await worker.queues.queue('reminders').pause();
    await worker.scan();
    const pendingE2 = Number((await database.dataSource.query(`SELECT count(*) AS n FROM reminders WHERE milestone_id = $1 AND status = 'queued'`, [milestones.lateE2.id]))[0].n);
    expect(pendingE2).toBe(5);

    await redis.stop();
    await waitFor(async () => (await health()).redis.status === 'down', { what: 'worker sees Redis down' });

    const editor = await signIn(api, editors[0].username);
    const complete = await api.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestones.lateE2.id}`,
      headers: { ...editor, 'if-match': `"${milestones.lateE2.version}"` },
      payload: { actualDate: REMINDER_DAY },
    });
    expect(complete.statusCode).toBe(200);
    // Moved from 10-15 (nothing today) to today: a due-day reminder is owed today, after the scan has run.
    const move = await api.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestones.quiet.id}`,
      headers: { ...editor, 'if-match': `"${milestones.quiet.version}"` },
      payload: { plannedDate: REMINDER_DAY, reason: '施工条件提前具备，计划提前' },
    });
    expect(move.statusCode).toBe(200);
    expect(move.json()).toMatchObject({ plannedDate: REMINDER_DAY });

    // The relay keeps trying: the events stay in the outbox with their attempts and error.
    await waitFor(async () => {
      const [row] = await database.dataSource.query(`SELECT min(attempts) AS attempts, max(last_error) AS error FROM outbox_events WHERE published_at IS NULL`);
      return row.attempts >= 1 && row.error;
    }, { what: 'relay attempts recorded' });
    await expect(unpublished()).resolves.toBe(2);
    expect(await health()).toMatchObject({ status: 'error', redis: { status: 'down' }, outbox: { unpublished: 2 } });
    // The API says degraded, not failed (200: keep it in rotation), and keeps serving reads.
    const apiHealth = await api.inject({ method: 'GET', url: '/health' });
    expect(apiHealth.statusCode).toBe(200);
    expect(apiHealth.json()).toMatchObject({
      status: 'degraded',
      info: { postgres: { status: 'up' } },
      error: { redis: { status: 'down' } },
      outbox: { unpublished: 2 },
    });
    const read = await api.inject({ method: 'GET', url: `/api/v1/milestones/${milestones.quiet.id}`, headers: editor });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ plannedDate: REMINDER_DAY });

    // Redis comes back (empty: this one keeps nothing; the reminders table still knows what is owed).
    await redis.start();
    await waitFor(async () => (await unpublished()) === 0, { timeoutMs: 60_000, what: 'outbox relayed after Redis returned' });

    await waitFor(
      async () => {
        const rows: Array<{ status: string; reason: string }> = await database.dataSource.query(`SELECT DISTINCT status, reason FROM reminders WHERE milestone_id = $1`, [milestones.lateE2.id]);
        return rows.length === 1 && rows[0].status === 'cancelled' && rows[0].reason === 'milestone_completed';
      },
      { timeoutMs: 30_000, what: 'reminders of the completed milestone cancelled' },
    );
    await waitFor(
      async () => {
        const rows: Array<{ user_id: string; title: string }> = await database.dataSource.query(
          `SELECT user_id, title FROM notifications WHERE milestone_id = $1 AND kind = 'due_today'`,
          [milestones.quiet.id],
        );
        return rows.length === 2 && rows;
      },
      { timeoutMs: 30_000, what: 'the moved milestone reminded in the inbox' },
    );
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE milestone_id = $1`, [milestones.lateE2.id]);
    expect(n).toBe(0);
    await expect(health()).resolves.toMatchObject({ status: 'ok', redis: { status: 'up' }, outbox: { unpublished: 0 } });
    const apiHealthAfter = await api.inject({ method: 'GET', url: '/health' });
    expect(apiHealthAfter.statusCode).toBe(200);
    expect(apiHealthAfter.json()).toMatchObject({ status: 'ok', outbox: { unpublished: 0 } });
  });
});
