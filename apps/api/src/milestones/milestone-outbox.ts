import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Statement } from '@app/database';
import { Milestone } from '@app/domain';
import { type MilestoneChange, type MilestoneChangedPayload, OUTBOX_TOPICS, outboxRow } from '@app/queue';

export type { MilestoneChange } from '@app/queue';
export const MILESTONE_AGGREGATE = 'milestone';

/**
 * Announces a milestone change through the transactional outbox: the event row
 * is written with the caller's transaction manager, so it commits or rolls back
 * with the change itself. The worker relays unpublished rows to BullMQ; the API
 * never talks to Redis here, so milestone writes keep working when Redis is down.
 */
@Injectable()
export class MilestoneOutbox {
  async milestoneChanged(manager: EntityManager, milestone: Milestone, change: MilestoneChange): Promise<void> {
    const { sql, params } = this.statement(milestone, change);
    await manager.query(sql, params);
  }

  /** The event row as a statement, for a caller that writes it together with others (executeTogether). */
  statement(milestone: Milestone, change: MilestoneChange): Statement {
    const payload: MilestoneChangedPayload = {
      milestoneId: milestone.id,
      projectId: milestone.projectId,
      change,
      plannedDate: milestone.plannedDate,
      actualDate: milestone.actualDate,
      status: milestone.status,
      version: milestone.version,
    };
    const row = outboxRow(OUTBOX_TOPICS.milestoneChanged, MILESTONE_AGGREGATE, milestone.id, payload);
    return {
      sql: `INSERT INTO outbox_events (topic, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4::jsonb)`,
      params: [row.topic, row.aggregateType, row.aggregateId, JSON.stringify(row.payload)],
    };
  }
}
