import type { ReminderMessage, ReminderRecipient } from './reminder-message';

/** One way of delivering a reminder (in-app inbox, DingTalk, WeCom, e-mail). */
export interface ReminderChannel {
  readonly channel: ReminderRecipient['channel'];
  /** Throws on failure so BullMQ retries; what it resolves to (e.g. a robot's status and timing) is not used. */
  send(recipient: ReminderRecipient, message: ReminderMessage): Promise<unknown>;
}

/** Multi-provider token: the channels module provides an array of ReminderChannel. */
export const REMINDER_CHANNELS = Symbol('REMINDER_CHANNELS');
