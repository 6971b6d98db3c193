import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { CHANNEL_KINDS, type ChannelKind, sqlList } from '../channel-kinds';
import type { ReminderStatus } from './reminder.entity';
import { SupervisionNotice } from './supervision-notice.entity';
import { User } from './user.entity';

export const NOTICE_REMINDER_KINDS = ['notice_reply_due', 'notice_reply_overdue'] as const;
export type NoticeReminderKind = (typeof NOTICE_REMINDER_KINDS)[number];

/**
 * 督办单催办: one reminder occurrence about a supervision notice's reply, for one
 * recipient. The same exactly-once pattern as `reminders` (which has no column
 * for a notice): the id is the deterministic identity
 * `notice-<noticeId>-<kind>-<YYYYMMDD>-<recipientKey>` and also the BullMQ
 * jobId; the scan inserts it ON CONFLICT DO NOTHING before enqueuing, and the
 * send processor delivers only a row it finds queued, under a row lock.
 */
@Entity('notice_reminders')
@Index(['noticeId', 'status'])
@Index(['occurrenceDate', 'status'])
// A channel's last delivery attempt (GET /departments/:id/channels, lastDelivery).
@Index('idx_notice_reminders_recipient_attempted', ['recipientKey', 'updatedAt'], { where: `"attempts" > 0` })
@Check('ck_notice_reminders_kind', `"kind" IN ('notice_reply_due', 'notice_reply_overdue')`)
@Check('ck_notice_reminders_status', `"status" IN ('queued', 'sent', 'failed', 'cancelled', 'skipped')`)
@Check('ck_notice_reminders_channel', `"channel" IN (${sqlList(CHANNEL_KINDS)})`)
@Check('ck_notice_reminders_escalation_level', `"escalation_level" BETWEEN 0 AND 2`)
export class NoticeReminder {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ type: 'uuid' })
  noticeId: string;

  @ManyToOne(() => SupervisionNotice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: Relation<SupervisionNotice>;

  @Column({ type: 'varchar', length: 32 })
  kind: NoticeReminderKind;

  /** The working day this reminder is for. */
  @Column({ type: 'date' })
  occurrenceDate: string;

  /** The notice's reply due date when the reminder was planned; a new due date (on return) makes it stale. */
  @Column({ type: 'date' })
  replyDueDate: string;

  @Column({ type: 'int', default: 0 })
  workingDaysLate: number;

  /** 0 owner unit, 1 + lead officials of the projects (E1), 2 + 督查室 (E2). */
  @Column({ type: 'smallint', default: 0 })
  escalationLevel: number;

  @Column({ type: 'varchar', length: 16 })
  channel: ChannelKind;

  /** 'inbox-<userId>' for the inbox, '<channel>-<hash of the address>' for robots and e-mail. */
  @Column({ type: 'varchar', length: 80 })
  recipientKey: string;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'recipient_user_id' })
  recipientUser?: Relation<User> | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: ReminderStatus;

  /** Why it was cancelled or skipped: notice_replied, notice_closed, reply_due_date_changed, recipient_gone … */
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
