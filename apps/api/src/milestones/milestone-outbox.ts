import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Milestone, MilestoneStatus, OutboxEvent } from '@app/domain';

export const MILESTONE_CHANGED_TOPIC = 'milestone.changed';
export const MILESTONE_AGGREGATE = 'milestone';

export type MilestoneChange = 'created' | 'rescheduled' | 'completed' | 'cancelled' | 'reopened' | 'updated';

/** Payload of a 'milestone.changed' outbox event; the worker re-plans the milestone's reminders from it. */
export type MilestoneChangedPayload = {
  milestoneId: string;
  projectId: string;
  change: MilestoneChange;
  plannedDate: string;
  actualDate: string | null;
  status: MilestoneStatus;
  version: number;
};

/**
 * Announces a milestone change through the transactional outbox: the event row
 * is written with the caller's transaction manager, so it commits or rolls back
 * with the change itself. The worker relays unpublished rows to BullMQ; the API
 * never talks to Redis here, so milestone writes keep working when Redis is down.
 */
@Injectable()
export class MilestoneOutbox {
  async milestoneChanged(manager: EntityManager, milestone: Milestone, change: MilestoneChange): Promise<void> {
    const payload: MilestoneChangedPayload = {
      milestoneId: milestone.id,
      projectId: milestone.projectId,
      change,
      plannedDate: milestone.plannedDate,
      actualDate: milestone.actualDate,
      status: milestone.status,
      version: milestone.version,
    };
    await manager.insert(OutboxEvent, {
      topic: MILESTONE_CHANGED_TOPIC,
      aggregateType: MILESTONE_AGGREGATE,
      aggregateId: milestone.id,
      payload: payload as Record<string, any>,
    });
  }
}
