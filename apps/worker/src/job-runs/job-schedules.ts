import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/config';
import { DISTRICT_TIME_ZONE } from '@app/domain';
import {
  HandlesJob,
  JobHandler,
  JobName,
  QueueRegistry,
  SCHEDULED_JOBS,
} from '@app/queue';
import { loadReminderRules, scanCronPattern } from '../reminders/reminder-rules.reader';

/** How often a worker checks that the schedules are still in Redis (they are lost when Redis loses its data). */
const CHECK_EVERY_MS = 10 * 60_000;

export interface JobScheduleSync {
  id: string;
  pattern: string;
  /** The scheduler was missing or different and has been (re)written. */
  changed: boolean;
}

/**
 * The one keeper of every BullMQ job scheduler, all in Asia/Shanghai with
 * stable ids (so every worker process writing them still leaves one each):
 *
 * | id                     | job                  | when                                   |
 * | reminder-scan          | reminder-scan        | daily at the reminder rules' sendAt    |
 * | notice-reminder-scan   | notice-reminder-scan | daily at the same sendAt               |
 * | weekly-report-build    | build-weekly-report  | WEEKLY_REPORT_CRON (Monday 07:00)      |
 *
 * Each worker makes sure of them at boot (retrying while Redis is unreachable,
 * never blocking the boot), every 10 minutes, and when the admin changes the
 * rules ('reminder-rules-changed' from the outbox), rewriting a scheduler only
 * when it is missing or different. The scans run every day and do nothing on
 * days off, so 调休 make-up Saturdays are covered. A firing the schedule missed
 * is caught up from job_runs (JobRuns), not here.
 */
@HandlesJob('reminder-rules-changed')
@Injectable()
export class JobSchedules implements OnApplicationBootstrap, OnModuleDestroy, JobHandler<'reminder-rules-changed'> {
  private readonly logger = new Logger(JobSchedules.name);
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  /** The boot-time registration, retried while Redis is unreachable; never blocks the boot. */
  registered?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.registered = this.registerUntilDone();
    this.timer = setInterval(() => void this.sync().catch(() => undefined), CHECK_EVERY_MS).unref();
  }

  onModuleDestroy(): void {
    this.stopping.abort();
    clearInterval(this.timer);
  }

  async handle(): Promise<JobScheduleSync[]> {
    return this.sync();
  }

  /** The schedules as the current rules and configuration want them. */
  async desired(): Promise<Array<{ id: string; job: JobName; pattern: string }>> {
    const { sendAt } = await loadReminderRules(this.dataSource.manager);
    // Every scheduled job of libs/queue's registry, none listed here by hand.
    return Object.values(SCHEDULED_JOBS).map((spec) => ({
      id: spec.schedulerId,
      job: spec.jobName,
      pattern: spec.timing === 'reminder-send-time' ? scanCronPattern(sendAt) : this.config.WEEKLY_REPORT_CRON,
    }));
  }

  /** Makes every scheduler match the rules and configuration. */
  async sync(): Promise<JobScheduleSync[]> {
    const results: JobScheduleSync[] = [];
    for (const { id, job, pattern } of await this.desired()) {
      const queue = this.queues.queueOf(job);
      const current = await queue.getJobScheduler(id);
      if (current?.pattern === pattern && current?.tz === DISTRICT_TIME_ZONE) {
        results.push({ id, pattern, changed: false });
        continue;
      }
      await queue.upsertJobScheduler(id, { pattern, tz: DISTRICT_TIME_ZONE }, { name: job, data: { trigger: 'schedule' } });
      this.logger.log(`${job} scheduled: "${pattern}" ${DISTRICT_TIME_ZONE}`);
      results.push({ id, pattern, changed: true });
    }
    return results;
  }

  private async registerUntilDone(): Promise<void> {
    for (let attempt = 1; !this.stopping.signal.aborted; attempt++) {
      try {
        await this.sync();
        return;
      } catch (error) {
        this.logger.warn(`could not register the job schedules (attempt ${attempt}): ${(error as Error).message}; retrying`);
        await sleep(Math.min(30_000, 1000 * 2 ** attempt), undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }
}
