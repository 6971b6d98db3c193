import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import { JobRuns } from '../job-runs/job-runs.service';
import type { ScheduledJobDefinition } from '../job-runs/scheduled-job';
import { workerConnection } from '@app/queue';
import { NOTICE_REMINDER_QUEUE, NoticeReminderJobName, NoticeReminderJobPayloads } from './notice-reminder-jobs';
import { NoticeReminderScanService } from './notice-reminder-scan.service';
import { NoticeReminderQueue } from './notice-reminder.queue';
import { districtTimeOfDay, loadReminderRules } from '../reminders/reminder-rules.reader';
import { SendNoticeReminderProcessor } from './send-notice-reminder.processor';

/**
 * The consumer side: one BullMQ Worker on the notice-reminder queue, running the
 * scan and the sends; registers the daily scan schedule at start. Closed before
 * the queue and the database, with a time limit of our own (worker.close() has none).
 * Each scan is a run of job_runs (JobRuns): retried until it completes.
 */
@Injectable()
export class NoticeReminderWorker implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy, ScheduledJobDefinition {
  readonly name = 'notice-reminder-scan' as const;
  private readonly logger = new Logger(NoticeReminderWorker.name);
  private worker?: Worker;

  constructor(
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: NoticeReminderQueue,
    private readonly scanner: NoticeReminderScanService,
    private readonly sender: SendNoticeReminderProcessor,
    private readonly runs: JobRuns,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runs.register(this);
  }

  /** Today, once the rules' send time has passed (the scans of past days are not caught up: see JobRuns). */
  async dueOccurrence(now: Date): Promise<string | null> {
    const { sendAt } = await loadReminderRules(this.dataSource.manager);
    return districtTimeOfDay(now) >= sendAt ? this.clock.today() : null;
  }

  occurrenceOf(): string {
    return this.clock.today();
  }

  runQueue(): Queue {
    return this.queue.queue as Queue;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.worker = new Worker(NOTICE_REMINDER_QUEUE, (job: Job) => this.dispatch(job), {
      connection: workerConnection(this.config.REDIS_URL),
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.REMINDER_SEND_CONCURRENCY,
      lockDuration: this.config.QUEUE_LOCK_DURATION_MS,
      stalledInterval: this.config.QUEUE_LOCK_DURATION_MS,
    });
    this.worker.on('error', (error) => this.logger.warn(`worker ${NOTICE_REMINDER_QUEUE}: ${error.message}`));
    this.worker.on('failed', (job, error) =>
      this.logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: error }, `job ${job?.name} failed: ${error.message}`),
    );
    const rules = await loadReminderRules(this.dataSource.manager);
    await this.queue.schedule(rules.sendAt);
  }

  dispatch(job: Job): Promise<unknown> {
    switch (job.name as NoticeReminderJobName) {
      case 'notice-reminder-scan':
        return this.runs.execute(this.name, job, async () => {
          const result = await this.scanner.scan();
          // One notice's planning failed: fail the run so it is retried today (planning is idempotent).
          if (result.failed > 0) throw new Error(`notice reminder scan of ${result.today}: ${result.failed} notice(s) failed to plan`);
          return result;
        });
      case 'send-notice-reminder': {
        const { reminderId } = job.data as NoticeReminderJobPayloads['send-notice-reminder'];
        return this.sender.send(reminderId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
      }
      default:
        // A job this build does not know: fail it visibly and keep it for inspection.
        throw new Error(`no handler for job "${job.name}" on queue ${NOTICE_REMINDER_QUEUE}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    // Closing while the connection is still being set up makes BullMQ emit an unhandled 'error' (bounded wait).
    await Promise.race([worker.waitUntilReady().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), this.config.WORKER_SHUTDOWN_TIMEOUT_MS)));
    const outcome = await Promise.race([worker.close().then(() => 'closed' as const), timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      // close(true) would only return the pending graceful close (and hang with Redis down): stop waiting instead.
      this.logger.warn('notice reminder jobs still running at shutdown; going on without them (they will be retried as stalled)');
    }
    this.worker = undefined;
  }
}
