import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { parseExpression } from 'cron-parser';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue, Worker } from 'bullmq';
import { AppConfig } from '@app/config';
import { districtDate } from '@app/domain';
import { closeQueues, DEFAULT_JOB_OPTIONS, producerConnection, workerConnection } from '@app/queue';
import { lastCompletedIsoWeek } from '@app/reporting';
import { JobRuns } from '../job-runs/job-runs.service';
import type { ScheduledJobDefinition } from '../job-runs/scheduled-job';
import { BuildWeeklyReportProcessor } from './build-weekly-report.processor';
import {
  BUILD_WEEKLY_REPORT_JOB,
  BuildWeeklyReportPayload,
  WEEKLY_REPORT_QUEUE,
  WEEKLY_REPORT_SCHEDULER_ID,
} from './weekly-report-jobs';

/**
 * The Monday job: a BullMQ job scheduler with a stable id and a cron pattern in
 * Asia/Shanghai (WEEKLY_REPORT_CRON, default Monday 07:00), and the worker that
 * runs it on its own queue, with libs/queue's connection settings, prefix and
 * job defaults (5 attempts, exponential backoff). Every worker process upserts
 * the same scheduler at boot (retrying while Redis is unreachable, never
 * blocking the boot); BullMQ hands each run to one process.
 *
 * Shutdown: the worker first (in-flight build allowed WORKER_SHUTDOWN_TIMEOUT_MS),
 * then the queue — before the database closes.
 */
@Injectable()
export class WeeklyReportScheduler implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown, ScheduledJobDefinition {
  readonly name = 'weekly-report' as const;
  private readonly logger = new Logger(WeeklyReportScheduler.name);
  private readonly stopping = new AbortController();
  readonly queue: Queue<BuildWeeklyReportPayload>;
  private worker?: Worker<BuildWeeklyReportPayload>;
  /** The boot-time registration of the scheduler (resolves once it is in Redis). */
  registered?: Promise<void>;

  constructor(
    private readonly config: AppConfig,
    private readonly processor: BuildWeeklyReportProcessor,
    private readonly runs: JobRuns,
  ) {
    this.queue = new Queue<BuildWeeklyReportPayload>(WEEKLY_REPORT_QUEUE, {
      connection: producerConnection(config.REDIS_URL),
      prefix: config.QUEUE_PREFIX,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    this.queue.on('error', (error) => this.logger.debug(`queue ${WEEKLY_REPORT_QUEUE}: ${error.message}`));
  }

  onModuleInit(): void {
    this.runs.register(this);
  }

  /**
   * The week the schedule's most recent firing (WEEKLY_REPORT_CRON, Asia/Shanghai) builds: a worker that was down
   * on Monday morning, or a fresh install, builds the last completed week at start.
   */
  async dueOccurrence(now: Date): Promise<string | null> {
    const fired = parseExpression(this.config.WEEKLY_REPORT_CRON, {
      // prev() is strictly before currentDate: at the scheduled second itself, today's firing counts.
      currentDate: new Date(now.getTime() + 1000),
      tz: 'Asia/Shanghai',
    })
      .prev()
      .toDate();
    return lastCompletedIsoWeek(districtDate(fired)).name;
  }

  occurrenceOf(job: Job<BuildWeeklyReportPayload>): string {
    return this.processor.weekOf(job);
  }

  runQueue(): Queue {
    return this.queue;
  }

  onApplicationBootstrap(): void {
    this.worker = new Worker<BuildWeeklyReportPayload>(WEEKLY_REPORT_QUEUE, (job: Job<BuildWeeklyReportPayload>) => this.processor.handle(job), {
      connection: workerConnection(this.config.REDIS_URL),
      prefix: this.config.QUEUE_PREFIX,
      concurrency: 1,
      lockDuration: this.config.QUEUE_LOCK_DURATION_MS,
      stalledInterval: this.config.QUEUE_LOCK_DURATION_MS,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker ${WEEKLY_REPORT_QUEUE}: ${error.message}`));
    this.worker.on('failed', (job, error) => this.logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, `weekly report job failed: ${error.message}`));
    this.registered = this.registerUntilDone();
  }

  /** Upserts the scheduler (same id every time: still one schedule). */
  async register(): Promise<void> {
    await this.queue.upsertJobScheduler(
      WEEKLY_REPORT_SCHEDULER_ID,
      { pattern: this.config.WEEKLY_REPORT_CRON, tz: 'Asia/Shanghai' },
      { name: BUILD_WEEKLY_REPORT_JOB, data: { trigger: 'schedule' } },
    );
    this.logger.log(`weekly report scheduled: "${this.config.WEEKLY_REPORT_CRON}" Asia/Shanghai`);
  }

  private async registerUntilDone(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.register();
        return;
      } catch (error) {
        this.logger.warn(`could not register the weekly report schedule (attempt ${attempt}): ${(error as Error).message}; retrying`);
        await sleep(Math.min(30_000, 1000 * 2 ** attempt), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    if (!this.worker) return;
    let timer: NodeJS.Timeout | undefined;
    const closed = this.worker.close().then(() => 'closed' as const);
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.config.WORKER_SHUTDOWN_TIMEOUT_MS)));
    const outcome = await Promise.race([closed, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // Stop waiting. (worker.close(true) now would only return the pending graceful close: BullMQ memoises it.)
      // The build may then fail as the database closes; the job is retried (attempts) or, if the process dies
      // first, picked up again as stalled by another worker.
      this.logger.warn(`weekly report build still running after ${this.config.WORKER_SHUTDOWN_TIMEOUT_MS} ms; shutting down without it`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeQueues([this.queue]);
  }
}
