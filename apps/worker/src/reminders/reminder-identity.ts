import { createHash } from 'node:crypto';
import type { ReminderRecipient } from './reminder-message';

/**
 * The deterministic identity of one reminder occurrence for one recipient:
 * `reminder-<milestoneId>-<rule>-<YYYYMMDD>-<recipientKey>`. It is the primary
 * key of `reminders` and the BullMQ jobId, so planning the same occurrence
 * again (a second scan, a second worker, a restart mid-batch) finds it taken.
 * Built with '-' only: BullMQ refuses ':' in custom ids.
 */
export function reminderId(milestoneId: string, rule: string, occurrenceDate: string, recipientKey: string): string {
  return `reminder-${milestoneId}-${rule}-${occurrenceDate.replace(/-/g, '')}-${recipientKey}`;
}

/**
 * Who a reminder goes to, stable across scans: 'inbox-<userId>' for the in-app
 * inbox, '<channel>-<16 hex of sha256(address)>' for robots and e-mail (the
 * address of a robot holds its token, so it never appears in ids or logs).
 */
export function recipientKey(recipient: ReminderRecipient): string {
  if (recipient.channel === 'inbox') {
    if (!recipient.userId) throw new Error('an inbox recipient needs a userId');
    return `inbox-${recipient.userId}`;
  }
  return `${recipient.channel}-${createHash('sha256').update(recipient.address).digest('hex').slice(0, 16)}`;
}
