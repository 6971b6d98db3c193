import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '@app/config';
import { DISTRICT_TIME_ZONE } from '@app/domain';
import { assertJobId, closeQueues, DEFAULT_JOB_OPTIONS, producerConnection } from '@app/queue';
import { NOTICE_REMINDER_QUEUE, NOTICE_REMINDER_SCAN_SCHEDULER_ID, NoticeReminderJobName, NoticeReminderJobPayloads } from './notice-reminder-jobs';
import { scanCronPattern } from '../reminders/reminder-rules.reader';

/**
 * The producer side of the notice-reminder queue: the shared connection
 * settings, QUEUE_PREFIX and job defaults of libs/queue; the daily scan's job
 * scheduler; one send job per reminder, its jobId the reminder's identity.
 */
@Injectable()
export class NoticeReminderQueue implements BeforeApplicationShutdown {
  private readonly logger = new Logger(NoticeReminderQueue.name);
  readonly queue: Queue<NoticeReminderJobPayloads[NoticeReminderJobName], unknown, NoticeReminderJobName>;

  constructor(config: AppConfig) {
    this.queue = new Queue(NOTICE_REMINDER_QUEUE, {
      connection: producerConnection(config.REDIS_URL),
      prefix: config.QUEUE_PREFIX,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    this.queue.on('error', (error) => this.logger.debug(`queue ${NOTICE_REMINDER_QUEUE}: ${error.message}`));
  }

  /**
   * Runs the scan every day at `sendAt` in Asia/Shanghai; the scan itself skips
   * days off on the official calendar (so 调休 make-up Saturdays get reminders
   * and holiday Mondays do not). Upserting with a stable id replaces the
   * schedule instead of adding a second one.
   */
  async schedule(sendAt: string): Promise<void> {
    const pattern = scanCronPattern(sendAt);
    const current = await this.queue.getJobScheduler(NOTICE_REMINDER_SCAN_SCHEDULER_ID);
    if (current?.pattern === pattern && current?.tz === DISTRICT_TIME_ZONE) return;
    await this.queue.upsertJobScheduler(
      NOTICE_REMINDER_SCAN_SCHEDULER_ID,
      { pattern, tz: DISTRICT_TIME_ZONE },
      { name: 'notice-reminder-scan', data: { trigger: 'schedule' } },
    );
    this.logger.log(`notice reminder scan scheduled at ${sendAt} ${DISTRICT_TIME_ZONE} (${pattern})`);
  }

  /** One send job per reminder id; BullMQ leaves a job whose id already exists as it is. */
  async enqueueSends(reminderIds: string[]): Promise<void> {
    if (reminderIds.length === 0) return;
    await this.queue.addBulk(
      reminderIds.map((reminderId) => ({
        name: 'send-notice-reminder' as const,
        data: { reminderId },
        opts: { jobId: assertJobId(reminderId) },
      })),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await closeQueues([this.queue]);
  }
}
