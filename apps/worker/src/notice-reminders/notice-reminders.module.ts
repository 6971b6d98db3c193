import { Module } from '@nestjs/common';
import { ChannelsModule } from '../channels/channels.module';
import { NoticeReminderScanService } from './notice-reminder-scan.service';
import { NoticeReminderQueue } from './notice-reminder.queue';
import { NoticeReminderWorker } from './notice-reminder.worker';
import { SendNoticeReminderProcessor } from './send-notice-reminder.processor';

/**
 * 督办单催办: reminds owner units of supervision notices whose reply is due
 * tomorrow or late — daily, on working days, escalating to lead officials (E1)
 * and the 督查室 (E2) by the reminder rules — through the inbox and the
 * departments' channels (REMINDER_CHANNELS).
 */
@Module({
  imports: [ChannelsModule],
  providers: [NoticeReminderQueue, NoticeReminderScanService, SendNoticeReminderProcessor, NoticeReminderWorker],
  exports: [NoticeReminderScanService, NoticeReminderQueue],
})
export class NoticeRemindersModule {}
