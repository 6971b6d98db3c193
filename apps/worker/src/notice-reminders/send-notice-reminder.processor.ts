import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { NoticeReminder, SupervisionNotice, SupervisionNoticeItem, User } from '@app/domain';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { resolveDepartmentRecipients } from '../channels/department-recipients';
import { ReminderChannelRegistry } from '../reminders/reminder-channel.registry';
import { claimAndDeliverToInbox, isFinalAttempt, isSendable, markSent, recordDeliveryFailure } from '../reminders/reminder-delivery';
import { noticeRecipientKey } from './notice-reminder-identity';
import { NoticeForReminder, noticeLink, noticeReminderMessage } from './notice-reminder-message';

export type SendNoticeReminderResult = 'sent' | 'cancelled' | 'skipped' | `already-${string}`;

/**
 * Delivers one notice reminder through the delivery core the milestone
 * reminders use (../reminders/reminder-delivery.ts). Under a row lock on the
 * reminder it checks that it is still sendable (queued, or failed and retried
 * by hand; a duplicate finds it sent and stops) and still true — the notice
 * still awaits its reply by the same due date, else the reminder is cancelled —
 * then delivers: to the inbox with the claim-and-insert statement (exactly
 * once), or through the unit's robot or mailbox from the channel registry (at
 * least once: a crash between the robot's answer and the commit makes BullMQ
 * retry). A channel this worker lacks is an unrecoverable failure, as for
 * milestone reminders.
 */
@HandlesJob('send-notice-reminder')
@Injectable()
export class SendNoticeReminderProcessor implements JobHandler<'send-notice-reminder'> {
  private readonly logger = new Logger(SendNoticeReminderProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly channels: ReminderChannelRegistry,
  ) {}

  handle(job: Job<JobPayloads['send-notice-reminder']>): Promise<SendNoticeReminderResult> {
    return this.send(job.data.reminderId, job);
  }

  /** `job`: the BullMQ job's attempts, to know whether a failure is final (without one, only an unrecoverable error is). */
  async send(reminderId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<SendNoticeReminderResult> {
    try {
      return await this.dataSource.transaction((manager) => this.deliver(manager, reminderId));
    } catch (error) {
      const final = isFinalAttempt(job ?? { attemptsMade: 0, opts: { attempts: 2 } }, error);
      await recordDeliveryFailure(this.dataSource, 'notice_reminders', reminderId, error, final).catch((recordError: Error) =>
        this.logger.error({ err: recordError }, `could not record the failure of ${reminderId}`),
      );
      throw error;
    }
  }

  private async deliver(manager: EntityManager, reminderId: string): Promise<SendNoticeReminderResult> {
    const reminder = await manager.findOne(NoticeReminder, { where: { id: reminderId }, lock: { mode: 'pessimistic_write' } });
    if (!reminder) return 'skipped';
    if (!isSendable(reminder.status)) return `already-${reminder.status}`;

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
      const claimed = await claimAndDeliverToInbox(manager, 'notice_reminders', reminder.id, user.id, message, null);
      return claimed ? 'sent' : 'already-sent';
    }

    const recipient = (await resolveDepartmentRecipients(manager, notice.ownerDepartmentId, message)).find(
      (candidate) => noticeRecipientKey(candidate) === reminder.recipientKey,
    );
    if (!recipient) return this.finish(manager, reminder, 'skipped', 'recipient_gone');
    await this.channels.require(reminder.channel).send(recipient, message);
    await markSent(manager, 'notice_reminders', reminder.id);
    return 'sent';
  }

  private async finish(
    manager: EntityManager,
    reminder: NoticeReminder,
    status: 'cancelled' | 'skipped',
    reason: string | null,
  ): Promise<SendNoticeReminderResult> {
    await manager.update(
      NoticeReminder,
      { id: reminder.id },
      { status, reason, attempts: reminder.attempts + 1, lastError: null },
    );
    this.logger.log(`notice reminder ${reminder.id} ${status}: ${reason}`);
    return status;
  }
}
