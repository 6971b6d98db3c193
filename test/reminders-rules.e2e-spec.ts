import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { REMINDER_SCAN_SCHEDULER_ID } from '@app/queue';
import { apiKeyHeaders, auditRowsOf, standardCallers } from './support/portfolio';
import { createTestApp, testQueuePrefix } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker, waitFor } from './support/worker-app';
import { createReminderPortfolio, REMINDER_NOW } from './support/worker-fixtures';

describe('reminder rules (催办规则): GET / PUT /api/v1/reminder-rules', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let worker: TestWorker;
  let callers: Awaited<ReturnType<typeof standardCallers>>;
  const prefix = testQueuePrefix('rules');
  const url = '/api/v1/reminder-rules';
  const valid = { dueSoonOffsets: [1, 4], onDueDay: true, overdueRepeatEvery: 2, escalateLeadAfter: 4, escalateSupervisorAfter: 8, sendAt: '09:15' };

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: REMINDER_NOW, QUEUE_PREFIX: prefix });
    callers = await standardCallers(app, database.dataSource);
    await createReminderPortfolio(database.dataSource);
    worker = await createTestWorker(database, { now: REMINDER_NOW, env: { QUEUE_PREFIX: prefix } });
  });

  afterAll(async () => {
    await worker?.close();
    await app?.close();
    await obliterateQueues(prefix);
    await database?.drop();
  });

  it('starts with the defaults, readable by the admin and the 督查室 only, with the version as ETag', async () => {
    for (const caller of [callers.admin, callers.supervisor]) {
      const response = await app.inject({ method: 'GET', url, headers: caller.headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      expect(response.json()).toMatchObject({
        dueSoonOffsets: [5, 3, 1],
        onDueDay: true,
        overdueRepeatEvery: 3,
        escalateLeadAfter: 5,
        escalateSupervisorAfter: 10,
        sendAt: '08:30',
        version: 1,
      });
    }
    for (const caller of [callers.editorA, callers.viewer]) {
      await expect(app.inject({ method: 'GET', url, headers: caller.headers })).resolves.toMatchObject({ statusCode: 403 });
    }
    await expect(app.inject({ method: 'GET', url, headers: await apiKeyHeaders(database.dataSource, ['projects:read']) })).resolves.toMatchObject({ statusCode: 403 });
    await expect(app.inject({ method: 'GET', url })).resolves.toMatchObject({ statusCode: 401 });
  });

  it('the worker registered the daily scan at 08:30 Asia/Shanghai', async () => {
    const scheduler = await waitFor(() => worker.queues.queue('reminder-scan').getJobScheduler(REMINDER_SCAN_SCHEDULER_ID), { what: 'scan scheduler' });
    expect(scheduler).toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' });
  });

  it('only the admin may change them, and only with the version read', async () => {
    await expect(app.inject({ method: 'PUT', url, headers: { ...callers.supervisor.headers, 'if-match': '"1"' }, payload: valid })).resolves.toMatchObject({ statusCode: 403 });
    const unconditional = await app.inject({ method: 'PUT', url, headers: callers.admin.headers, payload: valid });
    expect(unconditional.statusCode).toBe(428);
  });

  it('answers invalid rules with 400 naming each field', async () => {
    const response = await app.inject({
      method: 'PUT',
      url,
      headers: { ...callers.admin.headers, 'if-match': '"1"' },
      payload: { dueSoonOffsets: [0, 3, 3], overdueRepeatEvery: 0, escalateLeadAfter: 5, escalateSupervisorAfter: 10, sendAt: '25:00' },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().details.map((detail: { field: string }) => detail.field);
    expect(new Set(fields)).toEqual(new Set(['dueSoonOffsets', 'onDueDay', 'overdueRepeatEvery', 'sendAt']));

    const inverted = await app.inject({
      method: 'PUT',
      url,
      headers: { ...callers.admin.headers, 'if-match': '"1"' },
      payload: { ...valid, escalateLeadAfter: 10, escalateSupervisorAfter: 5 },
    });
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'escalateSupervisorAfter' }] });
  });

  it('replaces them (audited), refuses a stale version, and the worker reschedules the scan', async () => {
    const response = await app.inject({ method: 'PUT', url, headers: { ...callers.admin.headers, 'if-match': '"1"' }, payload: valid });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(response.json()).toMatchObject({ ...valid, dueSoonOffsets: [4, 1], version: 2 });

    const [audit] = await auditRowsOf(database.dataSource, 'reminder_rules', '1');
    expect(audit).toMatchObject({ action: 'update', actorId: callers.admin.userId });
    expect(audit.before).toMatchObject({ sendAt: '08:30', version: 1 });
    expect(audit.after).toMatchObject({ sendAt: '09:15', version: 2 });

    const stale = await app.inject({ method: 'PUT', url, headers: { ...callers.admin.headers, 'if-match': '"1"' }, payload: valid });
    expect(stale.statusCode).toBe(412);

    await waitFor(
      async () => (await worker.queues.queue('reminder-scan').getJobScheduler(REMINDER_SCAN_SCHEDULER_ID))?.pattern === '15 9 * * *',
      { what: 'scan rescheduled to 09:15' },
    );
    await expect(worker.queues.queue('reminder-scan').getJobScheduler(REMINDER_SCAN_SCHEDULER_ID)).resolves.toMatchObject({ tz: 'Asia/Shanghai' });
  });

  it('the next scan follows the new rules', async () => {
    // Tue 2026-10-13 with offsets {4, 1}: the milestone due Fri 10-16 (3 working days ahead) gets nothing now.
    await worker.scan();
    const rules: Array<{ rule: string }> = await database.dataSource.query(`SELECT DISTINCT rule FROM reminders ORDER BY rule`);
    expect(rules.map((row) => row.rule)).not.toContain('due-soon-3');
    const overdue: Array<{ working_days_late: number; escalation_level: number }> = await database.dataSource.query(
      `SELECT DISTINCT working_days_late, escalation_level FROM reminders WHERE kind = 'overdue' ORDER BY working_days_late`,
    );
    // Every 2 working days from the first (1, 3, 5, …) plus the thresholds 4 (E1) and 8 (E2): of the fixture's
    // 1, 5 and 10 working days late, 10 no longer fires.
    expect(overdue).toEqual([
      { working_days_late: 1, escalation_level: 0 },
      { working_days_late: 5, escalation_level: 1 },
    ]);
  });
});
