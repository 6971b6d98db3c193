import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { NoticeReminderScanProcessor } from './notice-reminder-scan.processor';
import { NoticeReminderScanService } from './notice-reminder-scan.service';
import { SendNoticeReminderProcessor } from './send-notice-reminder.processor';

/**
 * 督办单催办: reminds owner units of supervision notices whose reply is due
 * tomorrow or late — daily, on working days, escalating to lead officials (E1)
 * and the 督查室 (E2) by the reminder rules — through the inbox and the
 * departments' channels (REMINDER_CHANNELS). Its jobs ('notice-reminder-scan',
 * 'send-notice-reminder') are in libs/queue's registry, run by the worker's
 * QueueWorkers like every other queue.
 */
@Module({
  imports: [ChannelsModule],
  providers: [NoticeReminderScanService, NoticeReminderScanProcessor, SendNoticeReminderProcessor],
  exports: [NoticeReminderScanService],
})
export class NoticeRemindersModule {}
