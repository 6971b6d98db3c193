import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueueRegistry } from '@app/queue';
import { assertSqlName } from './reminder-delivery';
import { reminderIdentity } from './reminder-identity';
import type { KeyedRecipient } from './reminder-recipients';
import type { ReminderTrack } from './reminder-track';

/** Today's occurrence of one subject (a milestone, a notice, a problem …) and who it goes to. */
export interface PlannedOccurrence {
  /** The subject's id, the second part of the identity. */
  subjectId: string;
  /** The rule that fired, the third part of the identity ('due-soon-3', 'overdue', 'notice_reply_overdue', 'step-2' …). */
  rule: string;
  kind: string;
  /** The working day it is for (YYYY-MM-DD, Asia/Shanghai). */
  occurrenceDate: string;
  workingDaysLate: number;
  escalationLevel: 0 | 1 | 2;
  recipients: KeyedRecipient[];
  /** The planner's own columns of its table, by their SQL names: e.g. { project_id, milestone_id, rule, planned_date }. */
  columns: Record<string, string | number | boolean | null>;
}

export interface PlanResult {
  /** Reminder rows these occurrences have (new or from an earlier run). */
  reminders: number;
  /** Rows inserted by this run. */
  inserted: number;
  /** Jobs handed to BullMQ (rows still queued; BullMQ ignores ids it already holds). */
  enqueued: number;
}

const ENQUEUE_CHUNK = 1000;

/**
 * Writes a planner's occurrences as reminder rows and hands them to BullMQ — the exactly-once half of planning:
 * one row per (subject, rule, day, recipient) under its deterministic identity, inserted ON CONFLICT DO NOTHING;
 * then every row of these identities still `queued` is enqueued with jobId = id — including rows an earlier,
 * interrupted run inserted but never enqueued. A second scan, a second worker, or a re-run after a crash between
 * insert and enqueue end with one row and one live job per occurrence and recipient.
 */
@Injectable()
export class ReminderPlanWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
  ) {}

  async write(track: Pick<ReminderTrack, 'table' | 'idPrefix' | 'sendJob'>, occurrences: PlannedOccurrence[]): Promise<PlanResult> {
    const rows = occurrences.flatMap((occurrence) =>
      occurrence.recipients.map(({ key, recipient }) => ({
        ...occurrence.columns,
        id: reminderIdentity(track.idPrefix, occurrence.subjectId, occurrence.rule, occurrence.occurrenceDate, key),
        kind: occurrence.kind,
        occurrence_date: occurrence.occurrenceDate,
        working_days_late: occurrence.workingDaysLate,
        escalation_level: occurrence.escalationLevel,
        channel: recipient.channel,
        recipient_key: key,
        // The user of an inbox, or of a personal mailbox (the lead official's own e-mail); null for a unit's robot or mailbox.
        recipient_user_id: recipient.userId ?? null,
      })),
    );
    if (rows.length === 0) return { reminders: 0, inserted: 0, enqueued: 0 };
    const table = assertSqlName(track.table);
    const columns = Object.keys(rows[0]).map((column) => `"${assertSqlName(column)}"`).join(', ');
    // The table's own row type converts each value to its column's type; columns not named keep their defaults.
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO ${table} (${columns})
       SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [JSON.stringify(rows)],
    );
    const ids = rows.map((row) => row.id);
    const queued: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM ${table} WHERE id = ANY($1::varchar[]) AND status = 'queued'`, [ids]);
    await this.enqueue(track, queued.map((row) => row.id));
    return { reminders: rows.length, inserted: inserted.length, enqueued: queued.length };
  }

  /** Hands reminder ids to BullMQ (job id = reminder id). */
  async enqueue(track: Pick<ReminderTrack, 'sendJob'>, ids: string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += ENQUEUE_CHUNK) {
      const chunk = ids.slice(start, start + ENQUEUE_CHUNK);
      await this.queues.addBulk(
        track.sendJob,
        chunk.map((id) => ({ data: { reminderId: id }, opts: { jobId: id } })),
      );
    }
  }
}
