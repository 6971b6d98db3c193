/**
 * The one registry of BullMQ queues and job names, with the payload each job
 * carries, and the job schedulers' ids. Producers, the worker, the API's Bull
 * Board and health import names from here only; the worker refuses to start when
 * a job name below has no handler, or two.
 */
import type { MilestoneChangedPayload } from './outbox-topics';

export const QUEUE_NAMES = ['reminders', 'reminder-scan', 'domain-events', 'notice-reminders', 'weekly-reports'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

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
  /** Relayed from the outbox: the admin changed the reminder rules; re-register the scan schedules. */
  'reminder-rules-changed': { outboxId: string };
  /** 督办单催办: the daily scan of notices whose reply is due tomorrow or late (at the rules' send time); or a run (runId). */
  'notice-reminder-scan': { trigger: 'schedule' | 'manual' | 'catch-up'; runId?: string };
  /** Delivers one notice reminder; the jobId is the reminder's deterministic id. */
  'send-notice-reminder': { reminderId: string };
  /** 问题台账催办升级: delivers one step of a problem's climb; the jobId is the reminder's deterministic id. */
  'send-problem-reminder': { reminderId: string };
  /** 周报: builds a week's report — isoWeek, or the last week that has ended; or a run (runId). */
  'build-weekly-report': { trigger: 'schedule' | 'manual' | 'catch-up'; runId?: string; isoWeek?: string };
}
export type JobName = keyof JobPayloads;

/** The queue each job runs on. */
export const JOB_QUEUES: { readonly [N in JobName]: QueueName } = {
  'reminder-scan': 'reminder-scan',
  'send-reminder': 'reminders',
  'milestone-changed': 'domain-events',
  'reminder-rules-changed': 'domain-events',
  'notice-reminder-scan': 'notice-reminders',
  'send-notice-reminder': 'notice-reminders',
  'send-problem-reminder': 'reminders',
  'build-weekly-report': 'weekly-reports',
};

export const JOB_NAMES = Object.keys(JOB_QUEUES) as JobName[];

/** Stable id of the job scheduler that runs the daily reminder scan. */
export const REMINDER_SCAN_SCHEDULER_ID = 'reminder-scan';
/** Stable id of the job scheduler of the daily notice-reminder scan. */
export const NOTICE_REMINDER_SCAN_SCHEDULER_ID = 'notice-reminder-scan';
/** Stable id of the job scheduler of the Monday 周报. */
export const WEEKLY_REPORT_SCHEDULER_ID = 'weekly-report-build';

/** BullMQ refuses ':' in custom job ids; ours are built with '-'. */
export function assertJobId(jobId: string): string {
  if (jobId.includes(':') || /^\d+$/.test(jobId)) throw new Error(`invalid job id ${jobId}: no ':' and not only digits`);
  return jobId;
}
