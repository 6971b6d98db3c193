import type { EventNotificationPayload, MilestoneStatus } from '@app/domain';
import type { JobName } from './queue-names';

/**
 * The contract of the transactional outbox between its producers (the API, in the
 * transaction of a change; the worker's red-light scan) and the worker's relays:
 * each topic and the payload its rows carry, declared once. Producers write rows
 * through `outboxRow`, so a renamed topic or a changed payload fails to compile
 * on both sides instead of stranding events in outbox_events.
 */

export type MilestoneChange = 'created' | 'rescheduled' | 'completed' | 'cancelled' | 'reopened' | 'updated' | 'removed';

/** A milestone as the milestones API changed it (topic 'milestone.changed'); the worker re-plans its reminders. */
export interface MilestoneChangedPayload {
  milestoneId: string;
  projectId: string;
  change: MilestoneChange;
  plannedDate: string;
  actualDate: string | null;
  status: MilestoneStatus;
  version: number;
}

/** The admin changed the reminder rules (topic 'reminder_rules.changed'); the worker rewrites the scan schedules. */
export interface ReminderRulesChangedPayload {
  version: number;
  sendAt: string;
}

export interface OutboxPayloads {
  'milestone.changed': MilestoneChangedPayload;
  'reminder_rules.changed': ReminderRulesChangedPayload;
  /** Relayed straight from Postgres into inboxes and channel deliveries (EventNotificationRelay), not through BullMQ. */
  'notification.event': EventNotificationPayload;
}
export type OutboxTopic = keyof OutboxPayloads;

export const OUTBOX_TOPICS = {
  milestoneChanged: 'milestone.changed',
  reminderRulesChanged: 'reminder_rules.changed',
  eventNotification: 'notification.event',
} as const satisfies Record<string, OutboxTopic>;

/** Outbox topics the worker's OutboxRelay moves to BullMQ, and the job each becomes. Other topics have relays of their own. */
export const OUTBOX_TOPIC_JOBS = {
  'milestone.changed': 'milestone-changed',
  'reminder_rules.changed': 'reminder-rules-changed',
} as const satisfies Partial<Record<OutboxTopic, JobName>>;
export type RelayedOutboxTopic = keyof typeof OUTBOX_TOPIC_JOBS;

/** An outbox_events row of that topic, for `manager.insert(OutboxEvent, outboxRow(...))` in the change's transaction. */
export function outboxRow<T extends OutboxTopic>(
  topic: T,
  aggregateType: string,
  aggregateId: string,
  payload: OutboxPayloads[T],
): { topic: T; aggregateType: string; aggregateId: string; payload: Record<string, any> } {
  return { topic, aggregateType, aggregateId, payload: payload as unknown as Record<string, any> };
}
