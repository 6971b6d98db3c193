import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import type { ReminderKind } from '@app/domain';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { DepartmentRecipientSource } from './department-recipient.source';
import { ReminderChannelRegistry } from './reminder-channel.registry';
import { isFinalAttempt, isSendable, markSent, recordDeliveryFailure } from './reminder-delivery';
import { recipientKey } from './reminder-identity';
import type { ReminderRecipient } from './reminder-message';
import { buildReminderMessage } from './reminder-message.builder';

export type SendReminderResult = 'sent' | 'skipped';

interface ReminderRow {
  id: string;
  status: string;
  kind: ReminderKind;
  rule: string;
  escalation_level: number;
  working_days_late: number;
  occurrence_date: string;
  planned_date: string | null;
  channel: ReminderRecipient['channel'];
  recipient_key: string;
  recipient_user_id: string | null;
  recipient_active: boolean | null;
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
 * Delivers one reminder (job id = reminder id) and marks it sent.
 *
 * 1. The row is already sent, cancelled or skipped → 'skipped'. This covers a
 *    worker that died after delivering but before BullMQ recorded the job as
 *    done, and a second job for the same reminder.
 * 2. The target changed — milestone done, cancelled, rescheduled or deleted,
 *    project suspended or cancelled, recipient deactivated or unsubscribed —
 *    → the row becomes 'skipped' with the reason, and the job returns 'skipped'
 *    (never an error for a vanished target).
 * 3. Otherwise the message is built from the current data and delivered:
 *    - inbox: one statement claims the row (queued/failed → sent) and, only if
 *      it did, writes the notification — delivery and "sent" commit together,
 *      and a concurrent second attempt claims nothing: exactly once;
 *    - robots and e-mail: in a transaction holding the row lock (SELECT … FOR
 *      UPDATE) around the call, so two attempts never deliver at once; if the
 *      process dies after the channel accepted the message but before the
 *      commit, the retried job delivers again — the one at-least-once window,
 *      and why those messages carry the reminder id (催办编号).
 *
 * A delivery error records attempts and the error and rethrows so BullMQ
 * retries with backoff; after the last attempt the row is 'failed'.
 */
@HandlesJob('send-reminder')
@Injectable()
export class SendReminderProcessor implements JobHandler<'send-reminder'> {
  private readonly logger = new Logger(SendReminderProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly channels: ReminderChannelRegistry,
    private readonly departmentRecipients: DepartmentRecipientSource,
  ) {}

  async handle(job: Job<JobPayloads['send-reminder']>): Promise<SendReminderResult> {
    const { reminderId } = job.data;
    try {
      const row = await this.read(this.dataSource.manager, reminderId, false);
      if (!row || !isSendable(row.status)) return 'skipped';
      if (row.channel === 'inbox') return await this.deliverToInbox(row);
      return await this.dataSource.transaction(async (manager) => {
        const locked = await this.read(manager, reminderId, true);
        if (!locked || !isSendable(locked.status)) return 'skipped';
        return this.deliverExternally(manager, locked);
      });
    } catch (error) {
      await recordDeliveryFailure(this.dataSource, 'reminders', reminderId, error, isFinalAttempt(job, error)).catch((recordError: Error) =>
        this.logger.error({ err: recordError }, `could not record the failure of ${reminderId}`),
      );
      throw error;
    }
  }

  /** The reminder with what it is about, as it is now; `lock` holds the reminder row for the transaction. */
  private async read(manager: EntityManager, reminderId: string, lock: boolean): Promise<ReminderRow | undefined> {
    const [row]: ReminderRow[] = await manager.query(
      `SELECT r.id, r.status, r.kind, r.rule, r.escalation_level, r.working_days_late, r.occurrence_date, r.planned_date,
              r.channel, r.recipient_key, r.recipient_user_id, u.is_active AS recipient_active, u.email AS recipient_email,
              r.project_id, p.name AS project_name, p.status AS project_status, p.owner_department_id, d.name AS owner_unit_name,
              r.milestone_id, m.name AS milestone_name, m.status AS milestone_status, m.planned_date AS milestone_planned_date
         FROM reminders r
         LEFT JOIN milestones m ON m.id = r.milestone_id
         LEFT JOIN projects p ON p.id = r.project_id
         LEFT JOIN departments d ON d.id = p.owner_department_id
         LEFT JOIN users u ON u.id = r.recipient_user_id
        WHERE r.id = $1
        ${lock ? 'FOR UPDATE OF r' : ''}`,
      [reminderId],
    );
    return row;
  }

  private async deliverToInbox(row: ReminderRow): Promise<SendReminderResult> {
    const staleReason = this.staleReason(row) ?? (row.recipient_user_id && row.recipient_active ? null : 'recipient_gone');
    if (staleReason) return this.skip(this.dataSource.manager, row.id, staleReason);
    const recipient: ReminderRecipient = { channel: 'inbox', address: row.recipient_user_id!, userId: row.recipient_user_id };
    const claimed = await this.channels.inbox.deliverOnce(row.id, recipient, this.messageOf(row));
    return claimed ? 'sent' : 'skipped';
  }

  private async deliverExternally(manager: EntityManager, row: ReminderRow): Promise<SendReminderResult> {
    const staleReason = this.staleReason(row);
    if (staleReason) return this.skip(manager, row.id, staleReason);
    const recipient = await this.recipientOf(manager, row);
    if (!recipient) return this.skip(manager, row.id, 'recipient_gone');
    await this.channels.require(row.channel).send(recipient, this.messageOf(row));
    await markSent(manager, 'reminders', row.id);
    return 'sent';
  }

  private messageOf(row: ReminderRow) {
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

  private staleReason(row: ReminderRow): string | null {
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

  /**
   * A person's own mailbox (the lead official's, at E1) as the account has it now, or a robot or mailbox as the
   * unit has it set up now (its current secret); null if the account was deactivated or its address changed, or the
   * channel was removed or unsubscribed.
   */
  private async recipientOf(manager: EntityManager, row: ReminderRow): Promise<ReminderRecipient | null> {
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

  /** Marks a still-open reminder skipped; a reminder already settled by someone else stays as it is. */
  private async skip(manager: EntityManager, id: string, reason: string): Promise<SendReminderResult> {
    await manager.query(`UPDATE reminders SET status = 'skipped', reason = $2, updated_at = now() WHERE id = $1 AND status IN ('queued', 'failed')`, [id, reason]);
    return 'skipped';
  }
}
