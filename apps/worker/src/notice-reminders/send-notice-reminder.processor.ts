import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import { NoticeReminder, Notification, SupervisionNotice, SupervisionNoticeItem, User } from '@app/domain';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { resolveDepartmentRecipients } from '../channels/department-recipients';
import { REMINDER_CHANNELS, type ReminderChannel } from '../reminders/reminder-channel';
import { noticeRecipientKey } from './notice-reminder-identity';
import { NoticeForReminder, noticeLink, noticeReminderMessage } from './notice-reminder-message';

export type SendNoticeReminderResult = 'sent' | 'cancelled' | 'skipped' | `already-${string}`;

/**
 * Delivers one notice reminder. Under a row lock on the reminder it checks that
 * it is still queued (a retry or a duplicate finds it sent and stops) and still
 * true — the notice still awaits its reply by the same due date, else the
 * reminder is cancelled — then delivers: to the inbox (a notifications row,
 * written in the same transaction that marks the reminder sent, so exactly
 * once), or through the REMINDER_CHANNELS channel (at least once: a crash
 * between the robot's answer and the commit makes BullMQ retry).
 */
@HandlesJob('send-notice-reminder')
@Injectable()
export class SendNoticeReminderProcessor implements JobHandler<'send-notice-reminder'> {
  private readonly logger = new Logger(SendNoticeReminderProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Optional() @Inject(REMINDER_CHANNELS) private readonly channels: ReminderChannel[] = [],
  ) {}

  handle(job: Job<JobPayloads['send-notice-reminder']>): Promise<SendNoticeReminderResult> {
    return this.send(job.data.reminderId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
  }

  /** `finalAttempt`: BullMQ will not retry after this one, so a failure is final. */
  async send(reminderId: string, finalAttempt = false): Promise<SendNoticeReminderResult> {
    try {
      return await this.dataSource.transaction((manager) => this.deliver(manager, reminderId));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource
        .query(
          `UPDATE notice_reminders SET attempts = attempts + 1, last_error = $2, status = CASE WHEN $3 THEN 'failed' ELSE status END, updated_at = now()
            WHERE id = $1 AND status = 'queued'`,
          [reminderId, message.slice(0, 2000), finalAttempt],
        )
        .catch(() => undefined);
      throw error;
    }
  }

  private async deliver(manager: EntityManager, reminderId: string): Promise<SendNoticeReminderResult> {
    const reminder = await manager.findOne(NoticeReminder, { where: { id: reminderId }, lock: { mode: 'pessimistic_write' } });
    if (!reminder) return 'skipped';
    if (reminder.status !== 'queued') return `already-${reminder.status}`;

    const notice = await manager.findOne(SupervisionNotice, { where: { id: reminder.noticeId }, relations: { ownerDepartment: true } });
    const staleBecause = !notice
      ? 'notice_gone'
      : notice.status === 'replied'
        ? 'notice_replied'
        : notice.status === 'closed'
          ? 'notice_closed'
          : notice.replyDueDate !== reminder.replyDueDate
            ? 'reply_due_date_changed'
            : null;
    if (!notice || staleBecause) return this.finish(manager, reminder, 'cancelled', staleBecause);

    const items = await manager.find(SupervisionNoticeItem, {
      where: { noticeId: notice.id },
      relations: { project: true, milestone: true },
      order: { position: 'ASC' },
    });
    const about: NoticeForReminder = {
      id: notice.id,
      number: notice.number,
      title: notice.title,
      replyDueDate: notice.replyDueDate,
      ownerUnitName: notice.ownerDepartment?.name ?? '',
      items: items.map((item) => ({
        projectId: item.projectId,
        projectName: item.project?.name ?? '',
        milestoneId: item.milestoneId,
        milestoneName: item.milestone?.name ?? null,
        milestonePlannedDate: item.milestone?.plannedDate ?? null,
      })),
    };
    const message = noticeReminderMessage(
      about,
      {
        reminderId: reminder.id,
        kind: reminder.kind,
        escalationLevel: reminder.escalationLevel as 0 | 1 | 2,
        workingDaysLate: reminder.workingDaysLate,
      },
      noticeLink(this.config.PUBLIC_BASE_URL, notice.id),
    );

    if (reminder.channel === 'inbox') {
      const user = reminder.recipientUserId ? await manager.findOneBy(User, { id: reminder.recipientUserId }) : null;
      if (!user?.isActive) return this.finish(manager, reminder, 'skipped', 'recipient_gone');
      await manager.insert(Notification, {
        userId: user.id,
        // notifications.reminder_id refers to the milestone pipeline's `reminders`; the notice reminder is marked sent below, in this transaction.
        reminderId: null,
        kind: message.kind,
        escalationLevel: message.escalationLevel,
        title: message.title,
        body: message.text,
        link: message.link,
        projectId: message.projectId,
        milestoneId: message.milestoneId,
      });
      return this.finish(manager, reminder, 'sent', null);
    }

    const recipient = (await resolveDepartmentRecipients(manager, notice.ownerDepartmentId, message)).find(
      (candidate) => noticeRecipientKey(candidate) === reminder.recipientKey,
    );
    if (!recipient) return this.finish(manager, reminder, 'skipped', 'recipient_gone');
    const channel = this.channels.find((candidate) => candidate.channel === reminder.channel);
    if (!channel) return this.finish(manager, reminder, 'skipped', 'channel_unavailable');
    await channel.send(recipient, message);
    return this.finish(manager, reminder, 'sent', null);
  }

  private async finish(
    manager: EntityManager,
    reminder: NoticeReminder,
    status: 'sent' | 'cancelled' | 'skipped',
    reason: string | null,
  ): Promise<SendNoticeReminderResult> {
    await manager.update(
      NoticeReminder,
      { id: reminder.id },
      { status, reason, attempts: reminder.attempts + 1, lastError: null, sentAt: status === 'sent' ? this.clock.now() : null },
    );
    if (status !== 'sent') this.logger.log(`notice reminder ${reminder.id} ${status}: ${reason}`);
    return status;
  }
}
