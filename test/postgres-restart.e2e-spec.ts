import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { testAdminDatabaseUrl } from './support/services';
import { startTcpProxy, TcpProxy } from './support/tcp-proxy';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, TestWorker, waitFor } from './support/worker-app';
import { createReminderPortfolio, REMINDER_DAY, REMINDER_NOW, ReminderPortfolio } from './support/worker-fixtures';

/**
 * Postgres goes away and comes back (a restart, a failover): the API and the
 * worker reconnect by themselves, no restart of theirs. The shared Postgres is
 * never stopped — other test runs use it: both apps reach it through a TCP proxy
 * on a loopback port, which the test cuts (every connection dropped, new ones
 * refused) and restores.
 */
describe('Postgres restarted: the API and the worker reconnect by themselves', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let api: NestFastifyApplication;
  let worker: TestWorker;
  let portfolio: ReminderPortfolio;

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await createReminderPortfolio(database.dataSource);
    const target = new URL(testAdminDatabaseUrl());
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(database.url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const env = { DATABASE_URL: proxied.toString(), OUTBOX_POLL_INTERVAL_MS: '100' };
    api = await createTestApp(database, { ...env, KPT_FIXED_NOW: REMINDER_NOW });
    worker = await createTestWorker(database, { now: REMINDER_NOW, env });
  });

  afterAll(async () => {
    await proxy?.restore().catch(() => undefined);
    await worker?.close();
    await api?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('requests fail while Postgres is away and succeed again when it is back; outbox events written after it are relayed', async () => {
    const { milestones, editors } = portfolio;
    await worker.scan(); // today's scan has run, so a milestone moved to today is re-planned at once
    const editor = await signIn(api, editors[0].username);
    const read = () => api.inject({ method: 'GET', url: `/api/v1/milestones/${milestones.quiet.id}`, headers: editor });
    expect((await read()).statusCode).toBe(200);

    await proxy.cut();
    const during = await read();
    expect(during.statusCode).toBe(503); // DATABASE_UNAVAILABLE, with Retry-After: not a 500, the client may retry
    expect(during.json()).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
    expect(during.headers['retry-after']).toBe('5');
    expect(during.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|at .*\.js/); // no internals leak
    const health = await api.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'error', error: { postgres: { status: 'down' } } });
    await waitFor(async () => (await worker.health.check()).postgres.status === 'down', { what: 'worker sees Postgres down' });

    await proxy.restore();
    // Same processes, no restart: the pools open new connections.
    await waitFor(async () => (await read()).statusCode === 200, { timeoutMs: 30_000, what: 'API reads again' });
    expect((await api.inject({ method: 'GET', url: '/health' })).json()).toMatchObject({ status: 'ok' });
    await waitFor(async () => (await worker.health.check()).postgres.status === 'up', { timeoutMs: 30_000, what: 'worker reaches Postgres again' });

    // A write after the outage, through the API, reaches the worker through the outbox.
    const current = (await read()).json();
    const move = await api.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestones.quiet.id}`,
      headers: { ...editor, 'if-match': `"${current.version}"` },
      payload: { plannedDate: REMINDER_DAY, reason: '施工条件提前具备，计划提前' },
    });
    expect(move.statusCode).toBe(200);
    await waitFor(
      async () => Number((await database.dataSource.query(`SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL`))[0].n) === 0,
      { timeoutMs: 30_000, what: 'outbox relayed by the reconnected worker' },
    );
    await waitFor(
      async () =>
        Number((await database.dataSource.query(`SELECT count(*) AS n FROM notifications WHERE milestone_id = $1 AND kind = 'due_today'`, [milestones.quiet.id]))[0].n) === 2,
      { timeoutMs: 30_000, what: 'the moved milestone reminded once per editor' },
    );
  });
});
