import { recipientKey } from '@app/notifications';

/**
 * The deterministic identity of one reminder occurrence for one recipient, the same shape for every planner:
 * `<prefix>-<subjectId>-<rule>-<YYYYMMDD>-<recipientKey>` — e.g. `reminder-<milestoneId>-overdue-20260316-inbox-<userId>`,
 * `notice-<noticeId>-notice_reply_overdue-20260316-dingtalk-<hash>`. It is the primary key of the planner's table and
 * the BullMQ jobId, so planning the same occurrence again (a second scan, a second worker, a restart mid-batch) finds
 * it taken. Built with '-' only: BullMQ refuses ':' in custom ids.
 */
export function reminderIdentity(prefix: string, subjectId: string, rule: string, occurrenceDate: string, recipientKey: string): string {
  return `${prefix}-${subjectId}-${rule}-${occurrenceDate.replace(/-/g, '')}-${recipientKey}`;
}

/** A milestone reminder's identity: `reminder-<milestoneId>-<rule>-<YYYYMMDD>-<recipientKey>`. */
export function reminderId(milestoneId: string, rule: string, occurrenceDate: string, recipientKey: string): string {
  return reminderIdentity('reminder', milestoneId, rule, occurrenceDate, recipientKey);
}

/** Who a reminder goes to: declared once in libs/notifications (the API shows a channel's last delivery by it). */
export { recipientKey };
