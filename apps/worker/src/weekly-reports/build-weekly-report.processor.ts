import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock } from '@app/calendar';
import { lastCompletedIsoWeek, parseIsoWeek, systemBuildAudit, WeeklyReportStore } from '@app/reporting';
import { JobRunResult, JobRuns } from '../job-runs/job-runs.service';
import { BuildWeeklyReportPayload, BuildWeeklyReportResult } from './weekly-report-jobs';

/**
 * Builds a week's 周报 — by default the last week that has ended, as of the
 * clock's today — unless it is stored already: the Monday job never rebuilds
 * (only an admin can, through the API). Running twice, or beside a person's
 * on-demand build, stores one snapshot (WeeklyReportStore.buildOnce). Each
 * build is a run of job_runs (occurrence = the ISO week), retried until it
 * completes.
 */
@Injectable()
export class BuildWeeklyReportProcessor {
  private readonly logger = new Logger(BuildWeeklyReportProcessor.name);

  constructor(
    private readonly store: WeeklyReportStore,
    private readonly clock: Clock,
    private readonly runs: JobRuns,
  ) {}

  /** The ISO week a job without a run id stands for: its isoWeek, or the last one that has ended. */
  weekOf(job: Pick<Job<BuildWeeklyReportPayload>, 'data'>): string {
    return job.data.isoWeek ?? lastCompletedIsoWeek(this.clock.today()).name;
  }

  handle(job: Job<BuildWeeklyReportPayload>): Promise<JobRunResult<BuildWeeklyReportResult>> {
    return this.runs.execute('weekly-report', job, (isoWeek) => this.build(isoWeek, job.data.trigger));
  }

  async build(isoWeek: string, trigger: BuildWeeklyReportPayload['trigger']): Promise<BuildWeeklyReportResult> {
    const week = parseIsoWeek(isoWeek);
    if (!week) throw new Error(`not an ISO week: ${isoWeek}`);
    if (week.end >= this.clock.today()) throw new Error(`the week ${week.name} has not ended yet`);
    const { report, outcome } = await this.store.buildOnce(week, {
      source: trigger === 'manual' ? 'on_demand' : 'schedule',
      builtBy: 'worker',
      audit: systemBuildAudit('worker'),
    });
    if (outcome === 'built') this.logger.log(`weekly report ${week.name} built (${report.contentHash.slice(0, 12)})`);
    return { isoWeek: week.name, outcome: outcome === 'built' ? 'built' : 'existing', contentHash: report.contentHash.trim() };
  }
}
