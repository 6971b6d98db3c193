import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ReminderChannel } from './reminder-channel';
import { claimAndDeliverToInbox, ReminderTable } from './reminder-delivery';
import type { ReminderMessage, ReminderRecipient } from './reminder-message';

/** Which reminder row an inbox delivery claims, and what the notification refers to. */
export interface InboxClaim {
  table: ReminderTable;
  reminderId: string;
  /** notifications.reminder_id (a foreign key to `reminders`): the id for a milestone reminder, null for other tables. */
  notificationReminderId: string | null;
}

/**
 * The in-app inbox (站内消息): a row in `notifications`, at most one per
 * (reminder, user) — the unique key turns a repeated delivery into a no-op. The
 * delivery core (ReminderSender) uses deliverOnce(), which marks the reminder sent and writes
 * the row in one statement, so inbox delivery is exactly once end to end.
 */
@Injectable()
export class InboxChannel implements ReminderChannel {
  readonly channel = 'inbox' as const;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async send(recipient: ReminderRecipient, message: ReminderMessage): Promise<void> {
    await this.deliver(this.dataSource.manager, recipient, message);
  }

  /**
   * Claims the reminder (queued or failed → sent) and, only if this call claimed
   * it, writes the inbox row — one statement, so both or neither. Returns false
   * when someone else had already settled the reminder.
   */
  async deliverOnce(claim: InboxClaim, recipient: ReminderRecipient, message: ReminderMessage): Promise<boolean> {
    return claimAndDeliverToInbox(this.dataSource, claim.table, claim.reminderId, recipient.userId ?? recipient.address, message, claim.notificationReminderId);
  }

  /** Writes the inbox row alone (the contract's send()); returns whether it was new. */
  async deliver(manager: EntityManager, recipient: ReminderRecipient, message: ReminderMessage): Promise<boolean> {
    const userId = recipient.userId ?? recipient.address;
    if (!userId) throw new Error(`inbox recipient of ${message.reminderId} has no user`);
    const rows: unknown[] = await manager.query(
      `INSERT INTO notifications (user_id, reminder_id, kind, escalation_level, title, body, link, project_id, milestone_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT uq_notifications_reminder_id_user_id DO NOTHING
       RETURNING id`,
      [userId, message.reminderId, message.kind, message.escalationLevel, message.title, message.text, message.link, message.projectId, message.milestoneId],
    );
    return rows.length > 0;
  }
}
