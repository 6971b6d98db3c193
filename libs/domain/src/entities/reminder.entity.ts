import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { CHANNEL_KINDS, type ChannelKind, sqlList } from '../channel-kinds';
import { Milestone } from './milestone.entity';
import { Project } from './project.entity';
import { User } from './user.entity';

export const REMINDER_KINDS = ['due_soon', 'due_today', 'overdue', 'notice_reply_due', 'notice_reply_overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const REMINDER_STATUSES = ['queued', 'sent', 'failed', 'cancelled', 'skipped'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

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
export class Reminder {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

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

  /** The working day this reminder is for. */
  @Column({ type: 'date' })
  occurrenceDate: string;

  /** The milestone's planned date when the reminder was planned; a reschedule makes it stale. */
  @Column({ type: 'date', nullable: true })
  plannedDate: string | null;

  @Column({ type: 'int', default: 0 })
  workingDaysLate: number;

  /** 0 owner unit, 1 + lead official (E1), 2 + 督查室 (E2). */
  @Column({ type: 'smallint', default: 0 })
  escalationLevel: number;

  @Column({ type: 'varchar', length: 16 })
  channel: ChannelKind;

  /** Identifies the recipient within the channel: 'user-<uuid>' or '<channel>-<hash of the address>'. */
  @Column({ type: 'varchar', length: 80 })
  recipientKey: string;

  /** The user, for inbox reminders. */
  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id' })
  recipientUser?: Relation<User> | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: ReminderStatus;

  /** Why it was cancelled or skipped, e.g. milestone_completed, milestone_rescheduled, recipient_gone. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reason: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
