import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Job, Queue, Worker } from 'bullmq';
import { AuditLog } from '@app/domain';
import { QUEUE_NAMES, QueueRegistry } from '@app/queue';
import { ADMIN_QUEUE_NAMES } from '../apps/api/src/queue-admin/admin-queues';
import { createUser, signIn } from './support/factories';
import { TEST_REDIS_URL } from './support/services';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Headers = Record<string, string>;

const ROBOT_TOKEN = 'f00dfeedc0ffee00112233445566778899aabbccddeeff0011223344556677ab';

describe('queue administration: failed jobs API and Bull Board', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let prefix: string;
  let reminders: Queue;
  let noticeReminders: Queue;
  const workers: Worker[] = [];
  const as = {} as Record<'admin' | 'supervisor' | 'viewer' | 'editor', Headers>;
  let failedJob: Job;

  /** A worker on the app's own queue prefix (unique per test app), as apps/worker would run it. */
  function startWorker(processor: (job: Job) => Promise<unknown>, queue = 'reminders'): Worker {
    const worker = new Worker(queue, processor, { connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null }, prefix });
    workers.push(worker);
    return worker;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    prefix = app.get(QueueRegistry).prefix;
    expect(prefix).toMatch(/^kpt-test-/);
    reminders = new Queue('reminders', { connection: { url: TEST_REDIS_URL }, prefix });
    const ds = database.dataSource;
    const department = (await ds.query(`INSERT INTO departments (code, name, kind) VALUES ('yq-fgw', '玉泉区发展和改革委员会', 'department') RETURNING id`))[0];
    await createUser(ds, 'admin', { username: 'admin' });
    await createUser(ds, 'supervisor', { username: 'supervisor' });
    await createUser(ds, 'viewer', { username: 'viewer' });
    await createUser(ds, 'department_editor', { username: 'editor', departmentId: department.id });
    for (const role of ['admin', 'supervisor', 'viewer', 'editor'] as const) as[role] = await signIn(app, role);

    // A reminder delivery that fails on every attempt, in a real BullMQ queue.
    const failing = startWorker(async () => {
      throw new Error('钉钉机器人 https://oapi.dingtalk.com/robot/send refused the message: errcode 310000 sign not match');
    });
    const failed = new Promise<Job>((resolve) => failing.on('failed', (job) => job && job.attemptsMade >= 2 && resolve(job)));
    await reminders.add(
      'send-reminder',
      { reminderId: 'reminder-m1-overdue-20260305-dingtalk-1a2b3c4d5e6f7a8b', webhook: `https://oapi.dingtalk.com/robot/send?access_token=${ROBOT_TOKEN}`, secret: 'SECxyz' },
      { jobId: 'reminder-m1-overdue-20260305-dingtalk-1a2b3c4d5e6f7a8b', attempts: 2, backoff: { type: 'fixed', delay: 10 }, removeOnFail: false },
    );
    failedJob = await failed;
    await failing.close();

    // And one in another queue of the registry (督办单催办).
    noticeReminders = new Queue('notice-reminders', { connection: { url: TEST_REDIS_URL }, prefix });
    const failingNotice = startWorker(async () => {
      throw new Error('SMTP delivery to dbs@yuquan.example.gov.cn failed (EENVELOPE): 550 mailbox unavailable');
    }, 'notice-reminders');
    const noticeFailed = new Promise<Job>((resolve) => failingNotice.on('failed', (job) => job && resolve(job)));
    await noticeReminders.add('send-notice-reminder', { reminderId: 'notice-reminder-n1-20260306-email-0011223344556677' }, { jobId: 'notice-reminder-n1-20260306-email-0011223344556677', attempts: 1 });
    await noticeFailed;
    await failingNotice.close();
  });

  afterAll(async () => {
    await Promise.allSettled(workers.map((worker) => worker.close()));
    for (const queue of [reminders, noticeReminders]) {
      if (!queue) continue;
      await queue.obliterate({ force: true }).catch(() => undefined); // only keys under this app's unique prefix
      await queue.close();
    }
    await app?.close();
    await database?.drop();
  });

  describe('GET /admin/failed-jobs', () => {
    it('shows the failed job to the 督查室 and admins: reason, attempts, timestamps, data with credentials masked', async () => {
      for (const headers of [as.supervisor, as.admin]) {
        const response = await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs?queue=reminders', headers });
        expect(response.statusCode).toBe(200);
        const page = response.json();
        expect(page).toMatchObject({ total: 1, page: 1, pageSize: 20 });
        expect(page.items).toEqual([
          {
            queue: 'reminders',
            id: failedJob.id,
            name: 'send-reminder',
            dataSummary: expect.stringContaining('"reminderId":"reminder-m1-overdue-20260305-dingtalk-1a2b3c4d5e6f7a8b"'),
            failedReason: expect.stringContaining('errcode 310000 sign not match'),
            attemptsMade: 2,
            maxAttempts: 2,
            createdAt: expect.any(String),
            processedAt: expect.any(String),
            failedAt: expect.any(String),
          },
        ]);
        expect(page.items[0].dataSummary).toContain('access_token=****77ab');
        expect(page.items[0].dataSummary).toContain('"secret":"****"');
        expect(response.body).not.toContain(ROBOT_TOKEN);
        expect(response.body).not.toContain('SECxyz');
      }
    });

    it('without a queue lists the failed jobs of every queue, the worker’s own included, newest failure first', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs', headers: as.admin });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        total: 2,
        items: [
          { queue: 'notice-reminders', id: 'notice-reminder-n1-20260306-email-0011223344556677', failedReason: expect.stringContaining('550') },
          { queue: 'reminders', id: failedJob.id },
        ],
      });
      const second = await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs?pageSize=1&page=2', headers: as.admin });
      expect(second.json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ queue: 'reminders', id: failedJob.id }] });
      const empty = await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs?queue=reminder-scan', headers: as.admin });
      expect(empty.json()).toMatchObject({ total: 0, items: [] });
    });

    it('refuses viewers and department editors (403) and an unknown queue (400 naming queue)', async () => {
      for (const headers of [as.viewer, as.editor]) {
        expect((await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs', headers })).statusCode).toBe(403);
      }
      const unknown = await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs?queue=emails', headers: as.admin });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().details.map((detail: { field: string }) => detail.field)).toEqual(['queue']);
    });
  });

  describe('POST /admin/failed-jobs/:queue/:jobId/retry', () => {
    const retry = (queue: string, jobId: string, headers: Headers) =>
      app.inject({ method: 'POST', url: `/api/v1/admin/failed-jobs/${queue}/${jobId}/retry`, headers });

    it('is for admins only', async () => {
      expect((await retry('reminders', failedJob.id!, as.supervisor)).statusCode).toBe(403);
      expect((await retry('reminders', failedJob.id!, as.viewer)).statusCode).toBe(403);
    });

    it('answers 404 for an unknown queue or job', async () => {
      const queue = await retry('emails', failedJob.id!, as.admin);
      expect(queue.statusCode).toBe(404);
      expect(queue.json()).toMatchObject({ code: 'QUEUE_NOT_FOUND' });
      const job = await retry('reminders', 'reminder-nope', as.admin);
      expect(job.statusCode).toBe(404);
      expect(job.json()).toMatchObject({ code: 'JOB_NOT_FOUND' });
    });

    it('re-queues the failed job, audited; a second retry is a 409; a worker then completes it', async () => {
      const response = await retry('reminders', failedJob.id!, as.admin);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ queue: 'reminders', id: failedJob.id, state: 'waiting' });
      await expect(reminders.getJobState(failedJob.id!)).resolves.toBe('waiting');
      expect((await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs?queue=reminders', headers: as.admin })).json()).toMatchObject({ total: 0 });
      expect((await app.inject({ method: 'GET', url: '/api/v1/admin/failed-jobs', headers: as.admin })).json()).toMatchObject({ total: 1 });

      const again = await retry('reminders', failedJob.id!, as.admin);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'JOB_NOT_FAILED', details: [{ field: 'jobId', reason: 'state is waiting' }] });

      const audit = await database.dataSource.getRepository(AuditLog).findOneByOrFail({ entityType: 'queue_job', action: 'retry' });
      expect(audit).toMatchObject({ actorName: 'admin', entityId: `reminders/${failedJob.id}`, before: { state: 'failed', attemptsMade: 2 }, after: { state: 'waiting' } });

      const healthy = startWorker(async () => 'sent');
      const completed = new Promise<Job>((resolve) => healthy.on('completed', (job) => resolve(job)));
      await expect(completed).resolves.toMatchObject({ id: failedJob.id, returnvalue: 'sent' });
    });
  });

  it('covers every queue of the registry, the notice reminders and weekly reports included', () => {
    expect([...ADMIN_QUEUE_NAMES].sort()).toEqual([...QUEUE_NAMES].sort());
    expect(ADMIN_QUEUE_NAMES).toEqual(expect.arrayContaining(['reminders', 'reminder-scan', 'domain-events', 'notice-reminders', 'weekly-reports']));
  });

  describe('Bull Board at /admin/queues', () => {
    it('refuses a request without credentials (401), and non-admins (403), in the API error shape', async () => {
      const anonymous = await app.inject({ method: 'GET', url: '/admin/queues' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json()).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      for (const headers of [as.supervisor, as.viewer, as.editor]) {
        const response = await app.inject({ method: 'GET', url: '/admin/queues', headers });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
        expect((await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers })).statusCode).toBe(403);
      }
      const forged = await app.inject({ method: 'GET', url: '/admin/queues', headers: { authorization: 'Bearer not-a-token' } });
      expect(forged.statusCode).toBe(401);
    });

    it('serves the board and its API to an admin with a Bearer token, over every queue', async () => {
      const page = await app.inject({ method: 'GET', url: '/admin/queues', headers: as.admin });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.body).toContain('/admin/queues');

      const api = await app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: as.admin });
      expect(api.statusCode).toBe(200);
      expect(api.json().queues.map((queue: { name: string }) => queue.name).sort()).toEqual(
        ['domain-events', 'notice-reminders', 'reminder-scan', 'reminders', 'weekly-reports'],
      );
    });

    it('lets a browser in with the session cookie from GET /admin/queues/session (admin only); the cookie is no API token', async () => {
      expect((await app.inject({ method: 'GET', url: '/api/v1/admin/queues/session', headers: as.supervisor })).statusCode).toBe(403);

      const session = await app.inject({ method: 'GET', url: '/api/v1/admin/queues/session', headers: as.admin });
      expect(session.statusCode).toBe(200);
      expect(session.json()).toEqual({ boardUrl: '/admin/queues', expiresAt: expect.any(String) });
      const setCookie = String(session.headers['set-cookie']);
      expect(setCookie).toMatch(/^kpt_queues_session=[^;]+; Path=\/admin\/queues; Max-Age=900; HttpOnly; SameSite=Strict$/);
      const cookie = setCookie.split(';')[0];

      const page = await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie } });
      expect(page.statusCode).toBe(200);

      const token = cookie.split('=')[1];
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
      const tampered = await app.inject({ method: 'GET', url: '/admin/queues', headers: { cookie: `${cookie}x` } });
      expect(tampered.statusCode).toBe(401);
    });
  });
});
