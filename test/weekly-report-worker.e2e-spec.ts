import { Queue, QueueEvents } from 'bullmq';
import { QueueWorkers, WEEKLY_REPORT_SCHEDULER_ID } from '@app/queue';
import { contentHash } from '@app/reporting';
import { JobSchedules } from '../apps/worker/src/job-runs/job-schedules';
import { Injectable } from '@nestjs/common';
import { BuildWeeklyReportProcessor, BuildWeeklyReportResult } from '../apps/worker/src/weekly-reports/build-weekly-report.processor';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker } from './support/worker-app';
import { buildPortfolio, expectedW47, Portfolio, REPORT_WEEK } from './weekly-report.fixture';

const BUILD_WEEKLY_REPORT_JOB = 'build-weekly-report';
const MONDAY_0700 = '2026-11-23T07:00:00+08:00';

/** The worker's Monday job, on real Redis (this file's own QUEUE_PREFIX) and Postgres; the clock says Monday 2026-11-23 07:00. */
describe('weekly report worker job', () => {
  let database: TestDatabase;
  let worker: TestWorker;
  let queue: Queue;
  let events: QueueEvents;
  let portfolio: Portfolio;

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    // The whole worker (its job runs on the registry's 'weekly-reports' queue); no catch-up: the tests add the jobs.
    worker = await createTestWorker(database, { now: MONDAY_0700 });
    await worker.app.get(JobSchedules).registered;
    queue = worker.queues.queue('weekly-reports');
    events = new QueueEvents('weekly-reports', { connection: { url: process.env.REDIS_URL }, prefix: worker.prefix });
    await events.waitUntilReady();
  });

  afterAll(async () => {
    await events?.close();
    await worker?.close();
    if (worker) await obliterateQueues(worker.prefix);
    await database?.drop();
  });

  it('registers one job scheduler with a stable id: Monday 07:00, Asia/Shanghai', async () => {
    await worker.app.get(JobSchedules).sync(); // as a second worker process does: the same id
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: WEEKLY_REPORT_SCHEDULER_ID, pattern: '0 7 * * 1', tz: 'Asia/Shanghai', name: BUILD_WEEKLY_REPORT_JOB });
  });

  it("builds the previous week's report when the job runs, and leaves a stored week alone the next time", async () => {
    const job = await queue.add(BUILD_WEEKLY_REPORT_JOB, { trigger: 'schedule' }, { jobId: 'weekly-report-test-1' });
    await expect(job.waitUntilFinished(events, 30_000)).resolves.toEqual({
      isoWeek: REPORT_WEEK,
      outcome: 'built',
      contentHash: contentHash(expectedW47(portfolio)),
      runId: expect.any(String),
    });
    const [stored] = await database.dataSource.query(`SELECT iso_week, build_source, built_by, revision, content FROM weekly_reports`);
    expect(stored).toMatchObject({ iso_week: REPORT_WEEK, build_source: 'schedule', built_by: 'worker', revision: 1 });
    expect(stored.content).toEqual(expectedW47(portfolio));
    const audit = await database.dataSource.query(`SELECT actor_type, actor_name, action FROM audit_log WHERE entity_type = 'weekly_report'`);
    expect(audit).toEqual([{ actor_type: 'system', actor_name: 'worker', action: 'build' }]);

    // The schedule fires again (a second tick for the same week): the week's run is done, nothing is rebuilt.
    const again = await queue.add(BUILD_WEEKLY_REPORT_JOB, { trigger: 'schedule' }, { jobId: 'weekly-report-test-2' });
    await expect(again.waitUntilFinished(events, 30_000)).resolves.toMatchObject({ status: 'skipped', reason: 'run already done' });
    await expect(database.dataSource.query(`SELECT occurrence, status, attempts FROM job_runs`)).resolves.toEqual([{ occurrence: REPORT_WEEK, status: 'done', attempts: 1 }]);
    await expect(database.dataSource.query(`SELECT count(*)::int AS n FROM weekly_reports`)).resolves.toEqual([{ n: 1 }]);
  });

  it('builds a named past week on a manual job', async () => {
    const job = await queue.add(BUILD_WEEKLY_REPORT_JOB, { trigger: 'manual', isoWeek: '2026-W46' }, { jobId: 'weekly-report-test-3' });
    await expect(job.waitUntilFinished(events, 30_000)).resolves.toMatchObject({ isoWeek: '2026-W46', outcome: 'built' });
    const [row] = await database.dataSource.query(`SELECT build_source, content -> 'overview' -> 'overdue' AS overdue FROM weekly_reports WHERE iso_week = '2026-W46'`);
    // As of Sunday 11-15: P4m1 (10-30) was overdue and had been before 11-08; P2m1 (11-12) became overdue during W46.
    expect(row).toEqual({ build_source: 'on_demand', overdue: { newly: 1, still: 1, total: 2 } });
  });

  it('does not wait at shutdown longer than WORKER_SHUTDOWN_TIMEOUT_MS for a build in flight', async () => {
    // A worker of its own (own prefix, so the first one cannot take the job) whose build never ends by itself.
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    @Injectable()
    class BlockedBuild extends BuildWeeklyReportProcessor {
      override async build(): Promise<BuildWeeklyReportResult> {
        await blocked;
        return { isoWeek: REPORT_WEEK, outcome: 'existing', contentHash: '' };
      }
    }
    const slow = await createTestWorker(database, {
      now: MONDAY_0700,
      env: { WORKER_SHUTDOWN_TIMEOUT_MS: '200' },
      override: (builder) => builder.overrideProvider(BuildWeeklyReportProcessor).useClass(BlockedBuild),
    });
    try {
      const job = await slow.queues.queue('weekly-reports').add(BUILD_WEEKLY_REPORT_JOB, { trigger: 'manual' }, { jobId: 'weekly-report-test-slow' });
      for (let i = 0; i < 250 && !(await job.isActive()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await job.isActive()).toBe(true);
      const started = Date.now();
      await slow.app.get(QueueWorkers).onModuleDestroy();
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      release();
      await slow.close();
      await obliterateQueues(slow.prefix);
    }
  });
});
