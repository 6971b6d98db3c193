import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import type { ReminderKind } from '@app/domain';
import { recipientKey } from '../reminder-delivery/reminder-identity';
import type { ReminderMessage, ReminderRecipient } from '../reminder-delivery/reminder-message';
import { reminderRowQuery, type ReminderTrack, type SendableReminderRow, type Settlement } from '../reminder-delivery/reminder-track';
import { DepartmentRecipientSource } from './department-recipient.source';
import { buildReminderMessage } from './reminder-message.builder';

export interface MilestoneReminderRow extends SendableReminderRow {
  kind: ReminderKind;
  rule: string;
  escalation_level: number;
  working_days_late: number;
  occurrence_date: string;
  planned_date: string | null;
  recipient_email: string | null;
  project_id: string;
  project_name: string | null;
  project_status: string | null;
  owner_department_id: string | null;
  owner_unit_name: string | null;
  milestone_id: string | null;
  milestone_name: string | null;
  milestone_status: string | null;
  milestone_planned_date: string | null;
}

/**
 * 催办 of milestones as a track of the delivery core (table `reminders`, ids `reminder-…`, job 'send-reminder'):
 * what a row is about at send time, when it no longer holds, what it says, and who its robot or mailbox is now.
 */
@Injectable()
export class MilestoneReminderTrack implements ReminderTrack<MilestoneReminderRow> {
  readonly table = 'reminders';
  readonly idPrefix = 'reminder';
  readonly sendJob = 'send-reminder' as const;

  constructor(
    private readonly config: AppConfig,
    private readonly departmentRecipients: DepartmentRecipientSource,
  ) {}

  /** The reminder with what it is about, as it is now; `lock` holds the reminder row for the transaction. */
  async load(manager: EntityManager, reminderId: string, lock: boolean): Promise<MilestoneReminderRow | undefined> {
    const [row]: MilestoneReminderRow[] = await manager.query(
      reminderRowQuery(
        this.table,
        `r.kind, r.rule, r.escalation_level, r.working_days_late, r.occurrence_date, r.planned_date, u.email AS recipient_email,
         r.project_id, p.name AS project_name, p.status AS project_status, p.owner_department_id, d.name AS owner_unit_name,
         r.milestone_id, m.name AS milestone_name, m.status AS milestone_status, m.planned_date AS milestone_planned_date`,
        `LEFT JOIN milestones m ON m.id = r.milestone_id
         LEFT JOIN projects p ON p.id = r.project_id
         LEFT JOIN departments d ON d.id = p.owner_department_id`,
        lock,
      ),
      [reminderId],
    );
    return row;
  }

  stale(row: MilestoneReminderRow): Settlement | null {
    const reason = staleReason(row);
    return reason ? { status: 'skipped', reason } : null;
  }

  async message(_manager: EntityManager, row: MilestoneReminderRow): Promise<ReminderMessage> {
    return buildReminderMessage(
      {
        reminderId: row.id,
        kind: row.kind,
        rule: row.rule,
        escalationLevel: row.escalation_level,
        workingDaysLate: row.working_days_late,
        occurrenceDate: row.occurrence_date,
        plannedDate: row.milestone_planned_date ?? row.planned_date,
        projectId: row.project_id,
        projectName: row.project_name ?? '',
        milestoneId: row.milestone_id,
        milestoneName: row.milestone_name,
        ownerUnitName: row.owner_unit_name,
      },
      this.config.PUBLIC_BASE_URL,
    );
  }

  /**
   * A person's own mailbox (the lead official's, at E1) as the account has it now, or a robot or mailbox as the
   * unit has it set up now (its current secret); null if the account was deactivated or its address changed, or the
   * channel was removed or unsubscribed.
   */
  async externalRecipient(manager: EntityManager, row: MilestoneReminderRow): Promise<ReminderRecipient | null> {
    if (row.recipient_user_id) {
      if (row.channel !== 'email' || !row.recipient_active || !row.recipient_email) return null;
      const personal: ReminderRecipient = { channel: 'email', address: row.recipient_email.trim(), userId: row.recipient_user_id };
      return recipientKey(personal) === row.recipient_key ? personal : null;
    }
    if (!row.owner_department_id) return null;
    const current = await this.departmentRecipients.resolve(manager, row.owner_department_id, {
      kind: row.kind,
      escalationLevel: row.escalation_level as 0 | 1 | 2,
    });
    return current.find((recipient) => recipientKey(recipient) === row.recipient_key) ?? null;
  }

  notificationReminderId(row: MilestoneReminderRow): string {
    return row.id;
  }
}

function staleReason(row: MilestoneReminderRow): string | null {
  if (row.project_name === null) return 'project_deleted';
  if (row.project_status === 'suspended' || row.project_status === 'cancelled') return `project_${row.project_status}`;
  if (row.milestone_id === null) return null;
  if (row.milestone_status === null) return 'milestone_deleted';
  if (row.milestone_status === 'done') return 'milestone_completed';
  if (row.milestone_status === 'cancelled') return 'milestone_cancelled';
  if (row.milestone_status === 'removed') return 'milestone_removed';
  if (row.planned_date !== null && row.milestone_planned_date !== row.planned_date) return 'milestone_rescheduled';
  return null;
}
