import { createHash } from 'node:crypto';
import type { NoticeReminderKind } from '@app/domain';
import type { ReminderRecipient } from '../reminders/reminder-message';

/**
 * The deterministic identity of one notice reminder occurrence for one
 * recipient: `notice-<noticeId>-<kind>-<YYYYMMDD>-<recipientKey>`. Primary key of
 * notice_reminders and BullMQ jobId, so planning the same occurrence again (a
 * second scan, a second worker, a restart mid-batch) finds it taken. '-' only:
 * BullMQ refuses ':' in custom ids.
 */
export function noticeReminderId(noticeId: string, kind: NoticeReminderKind, occurrenceDate: string, recipientKey: string): string {
  return `notice-${noticeId}-${kind}-${occurrenceDate.replace(/-/g, '')}-${recipientKey}`;
}

/**
 * Who a reminder goes to, stable across scans — the same keys as the milestone
 * reminders: 'inbox-<userId>', or '<channel>-<16 hex of sha256(address)>' for
 * robots and e-mail (a robot's address holds its token: never in ids or logs).
 */
export function noticeRecipientKey(recipient: Pick<ReminderRecipient, 'channel' | 'address' | 'userId'>): string {
  if (recipient.channel === 'inbox') {
    if (!recipient.userId) throw new Error('an inbox recipient needs a userId');
    return `inbox-${recipient.userId}`;
  }
  return `${recipient.channel}-${createHash('sha256').update(recipient.address).digest('hex').slice(0, 16)}`;
}
