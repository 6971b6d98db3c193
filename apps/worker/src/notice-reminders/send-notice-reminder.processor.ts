import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { ReminderSender, SendResult } from '../reminder-delivery/reminder-sender';
import { NoticeReminderTrack } from './notice-reminder.track';

export type SendNoticeReminderResult = SendResult;

/**
 * Delivers one notice reminder through the delivery core the milestone reminders use (ReminderSender, see
 * ../reminder-delivery/README.md): already settled → 'skipped'; the notice replied, closed, deleted or given a new
 * due date → 'cancelled' with the reason; recipient deactivated or unsubscribed, or a channel this worker lacks →
 * 'skipped'; else the inbox claim-and-insert (exactly once) or the unit's robot / mailbox under the row lock. A
 * failed reminder retried by hand (queued|failed are sendable) is delivered, once.
 */
@HandlesJob('send-notice-reminder')
@Injectable()
export class SendNoticeReminderProcessor implements JobHandler<'send-notice-reminder'> {
  constructor(
    private readonly sender: ReminderSender,
    private readonly track: NoticeReminderTrack,
  ) {}

  handle(job: Job<JobPayloads['send-notice-reminder']>): Promise<SendNoticeReminderResult> {
    return this.send(job.data.reminderId, job);
  }

  /** `job`: the BullMQ job's attempts, to know whether a failure is final (without one, only an unrecoverable error is). */
  send(reminderId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<SendNoticeReminderResult> {
    return this.sender.send(this.track, reminderId, job);
  }
}
