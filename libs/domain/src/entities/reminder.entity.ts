import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { CHANNEL_KINDS, sqlList } from '../channel-kinds';
import { Milestone } from './milestone.entity';
import { Project } from './project.entity';
import { ReminderDeliveryColumns } from './reminder-delivery-columns';

export const REMINDER_KINDS = ['due_soon', 'due_today', 'overdue', 'notice_reply_due', 'notice_reply_overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * 催办记录: one reminder occurrence for one recipient. The id is the
 * deterministic identity `reminder-<milestoneId>-<rule>-<YYYYMMDD>-<recipientKey>`
 * and also the BullMQ jobId: the scan inserts it (ON CONFLICT DO NOTHING) before
 * enqueuing, so a scan run twice, two workers, or a worker killed mid-batch still
 * make one reminder per occurrence. The send processor marks it sent.
 */
@Entity('reminders')
@Index(['milestoneId', 'status'])
@Index(['occurrenceDate', 'status'])
// A channel's last delivery attempt (GET /departments/:id/channels, lastDelivery).
@Index('idx_reminders_recipient_attempted', ['recipientKey', 'updatedAt'], { where: `"attempts" > 0` })
@Check('ck_reminders_status', `"status" IN ('queued', 'sent', 'failed', 'cancelled', 'skipped')`)
@Check('ck_reminders_channel', `"channel" IN (${sqlList(CHANNEL_KINDS)})`)
@Check('ck_reminders_kind', `"kind" IN ('due_soon', 'due_today', 'overdue', 'notice_reply_due', 'notice_reply_overdue')`)
@Check('ck_reminders_escalation_level', `"escalation_level" BETWEEN 0 AND 2`)
export class Reminder extends ReminderDeliveryColumns {
  @Column({ type: 'uuid' })
  projectId: string;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id' })
  project?: Relation<Project>;

  @Column({ type: 'uuid', nullable: true })
  milestoneId: string | null;

  @ManyToOne(() => Milestone, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'milestone_id' })
  milestone?: Relation<Milestone> | null;

  /** The rule that fired: 'due-soon-5', 'due-today', 'overdue'. */
  @Column({ type: 'varchar', length: 32 })
  rule: string;

  @Column({ type: 'varchar', length: 32 })
  kind: ReminderKind;

  /** The milestone's planned date when the reminder was planned; a reschedule makes it stale. */
  @Column({ type: 'date', nullable: true })
  plannedDate: string | null;
}
