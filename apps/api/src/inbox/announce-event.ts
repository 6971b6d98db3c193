import type { EntityManager } from 'typeorm';
import { EventNotificationPayload, OutboxEvent } from '@app/domain';
import { OUTBOX_TOPICS, outboxRow } from '@app/queue';

/**
 * Announces an event notification through the transactional outbox: the row is
 * written with the caller's transaction manager, so the notice (or request) and
 * the event commit together or not at all. The worker turns it into inbox rows
 * and channel deliveries, exactly once per event key and recipient.
 */
export async function announceEvent(manager: EntityManager, aggregateType: string, aggregateId: string, payload: EventNotificationPayload): Promise<void> {
  await manager.insert(OutboxEvent, outboxRow(OUTBOX_TOPICS.eventNotification, aggregateType, aggregateId, payload));
}
