import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { Clock } from '@app/calendar';
import { lastCompletedIsoWeek, parseIsoWeek, systemBuildAudit, WeeklyReportStore } from '@app/reporting';
import { BuildWeeklyReportPayload, BuildWeeklyReportResult } from './weekly-report-jobs';

/**
 * Builds a week's 周报 — by default the last week that has ended, as of the
 * clock's today — unless it is stored already: the Monday job never rebuilds
 * (only an admin can, through the API). Running twice, or beside a person's
 * on-demand build, stores one snapshot (WeeklyReportStore.buildOnce).
 */
@Injectable()
export class BuildWeeklyReportProcessor {
  private readonly logger = new Logger(BuildWeeklyReportProcessor.name);

  constructor(
    private readonly store: WeeklyReportStore,
    private readonly clock: Clock,
  ) {}

  async handle(job: Pick<Job<BuildWeeklyReportPayload>, 'data'>): Promise<BuildWeeklyReportResult> {
    const week = job.data.isoWeek ? parseIsoWeek(job.data.isoWeek) : lastCompletedIsoWeek(this.clock.today());
    if (!week) throw new Error(`not an ISO week: ${job.data.isoWeek}`);
    if (week.end >= this.clock.today()) throw new Error(`the week ${week.name} has not ended yet`);
    const { report, outcome } = await this.store.buildOnce(week, {
      source: job.data.trigger === 'schedule' ? 'schedule' : 'on_demand',
      builtBy: 'worker',
      audit: systemBuildAudit('worker'),
    });
    if (outcome === 'built') this.logger.log(`weekly report ${week.name} built (${report.contentHash.slice(0, 12)})`);
    return { isoWeek: week.name, outcome: outcome === 'built' ? 'built' : 'existing', contentHash: report.contentHash.trim() };
  }
}
