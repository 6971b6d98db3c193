/**
 * Queue and job names of the notice reminders (督办单催办).
 *
 * They run on a queue of their own rather than in libs/queue's registry: the
 * registry's workers refuse to start unless every registered job has a handler,
 * and the milestone pipeline's worker (and its tests) do not load this module.
 * Folding these two jobs into the registry is a two-line change once both
 * modules always load together.
 */
export const NOTICE_REMINDER_QUEUE = 'notice-reminders';

export interface NoticeReminderJobPayloads {
  /** The daily scan (job scheduler at the reminder rules' sendAt, Asia/Shanghai): plans today's notice reminders. */
  'notice-reminder-scan': { trigger: 'schedule' | 'manual' | 'catch-up'; runId?: string };
  /** Delivers one notice reminder; the jobId is the reminder's deterministic id. */
  'send-notice-reminder': { reminderId: string };
}
export type NoticeReminderJobName = keyof NoticeReminderJobPayloads;

/** Stable id of the job scheduler of the daily scan. */
export const NOTICE_REMINDER_SCAN_SCHEDULER_ID = 'notice-reminder-scan';
