import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import type { NoticeReminderKind } from '@app/domain';
import { resolveDepartmentRecipients } from '../external-channels/department-recipients';
import { recipientKey } from '../reminder-delivery/reminder-identity';
import type { ReminderMessage, ReminderRecipient } from '../reminder-delivery/reminder-message';
import { reminderRowQuery, type ReminderTrack, type SendableReminderRow, type Settlement } from '../reminder-delivery/reminder-track';
import { NoticeForReminder, noticeLink, noticeReminderMessage } from './notice-reminder-message';

export interface NoticeReminderRow extends SendableReminderRow {
  notice_id: string;
  kind: NoticeReminderKind;
  reply_due_date: string;
  working_days_late: number;
  escalation_level: number;
  /** The notice as it is now (null: deleted). */
  notice_status: string | null;
  notice_number: string | null;
  notice_title: string | null;
  notice_reply_due_date: string | null;
  owner_department_id: string | null;
  owner_unit_name: string | null;
}

/**
 * 督办单催办 as a track of the delivery core (table `notice_reminders`, ids `notice-…`, job 'send-notice-reminder'):
 * a reminder holds while its notice still awaits the reply by the same due date — replied, closed, deleted or given a
 * new due date, it is cancelled.
 */
@Injectable()
export class NoticeReminderTrack implements ReminderTrack<NoticeReminderRow> {
  readonly table = 'notice_reminders';
  readonly idPrefix = 'notice';
  readonly sendJob = 'send-notice-reminder' as const;

  constructor(private readonly config: AppConfig) {}

  async load(manager: EntityManager, id: string, lock: boolean): Promise<NoticeReminderRow | undefined> {
    const [row]: NoticeReminderRow[] = await manager.query(
      reminderRowQuery(
        this.table,
        `r.notice_id, r.kind, r.reply_due_date, r.working_days_late, r.escalation_level,
         n.status AS notice_status, n.number AS notice_number, n.title AS notice_title, n.reply_due_date AS notice_reply_due_date,
         n.owner_department_id, d.name AS owner_unit_name`,
        `LEFT JOIN supervision_notices n ON n.id = r.notice_id
         LEFT JOIN departments d ON d.id = n.owner_department_id`,
        lock,
      ),
      [id],
    );
    return row;
  }

  stale(row: NoticeReminderRow): Settlement | null {
    if (row.notice_status === null) return { status: 'cancelled', reason: 'notice_gone' };
    if (row.notice_status === 'replied') return { status: 'cancelled', reason: 'notice_replied' };
    if (row.notice_status === 'closed') return { status: 'cancelled', reason: 'notice_closed' };
    if (row.notice_reply_due_date !== row.reply_due_date) return { status: 'cancelled', reason: 'reply_due_date_changed' };
    return null;
  }

  async message(manager: EntityManager, row: NoticeReminderRow): Promise<ReminderMessage> {
    const items: NoticeForReminder['items'] = await manager.query(
      `SELECT i.project_id AS "projectId", coalesce(p.name, '') AS "projectName", i.milestone_id AS "milestoneId",
              m.name AS "milestoneName", m.planned_date AS "milestonePlannedDate"
         FROM supervision_notice_items i
         LEFT JOIN projects p ON p.id = i.project_id
         LEFT JOIN milestones m ON m.id = i.milestone_id
        WHERE i.notice_id = $1
        ORDER BY i.position`,
      [row.notice_id],
    );
    const about: NoticeForReminder = {
      id: row.notice_id,
      number: row.notice_number ?? '',
      title: row.notice_title ?? '',
      replyDueDate: row.notice_reply_due_date ?? row.reply_due_date,
      ownerUnitName: row.owner_unit_name ?? '',
      items,
    };
    return noticeReminderMessage(
      about,
      { reminderId: row.id, kind: row.kind, escalationLevel: row.escalation_level as 0 | 1 | 2, workingDaysLate: row.working_days_late },
      noticeLink(this.config.PUBLIC_BASE_URL, row.notice_id),
    );
  }

  /** The unit's robot or mailbox as it is set up now, if still subscribed to this kind and level. */
  async externalRecipient(manager: EntityManager, row: NoticeReminderRow, message: ReminderMessage): Promise<ReminderRecipient | null> {
    if (!row.owner_department_id) return null;
    const current = await resolveDepartmentRecipients(manager, row.owner_department_id, message);
    return current.find((candidate) => recipientKey(candidate) === row.recipient_key) ?? null;
  }

  /** notifications.reminder_id refers to `reminders`: a notice reminder's claim alone keeps its inbox row once. */
  notificationReminderId(): null {
    return null;
  }
}
