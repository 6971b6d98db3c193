import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Job } from 'bullmq';
import { parseExpression } from 'cron-parser';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import { districtDate } from '@app/domain';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { systemActor } from '@app/database';
import { lastCompletedIsoWeek, parseIsoWeek, WeeklyReportStore } from '@app/reporting';
import { JobRunResult, JobRuns } from '../job-runs/job-runs.service';
import type { ScheduledJobDefinition } from '../job-runs/scheduled-job';

export type BuildWeeklyReportPayload = JobPayloads['build-weekly-report'];

export interface BuildWeeklyReportResult {
  isoWeek: string;
  outcome: 'built' | 'existing';
  contentHash: string;
}

/**
 * The Monday job (scheduler 'weekly-report-build', WEEKLY_REPORT_CRON in
 * Asia/Shanghai): builds a week's 周报 — by default the last week that has
 * ended, as of the clock's today — unless it is stored already: the Monday job
 * never rebuilds (only an admin can, through the API). Running twice, or beside
 * a person's on-demand build, stores one snapshot (WeeklyReportStore.buildOnce).
 * Each build is a run of job_runs (occurrence = the ISO week), retried until it
 * completes; a worker that was down on Monday morning builds it at start.
 */
@HandlesJob('build-weekly-report')
@Injectable()
export class BuildWeeklyReportProcessor implements JobHandler<'build-weekly-report'>, ScheduledJobDefinition, OnModuleInit {
  readonly name = 'weekly-report' as const;
  private readonly logger = new Logger(BuildWeeklyReportProcessor.name);

  constructor(
    private readonly store: WeeklyReportStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly runs: JobRuns,
  ) {}

  onModuleInit(): void {
    this.runs.register(this);
  }

  handle(job: Job<BuildWeeklyReportPayload>): Promise<JobRunResult<BuildWeeklyReportResult>> {
    return this.runs.execute(this.name, job, (isoWeek) => this.build(isoWeek, job.data.trigger));
  }

  /** The ISO week a job without a run id stands for: its isoWeek, or the last one that has ended. */
  occurrenceOf(job: Pick<Job<BuildWeeklyReportPayload>, 'data'>): string {
    return job.data.isoWeek ?? lastCompletedIsoWeek(this.clock.today()).name;
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

  async build(isoWeek: string, trigger: BuildWeeklyReportPayload['trigger']): Promise<BuildWeeklyReportResult> {
    const week = parseIsoWeek(isoWeek);
    if (!week) throw new Error(`not an ISO week: ${isoWeek}`);
    if (week.end >= this.clock.today()) throw new Error(`the week ${week.name} has not ended yet`);
    const { report, outcome } = await this.store.buildOnce(week, {
      source: trigger === 'manual' ? 'on_demand' : 'schedule',
      builtBy: 'worker',
      actor: systemActor('worker'),
    });
    if (outcome === 'built') this.logger.log(`weekly report ${week.name} built (${report.contentHash.slice(0, 12)})`);
    return { isoWeek: week.name, outcome: outcome === 'built' ? 'built' : 'existing', contentHash: report.contentHash.trim() };
  }
}
