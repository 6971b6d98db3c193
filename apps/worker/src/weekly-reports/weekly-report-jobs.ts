/**
 * The 周报 job: its queue, job name, scheduler id and payload. Kept here, beside
 * its handler, until 'weekly-reports' joins the registry of libs/queue
 * (QUEUE_NAMES / JobPayloads); connection settings, QUEUE_PREFIX and job
 * defaults already come from there.
 */
export const WEEKLY_REPORT_QUEUE = 'weekly-reports';
export const BUILD_WEEKLY_REPORT_JOB = 'build-weekly-report';
/** Stable id of the job scheduler: every worker process upserts the same one. */
export const WEEKLY_REPORT_SCHEDULER_ID = 'weekly-report-build';

export interface BuildWeeklyReportPayload {
  trigger: 'schedule' | 'manual' | 'catch-up';
  /** The run of job_runs this job works for (added by the watchdog or the API). */
  runId?: string;
  /** A given week; without it, the last week that has ended (the previous Monday–Sunday). */
  isoWeek?: string;
}

export interface BuildWeeklyReportResult {
  isoWeek: string;
  outcome: 'built' | 'existing';
  contentHash: string;
}
