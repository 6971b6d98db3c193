import { get } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createUser, signIn } from './support/factories';
import { createTestApp, testQueuePrefix } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, reminderStatuses, TestWorker, waitFor } from './support/worker-app';
import { createReminderPortfolio, EXPECTED_REMINDERS, REMINDER_DAY, REMINDER_NOW } from './support/worker-fixtures';

function getJson(port: number, path: string): Promise<any> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve(JSON.parse(text)));
    }).on('error', reject);
  });
}

/** Tue 2026-10-13 08:00 in Shanghai: before the 08:30 send time. */
const BEFORE_SEND_TIME = '2026-10-13T00:00:00Z';

describe('scheduled jobs: every run recorded, missed ones caught up once, manual runs from the API', () => {
  let database: TestDatabase;
  const workers: TestWorker[] = [];

  const runs = (job: string) =>
    database.dataSource.query(
      `SELECT job, occurrence, kind, trigger, status, attempts, counts, error FROM job_runs WHERE job = $1 ORDER BY created_at`,
      [job],
    );
  const count = async (sql: string) => Number((await database.dataSource.query(sql))[0].n);
  const start = async (now: string, prefix: string) => {
    const worker = await createTestWorker(database, { now, env: { QUEUE_PREFIX: prefix, REMINDER_CATCH_UP: 'true', JOB_WATCHDOG_INTERVAL_MS: '500' } });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await createReminderPortfolio(database.dataSource);
  });

  afterAll(async () => {
    for (const worker of workers) await worker.close().catch(() => undefined);
    for (const prefix of new Set(workers.map((worker) => worker.prefix))) await obliterateQueues(prefix);
    await database?.drop();
  });

  it('a worker stopped across the 08:30 scan runs it when it starts; two starting together run it once; the missing 周报 is built', async () => {
    const prefix = testQueuePrefix('catch-up');
    // Up at 08:00: today's scan is not due yet; last week's report (Monday 07:00) is, and nobody built it.
    const early = await start(BEFORE_SEND_TIME, prefix);
    await waitFor(async () => (await runs('weekly-report'))[0]?.status === 'done', { what: 'the weekly report run' });
    await expect(runs('reminder-scan')).resolves.toEqual([]);
    await early.close();
    workers.splice(workers.indexOf(early), 1);

    // Down at 08:30; at 09:00 two workers start at the same time.
    const [first] = await Promise.all([start(REMINDER_NOW, prefix), start(REMINDER_NOW, prefix)]);
    await waitFor(async () => (await runs('reminder-scan'))[0]?.status === 'done', { what: 'the caught-up reminder scan' });
    await waitFor(async () => (await reminderStatuses(database)).sent === EXPECTED_REMINDERS, { what: 'reminders sent' });
    await waitFor(async () => (await runs('notice-reminder-scan'))[0]?.status === 'done', { what: 'the caught-up notice scan' });
    // Let both watchdogs go round a few more times: still one run each.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await expect(runs('reminder-scan')).resolves.toEqual([
      {
        job: 'reminder-scan',
        occurrence: REMINDER_DAY,
        kind: 'scheduled',
        trigger: 'catch-up',
        status: 'done',
        attempts: 1,
        counts: expect.objectContaining({ status: 'done', today: REMINDER_DAY, reminders: EXPECTED_REMINDERS, inserted: EXPECTED_REMINDERS }),
        error: null,
      },
    ]);
    await expect(runs('notice-reminder-scan')).resolves.toEqual([expect.objectContaining({ occurrence: REMINDER_DAY, trigger: 'catch-up', status: 'done', attempts: 1 })]);
    await expect(runs('weekly-report')).resolves.toEqual([
      expect.objectContaining({ occurrence: '2026-W41', kind: 'scheduled', trigger: 'catch-up', status: 'done', attempts: 1, counts: expect.objectContaining({ outcome: 'built' }) }),
    ]);
    await expect(count(`SELECT count(*) AS n FROM weekly_reports WHERE iso_week = '2026-W41'`)).resolves.toBe(1);
    await expect(reminderStatuses(database)).resolves.toEqual({ sent: EXPECTED_REMINDERS });
    await expect(count(`SELECT count(*) AS n FROM notifications`)).resolves.toBe(EXPECTED_REMINDERS);
    await expect(count(`SELECT count(DISTINCT (reminder_id, user_id)) AS n FROM notifications`)).resolves.toBe(EXPECTED_REMINDERS);

    // The worker's health shows the last run of each job.
    const health = await getJson(first.health.port!, '/health');
    expect(health.jobRuns).toMatchObject({
      'reminder-scan': { occurrence: REMINDER_DAY, status: 'done', trigger: 'catch-up', counts: { reminders: EXPECTED_REMINDERS } },
      'notice-reminder-scan': { occurrence: REMINDER_DAY, status: 'done' },
      'weekly-report': { occurrence: '2026-W41', status: 'done' },
    });
  });

  describe('the admin API', () => {
    let api: NestFastifyApplication;
    let admin: { authorization: string };
    let viewer: { authorization: string };

    beforeAll(async () => {
      const prefix = workers[0]?.prefix ?? testQueuePrefix('job-runs-api');
      api = await createTestApp(database, { KPT_FIXED_NOW: REMINDER_NOW, QUEUE_PREFIX: prefix });
      admin = await signIn(api, (await createUser(database.dataSource, 'admin')).username);
      // (a viewer, not a supervisor: an active supervisor would be one more recipient of the E2 reminders)
      viewer = await signIn(api, (await createUser(database.dataSource, 'viewer')).username);
    });

    afterAll(async () => {
      await api?.close();
    });

    const runNow = (name: string, headers = admin, payload?: object) => api.inject({ method: 'POST', url: `/api/v1/admin/jobs/${name}/run`, headers, payload });
    const getRun = async (id: string) => (await api.inject({ method: 'GET', url: `/api/v1/admin/job-runs/${id}`, headers: admin })).json();

    it('runs a scan now (202 + run id, then its counts); a second run the same day sends nothing twice', async () => {
      const before = await count(`SELECT count(*) AS n FROM notifications`);
      const started = await runNow('reminder-scan');
      expect(started.statusCode).toBe(202);
      expect(started.json()).toMatchObject({ id: expect.any(String), job: 'reminder-scan', occurrence: REMINDER_DAY, status: 'queued' });
      const done = await waitFor(async () => {
        const run = await getRun(started.json().id);
        return run.status === 'done' && run;
      }, { what: 'the manual run' });
      expect(done).toMatchObject({ kind: 'manual', trigger: 'manual', attempts: 1, counts: { reminders: EXPECTED_REMINDERS, inserted: 0 } });

      const again = await runNow('reminder-scan');
      expect(again.statusCode).toBe(202);
      await waitFor(async () => (await getRun(again.json().id)).status === 'done', { what: 'the second manual run' });
      await expect(count(`SELECT count(*) AS n FROM notifications`)).resolves.toBe(before);
      await expect(reminderStatuses(database)).resolves.toEqual({ sent: EXPECTED_REMINDERS });

      const list = await api.inject({ method: 'GET', url: '/api/v1/admin/job-runs?job=reminder-scan&pageSize=2', headers: admin });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toMatchObject({ total: 3, page: 1, pageSize: 2, items: [{ id: again.json().id }, { id: started.json().id }] });
      const audit = await database.dataSource.query(`SELECT action, entity_type FROM audit_log WHERE entity_id = $1`, [started.json().id]);
      expect(audit).toEqual([{ action: 'run', entity_type: 'job_run' }]);
    });

    it('builds a named past week on demand, and says what is wrong with a bad request', async () => {
      const started = await runNow('weekly-report', admin, { isoWeek: '2026-W40' });
      expect(started.statusCode).toBe(202);
      await waitFor(async () => (await getRun(started.json().id)).status === 'done', { what: 'the weekly build' });
      await expect(count(`SELECT count(*) AS n FROM weekly_reports WHERE iso_week = '2026-W40'`)).resolves.toBe(1);

      const notEnded = await runNow('weekly-report', admin, { isoWeek: '2026-W42' });
      expect(notEnded.statusCode).toBe(400);
      expect(notEnded.json()).toMatchObject({ code: 'INVALID_ISO_WEEK', details: [{ field: 'isoWeek' }] });
      const malformed = await runNow('weekly-report', admin, { isoWeek: 'last week' });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'isoWeek' })]);
      const unknown = await runNow('clean-everything');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'SCHEDULED_JOB_NOT_FOUND' });
      expect((await runNow('reminder-scan', viewer)).statusCode).toBe(403);
      expect((await api.inject({ method: 'POST', url: '/api/v1/admin/jobs/reminder-scan/run' })).statusCode).toBe(401);
      expect((await api.inject({ method: 'GET', url: '/api/v1/admin/job-runs/not-a-uuid', headers: admin })).statusCode).toBe(400);
      expect((await api.inject({ method: 'GET', url: '/api/v1/admin/job-runs/00000000-0000-4000-8000-000000000000', headers: admin })).statusCode).toBe(404);
      expect((await api.inject({ method: 'GET', url: '/api/v1/admin/job-runs?job=nope', headers: admin })).statusCode).toBe(400);
    });

    it('refuses a second manual run while the first is still queued (409)', async () => {
      // No worker on this prefix: the run stays queued.
      const idle = await createTestApp(database, { KPT_FIXED_NOW: REMINDER_NOW, QUEUE_PREFIX: testQueuePrefix('job-runs-idle') });
      try {
        const headers = await signIn(idle, (await createUser(database.dataSource, 'admin')).username);
        const first = await idle.inject({ method: 'POST', url: '/api/v1/admin/jobs/notice-reminder-scan/run', headers });
        expect(first.statusCode).toBe(202);
        const second = await idle.inject({ method: 'POST', url: '/api/v1/admin/jobs/notice-reminder-scan/run', headers });
        expect(second.statusCode).toBe(409);
        expect(second.json()).toMatchObject({ code: 'JOB_RUN_IN_PROGRESS' });
        await database.dataSource.query(`UPDATE job_runs SET status = 'expired' WHERE id = $1`, [first.json().id]);
      } finally {
        await idle.close();
      }
    });
  });
});
