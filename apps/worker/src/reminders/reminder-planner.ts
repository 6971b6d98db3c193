import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueRegistry } from '@app/queue';
import type { DailyOccurrences } from './reminder-occurrence';
import { RecipientSession, RecipientTarget } from './reminder-recipients';
import { reminderId } from './reminder-identity';

/** A pending milestone as the planner needs it. */
export interface PlannableMilestone extends RecipientTarget {
  milestoneId: string;
  projectId: string;
  plannedDate: string;
}

export interface PlanResult {
  /** Reminder rows today's occurrences of these milestones have (new or from an earlier run). */
  reminders: number;
  /** Rows inserted by this run. */
  inserted: number;
  /** Jobs handed to BullMQ (still queued rows; BullMQ ignores ids it already holds). */
  enqueued: number;
}

const ENQUEUE_CHUNK = 1000;

/**
 * Plans today's reminders of a set of milestones: works out the occurrence and
 * the recipients, inserts one `reminders` row per (milestone, rule, date,
 * recipient) with ON CONFLICT DO NOTHING, then enqueues every row of these
 * identities that is still queued — including rows an earlier, interrupted run
 * inserted but never enqueued. The job id is the row id, so BullMQ drops a
 * second add of a job it still holds, and the send processor skips a row that
 * is already sent. Exactly one reminder per occurrence, however often this runs.
 */
@Injectable()
export class ReminderPlanner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  async plan(milestones: PlannableMilestone[], occurrences: DailyOccurrences, recipients: RecipientSession): Promise<PlanResult> {
    const due = milestones
      .map((milestone) => ({ milestone, occurrence: occurrences.on(milestone.plannedDate) }))
      .filter((item): item is { milestone: PlannableMilestone; occurrence: NonNullable<typeof item.occurrence> } => item.occurrence !== null);
    if (due.length === 0) return { reminders: 0, inserted: 0, enqueued: 0 };
    await recipients.prefetch(due.map((item) => item.milestone));

    const columns = {
      id: [] as string[],
      projectId: [] as string[],
      milestoneId: [] as string[],
      rule: [] as string[],
      kind: [] as string[],
      occurrenceDate: [] as string[],
      plannedDate: [] as string[],
      workingDaysLate: [] as number[],
      escalationLevel: [] as number[],
      channel: [] as string[],
      recipientKey: [] as string[],
      recipientUserId: [] as Array<string | null>,
    };
    for (const { milestone, occurrence } of due) {
      for (const { key, recipient } of await recipients.recipientsFor(milestone, occurrence)) {
        columns.id.push(reminderId(milestone.milestoneId, occurrence.rule, occurrences.today, key));
        columns.projectId.push(milestone.projectId);
        columns.milestoneId.push(milestone.milestoneId);
        columns.rule.push(occurrence.rule);
        columns.kind.push(occurrence.kind);
        columns.occurrenceDate.push(occurrences.today);
        columns.plannedDate.push(milestone.plannedDate);
        columns.workingDaysLate.push(occurrence.workingDaysLate);
        columns.escalationLevel.push(occurrence.escalationLevel);
        columns.channel.push(recipient.channel);
        columns.recipientKey.push(key);
        // The user of an inbox, or of a personal mailbox (the lead official's own e-mail); null for a unit's robot or mailbox.
        columns.recipientUserId.push(recipient.userId ?? null);
      }
    }
    if (columns.id.length === 0) return { reminders: 0, inserted: 0, enqueued: 0 };

    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO reminders (id, project_id, milestone_id, rule, kind, occurrence_date, planned_date, working_days_late, escalation_level, channel, recipient_key, recipient_user_id)
       SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::varchar[], $5::varchar[], $6::date[], $7::date[], $8::int[], $9::smallint[], $10::varchar[], $11::varchar[], $12::uuid[])
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      Object.values(columns),
    );
    const queued: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM reminders WHERE id = ANY($1::varchar[]) AND status = 'queued'`, [columns.id]);
    await this.enqueue(queued.map((row) => row.id));
    return { reminders: columns.id.length, inserted: inserted.length, enqueued: queued.length };
  }

  /** Hands reminder ids to BullMQ (job id = reminder id). */
  async enqueue(ids: string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += ENQUEUE_CHUNK) {
      const chunk = ids.slice(start, start + ENQUEUE_CHUNK);
      await this.queues.addBulk(
        'send-reminder',
        chunk.map((id) => ({ data: { reminderId: id }, opts: { jobId: id } })),
      );
    }
  }
}
