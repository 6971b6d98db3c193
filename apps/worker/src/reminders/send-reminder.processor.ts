import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { ReminderSender } from '../reminder-delivery/reminder-sender';
import { MilestoneReminderTrack } from './milestone-reminder.track';

export type SendReminderResult = 'sent' | 'skipped';

/**
 * Delivers one milestone reminder (job id = reminder id) through the delivery core (ReminderSender, see
 * ../reminder-delivery/README.md): already settled → 'skipped'; the milestone done, cancelled, removed,
 * rescheduled or deleted, the project suspended or cancelled, the recipient deactivated or unsubscribed, or a
 * channel this worker lacks → the row 'skipped' with the reason; else the inbox claim-and-insert (exactly once) or
 * the robot / mailbox under the row lock (at least once in one window). Errors are counted on the row and rethrown
 * for BullMQ's retries; after the last attempt the row is 'failed'.
 */
@HandlesJob('send-reminder')
@Injectable()
export class SendReminderProcessor implements JobHandler<'send-reminder'> {
  constructor(
    private readonly sender: ReminderSender,
    private readonly track: MilestoneReminderTrack,
  ) {}

  /** Milestone reminders never settle as 'cancelled' (that is the milestone-changed handler's, before sending). */
  async handle(job: Job<JobPayloads['send-reminder']>): Promise<SendReminderResult> {
    const result = await this.sender.send(this.track, job.data.reminderId, job);
    return result === 'sent' ? 'sent' : 'skipped';
  }
}
