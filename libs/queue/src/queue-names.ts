/**
 * The one registry of BullMQ queues and job names, with the payload each job
 * carries. Producers and the worker import names from here only; the worker
 * refuses to start when a job name below has no handler, or two.
 */

export const QUEUE_NAMES = ['reminders', 'reminder-scan', 'domain-events'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** change of a milestone, as the milestones API writes it to the outbox (topic 'milestone.changed'). */
export interface MilestoneChangedPayload {
  milestoneId: string;
  projectId: string;
  change: 'created' | 'rescheduled' | 'completed' | 'cancelled' | 'reopened' | 'updated';
  plannedDate: string;
  actualDate: string | null;
  status: string;
  version: number;
}

/** What each job carries. Keep payloads small: handlers re-read Postgres, the source of truth. */
export interface JobPayloads {
  /**
   * Daily scan (job scheduler, 08:30 Asia/Shanghai by default): plans today's reminders. A scheduler tick, or a
   * run of job_runs (runId) added by the watchdog or the API.
   */
  'reminder-scan': { trigger: 'schedule' | 'manual' | 'catch-up'; runId?: string };
  /** Delivers one reminder; the jobId is the reminder's deterministic id. */
  'send-reminder': { reminderId: string };
  /** Relayed from the outbox: cancels stale reminders of a milestone, plans today's if due. */
  'milestone-changed': MilestoneChangedPayload & { outboxId: string };
  /** Relayed from the outbox: the admin changed the reminder rules; re-register the scan schedule. */
  'reminder-rules-changed': { outboxId: string };
}
export type JobName = keyof JobPayloads;

/** The queue each job runs on. */
export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'reminder-scan': 'reminder-scan',
  'send-reminder': 'reminders',
  'milestone-changed': 'domain-events',
  'reminder-rules-changed': 'domain-events',
};

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];

/** Outbox topics the worker's relay moves to BullMQ, and the job each becomes. Other topics stay in the outbox. */
export const OUTBOX_TOPIC_JOBS: Readonly<Record<string, 'milestone-changed' | 'reminder-rules-changed'>> = {
  'milestone.changed': 'milestone-changed',
  'reminder_rules.changed': 'reminder-rules-changed',
};

/** Stable id of the job scheduler that runs the daily reminder scan. */
export const REMINDER_SCAN_SCHEDULER_ID = 'reminder-scan';

/** BullMQ refuses ':' in custom job ids; ours are built with '-'. */
export function assertJobId(jobId: string): string {
  if (jobId.includes(':') || /^\d+$/.test(jobId)) throw new Error(`invalid job id ${jobId}: no ':' and not only digits`);
  return jobId;
}
