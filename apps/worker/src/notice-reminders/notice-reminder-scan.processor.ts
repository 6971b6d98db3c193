import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@app/calendar';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { JobRunResult, JobRuns } from '../job-runs/job-runs.service';
import type { ScheduledJobDefinition } from '../job-runs/scheduled-job';
import { districtTimeOfDay, loadReminderRules } from '../reminders/reminder-rules.reader';
import { NoticeReminderScanResult, NoticeReminderScanService } from './notice-reminder-scan.service';

/**
 * The daily notice-reminder scan as a job (scheduler 'notice-reminder-scan' at
 * the rules' sendAt): each run is recorded in job_runs and retried until it
 * completes; a scan in which one notice failed to plan fails the run, so it is
 * retried today (planning is idempotent) instead of waiting for tomorrow.
 */
@HandlesJob('notice-reminder-scan')
@Injectable()
export class NoticeReminderScanProcessor implements JobHandler<'notice-reminder-scan'>, ScheduledJobDefinition, OnModuleInit {
  readonly name = 'notice-reminder-scan' as const;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scanner: NoticeReminderScanService,
    private readonly runs: JobRuns,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.runs.register(this);
  }

  handle(job: Job<JobPayloads['notice-reminder-scan']>): Promise<JobRunResult<NoticeReminderScanResult>> {
    return this.runs.execute(this.name, job, async () => {
      const result = await this.scanner.scan();
      if (result.failed > 0) throw new Error(`notice reminder scan of ${result.today}: ${result.failed} notice(s) failed to plan`);
      return result;
    });
  }

  /** Today, once the rules' send time has passed (past days are not caught up: see JobRuns). */
  async dueOccurrence(now: Date): Promise<string | null> {
    const { sendAt } = await loadReminderRules(this.dataSource.manager);
    return districtTimeOfDay(now) >= sendAt ? this.clock.today() : null;
  }

  occurrenceOf(): string {
    return this.clock.today();
  }
}
