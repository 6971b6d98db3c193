import type { ReminderChannelRegistry } from './reminder-channel.registry';
import { recipientKey } from './reminder-identity';
import type { ReminderRecipient } from './reminder-message';

/** A recipient with its key (the last part of the identity). */
export interface KeyedRecipient {
  key: string;
  recipient: ReminderRecipient;
}

/**
 * The recipients of one occurrence, once each, in order: the users' inboxes, then the robots and mailboxes. A
 * robot or mailbox on a channel this worker lacks is not planned (the registry says so once in the log) — the
 * send side skips such a row too (`channel_unavailable`), so a missing channel never fails a reminder.
 */
export function keyedRecipients(inboxUserIds: Iterable<string>, external: ReminderRecipient[], channels: Pick<ReminderChannelRegistry, 'plannable'>): KeyedRecipient[] {
  const keyed = new Map<string, KeyedRecipient>();
  for (const userId of inboxUserIds) {
    const recipient: ReminderRecipient = { channel: 'inbox', address: userId, userId };
    keyed.set(recipientKey(recipient), { key: recipientKey(recipient), recipient });
  }
  for (const recipient of external) {
    if (!channels.plannable(recipient.channel)) continue;
    keyed.set(recipientKey(recipient), { key: recipientKey(recipient), recipient });
  }
  return [...keyed.values()];
}
