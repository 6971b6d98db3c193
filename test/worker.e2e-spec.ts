import { get } from 'node:http';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Worker } from 'bullmq';
import { Clock, FixedClock } from '@app/calendar';
import { HandlesJob, JobHandlerRegistrationError, QueueWorkers } from '@app/queue';
import { InboxChannel } from '../apps/worker/src/reminder-delivery/inbox.channel';
import { JobSchedules } from '../apps/worker/src/job-runs/job-schedules';
import { SendReminderProcessor } from '../apps/worker/src/reminders/send-reminder.processor';
import { SendNoticeReminderProcessor } from '../apps/worker/src/notice-reminders/send-notice-reminder.processor';
import { BuildWeeklyReportProcessor } from '../apps/worker/src/weekly-reports/build-weekly-report.processor';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { testEnv } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, reminderStatuses, TestWorker, waitFor } from './support/worker-app';
import { createReminderPortfolio, EXPECTED_REMINDERS, REMINDER_NOW } from './support/worker-fixtures';

function getJson(port: number, path: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (response) => {
      let text = '';
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    }).on('error', reject);
  });
}

/**
 * The inbox, held: a delivery waits at the gate, before it touches the database, until the test opens it — so a test
 * catches jobs in flight by counting them, not by guessing how long they take (a busy machine stretches any guess).
 */
function heldInbox() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const deliveries: Array<Promise<unknown>> = [];
  @Injectable()
  class HeldInboxChannel extends InboxChannel {
    override deliverOnce(...args: Parameters<InboxChannel['deliverOnce']>): Promise<boolean> {
      const delivery = opened.then(() => super.deliverOnce(...args));
      deliveries.push(delivery.catch(() => undefined));
      return delivery;
    }
  }
  return {
    channel: HeldInboxChannel,
    /** Deliveries that reached the gate. */
    get entered() {
      return deliveries.length;
    },
    open,
    /** Resolves once every delivery that reached the gate has ended (delivered or failed). */
    settled: () => Promise.all(deliveries),
  };
}

describe('worker: health, handler registry, graceful shutdown', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
    await createReminderPortfolio(database.dataSource);
  });

  afterAll(async () => {
    await database?.drop();
  });

  describe('health', () => {
    let worker: TestWorker;

    beforeAll(async () => {
      worker = await createTestWorker(database, { now: REMINDER_NOW });
    });

    afterAll(async () => {
      await worker?.close();
      if (worker) await obliterateQueues(worker.prefix);
    });

    it('reports Postgres, Redis, the backlog of every queue and the calendar coverage', async () => {
      // The schedulers are written in the background after boot; the next scan's delayed job is asserted below.
      await worker.app.get(JobSchedules).registered;
      await worker.queues.queue('reminders').pause();
      await worker.scan();
      const { status, body } = await getJson(worker.health.port!, '/health');
      expect(status).toBe(200);
      expect(body).toMatchObject({
        status: 'ok',
        postgres: { status: 'up' },
        redis: { status: 'up' },
        queues: {
          reminders: { waiting: EXPECTED_REMINDERS, active: 0, delayed: 0, failed: 0 },
          'reminder-scan': { waiting: 0, active: 0, failed: 0 },
          'domain-events': { waiting: 0, active: 0, failed: 0 },
          'notice-reminders': { waiting: 0, active: 0, failed: 0 },
          'weekly-reports': { waiting: 0, active: 0, failed: 0 },
        },
        outbox: { unpublished: 0, oldestUnpublishedAt: null },
        calendar: { status: 'ok', today: '2026-10-13', todayIsWorkingDay: true, currentYearCovered: true, uncoveredYears: [] },
      });
      // The job scheduler holds the next scan as a delayed job.
      expect(body.queues['reminder-scan'].delayed).toBe(1);
      await worker.queues.queue('reminders').resume();
      await waitFor(async () => (await reminderStatuses(database)).sent === EXPECTED_REMINDERS, { what: 'reminders sent' });
    });

    it('says so when the year has no official holiday schedule', async () => {
      worker.clock.set('2099-03-02T01:00:00Z');
      const { body } = await getJson(worker.health.port!, '/health');
      expect(body.calendar).toMatchObject({ status: 'degraded', today: '2099-03-02', currentYearCovered: false, uncoveredYears: expect.arrayContaining([2099]) });
      worker.clock.set(REMINDER_NOW);
    });
  });

  describe('schedule', () => {
    it('every worker keeps one scheduler per scheduled job in Redis; a second worker finds them in place', async () => {
      const first = await createTestWorker(database, { now: REMINDER_NOW });
      try {
        await first.app.get(JobSchedules).registered;
        await expect(first.queues.queue('reminder-scan').getJobScheduler('reminder-scan')).resolves.toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' });
        await expect(first.queues.queue('notice-reminders').getJobScheduler('notice-reminder-scan')).resolves.toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' });
        await expect(first.queues.queue('weekly-reports').getJobScheduler('weekly-report-build')).resolves.toMatchObject({ pattern: '0 7 * * 1', tz: 'Asia/Shanghai' });
        const second = await createTestWorker(database, { now: REMINDER_NOW, env: { QUEUE_PREFIX: first.prefix } });
        await expect(second.app.get(JobSchedules).sync()).resolves.toEqual([
          { id: 'reminder-scan', pattern: '30 8 * * *', changed: false },
          { id: 'notice-reminder-scan', pattern: '30 8 * * *', changed: false },
          { id: 'weekly-report-build', pattern: '0 7 * * 1', changed: false },
        ]);
        await second.close();
        for (const queue of ['reminder-scan', 'notice-reminders', 'weekly-reports'] as const) await expect(first.queues.queue(queue).getJobSchedulers()).resolves.toHaveLength(1);
      } finally {
        await first.close();
        await obliterateQueues(first.prefix);
      }
    });
    // Catching up a missed scan (job_runs) is in test/job-runs.e2e-spec.ts.
  });

  describe('handler registry', () => {
    const compile = async (configure: (builder: ReturnType<typeof Test.createTestingModule>) => ReturnType<typeof Test.createTestingModule>) => {
      Object.assign(process.env, testEnv(database, { WORKER_HEALTH_PORT: '0' }));
      const builder = configure(Test.createTestingModule({ imports: [WorkerModule] }).overrideProvider(Clock).useValue(new FixedClock(REMINDER_NOW)));
      const app = await builder.compile();
      app.useLogger(false);
      try {
        await app.init();
        return null;
      } catch (error) {
        return error as Error;
      } finally {
        // close() rethrows a failed init; run its shutdown hooks by hand to free what the failed boot opened.
        await app.close().catch(async () => {
          const hooks = app as unknown as Record<'callDestroyHook' | 'callBeforeShutdownHook' | 'callShutdownHook', () => Promise<void>>;
          await new Promise((resolve) => setTimeout(resolve, 300)); // let connections opened by constructors finish connecting
          await hooks.callDestroyHook();
          await hooks.callBeforeShutdownHook();
          await hooks.callShutdownHook();
        });
      }
    };

    it('refuses to start when a job has two handlers', async () => {
      @HandlesJob('send-reminder')
      @Injectable()
      class SecondSender {
        async handle() {
          return 'sent';
        }
      }
      const error = await compile((builder) => {
        builder = Test.createTestingModule({ imports: [WorkerModule], providers: [SecondSender] }).overrideProvider(Clock).useValue(new FixedClock(REMINDER_NOW));
        return builder;
      });
      expect(error).toBeInstanceOf(JobHandlerRegistrationError);
      expect(error!.message).toMatch(/job "send-reminder" has 2 handlers: (SendReminderProcessor, SecondSender|SecondSender, SendReminderProcessor)/);
    });

    it('refuses to start when a job has no handler', async () => {
      const error = await compile((builder) => builder.overrideProvider(SendReminderProcessor).useValue({}));
      expect(error).toBeInstanceOf(JobHandlerRegistrationError);
      expect(error!.message).toContain('job "send-reminder" has no handler');
    });

    it('covers every queue of the registry: the notice reminders and the weekly report too', async () => {
      const error = await compile((builder) => builder.overrideProvider(SendNoticeReminderProcessor).useValue({}).overrideProvider(BuildWeeklyReportProcessor).useValue({}));
      expect(error).toBeInstanceOf(JobHandlerRegistrationError);
      expect(error!.message).toContain('job "send-notice-reminder" has no handler');
      expect(error!.message).toContain('job "build-weekly-report" has no handler');
    });
  });

  describe('graceful shutdown (SIGTERM runs the same hooks)', () => {
    beforeEach(async () => {
      await database.dataSource.query(`DELETE FROM notifications`);
      await database.dataSource.query(`DELETE FROM reminders`);
    });

    it('stops taking jobs and lets the ones in flight finish before queues and database close', async () => {
      const inbox = heldInbox();
      const worker = await createTestWorker(database, {
        now: REMINDER_NOW,
        env: { REMINDER_SEND_CONCURRENCY: '2', WORKER_SHUTDOWN_TIMEOUT_MS: '20000' },
        override: (builder) => builder.overrideProvider(InboxChannel).useClass(inbox.channel),
      });
      const closeCalls = jest.spyOn(Worker.prototype, 'close');
      try {
        await worker.scan();
        await waitFor(async () => inbox.entered === 2, { intervalMs: 20, what: 'two deliveries in flight' });
        const closing = worker.close();
        // Open the gate once the reminders' BullMQ worker is closing (it takes no job after that), not before.
        await waitFor(async () => closeCalls.mock.contexts.some((context) => (context as Worker).name === 'reminders'), { intervalMs: 20, what: 'the workers closing' });
        inbox.open();
        await closing;
      } finally {
        closeCalls.mockRestore();
        inbox.open();
      }
      // The two in-flight deliveries completed; nothing else was started; the rest waits in Redis for the next worker.
      expect(inbox.entered).toBe(2);
      await expect(reminderStatuses(database)).resolves.toEqual({ sent: 2, queued: EXPECTED_REMINDERS - 2 });
      const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM notifications`);
      expect(n).toBe(2);
      await obliterateQueues(worker.prefix);
    });

    it('stops waiting for the workers after WORKER_SHUTDOWN_TIMEOUT_MS; a delivery cut off that way is still delivered once', async () => {
      const inbox = heldInbox();
      const worker = await createTestWorker(database, {
        now: REMINDER_NOW,
        env: { REMINDER_SEND_CONCURRENCY: '1', WORKER_SHUTDOWN_TIMEOUT_MS: '300', QUEUE_LOCK_DURATION_MS: '2000', QUEUE_BACKOFF_MS: '200' },
        override: (builder) => builder.overrideProvider(InboxChannel).useClass(inbox.channel),
      });
      const sends = worker.queues.queue('reminders');
      try {
        await worker.scan();
        await waitFor(async () => (await sends.getJobCounts('active')).active === 1 && inbox.entered === 1, { intervalMs: 20, what: 'a delivery in flight' });
        // What close() does first. The delivery is held until after the shutdown, so this returns only by giving up on it.
        await worker.app.get(QueueWorkers).onModuleDestroy();
        // The rest of the shutdown closes the queues, then the database; the abandoned delivery then ends on its own
        // (here it fails with the closed database; a real one may also have committed) — the next worker must settle it.
        await worker.close();
      } finally {
        inbox.open();
      }
      await inbox.settled();
      expect(inbox.entered).toBe(1);
      expect((await reminderStatuses(database)).sent ?? 0).toBeLessThanOrEqual(1);

      // The next worker takes the rest, and the job whose worker went away (stalled) is run again: delivered once.
      const next = await createTestWorker(database, { now: REMINDER_NOW, env: { QUEUE_PREFIX: worker.prefix, QUEUE_LOCK_DURATION_MS: '2000' } });
      try {
        await waitFor(async () => (await reminderStatuses(database)).sent === EXPECTED_REMINDERS, { what: 'all reminders sent' });
        const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM notifications`);
        expect(n).toBe(EXPECTED_REMINDERS);
      } finally {
        await next.close();
        await obliterateQueues(worker.prefix);
      }
    });
  });
});
