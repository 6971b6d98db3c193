import type { Job } from 'bullmq';
import type { ScheduledJobName } from '@app/queue';

/**
 * What the job-run machinery needs to know of one scheduled job; each feature
 * (reminder scan, notice-reminder scan, weekly report) registers one with
 * JobRuns at module init.
 */
export interface ScheduledJobDefinition {
  name: ScheduledJobName;
  /**
   * The occurrence the schedule has reached by `now` and that must have a
   * completed run, or null when there is nothing to catch up (e.g. before
   * today's send time). Daily scans answer only for today: a past day's
   * due-soon reminders are stale, and today's scan already reminds of
   * everything still overdue.
   */
  dueOccurrence(now: Date): Promise<string | null>;
  /** The occurrence a job without a run id stands for: a scheduler tick (today, last week), or a hand-added job. */
  occurrenceOf(job: Job): string;
}
