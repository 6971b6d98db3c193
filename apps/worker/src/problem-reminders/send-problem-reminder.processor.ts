import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import { ReminderSender, SendResult } from '../reminder-delivery/reminder-sender';
import { ProblemReminderTrack } from './problem-reminder.track';

/** Delivers one step of a problem's climb through the delivery core (claim-and-insert inbox, robots under the row lock). */
@HandlesJob('send-problem-reminder')
@Injectable()
export class SendProblemReminderProcessor implements JobHandler<'send-problem-reminder'> {
  constructor(
    private readonly sender: ReminderSender,
    private readonly track: ProblemReminderTrack,
  ) {}

  handle(job: Job<JobPayloads['send-problem-reminder']>): Promise<SendResult> {
    return this.sender.send(this.track, job.data.reminderId, job);
  }
}
