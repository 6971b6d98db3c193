import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { CHANNEL_KINDS, sqlList } from '../channel-kinds';
import { ReminderDeliveryColumns } from './reminder-delivery-columns';
import { SupervisionNotice } from './supervision-notice.entity';

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
export class NoticeReminder extends ReminderDeliveryColumns {
  @Column({ type: 'uuid' })
  noticeId: string;

  @ManyToOne(() => SupervisionNotice, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notice_id' })
  notice?: Relation<SupervisionNotice>;

  @Column({ type: 'varchar', length: 32 })
  kind: NoticeReminderKind;

  /** The notice's reply due date when the reminder was planned; a new due date (on return) makes it stale. */
  @Column({ type: 'date' })
  replyDueDate: string;
}
