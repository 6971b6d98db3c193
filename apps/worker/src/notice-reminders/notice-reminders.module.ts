import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { JobRunsModule } from '../job-runs/job-runs.module';
import { ChannelsModule } from '../external-channels/channels.module';
import { ReminderDeliveryModule } from '../reminder-delivery/reminder-delivery.module';
import { NoticeReminderTrack } from './notice-reminder.track';
import { NoticeReminderScanProcessor } from './notice-reminder-scan.processor';
import { NoticeReminderScanService } from './notice-reminder-scan.service';
import { SendNoticeReminderProcessor } from './send-notice-reminder.processor';

/**
 * 督办单催办: reminds owner units of supervision notices whose reply is due
 * tomorrow or late — daily, on working days, escalating to lead officials (E1)
 * and the 督查室 (E2) by the reminder rules — through the inbox and the
 * departments' channels (REMINDER_CHANNELS). Its jobs ('notice-reminder-scan',
 * 'send-notice-reminder') are in libs/queue's registry, run by the worker's
 * QueueWorkers like every other queue. A planner on the reminder delivery core
 * (../reminder-delivery): its track, NoticeReminderTrack, says what a row is about.
 */
@Module({
  imports: [QueueModule, JobRunsModule, ChannelsModule, ReminderDeliveryModule],
  providers: [NoticeReminderTrack, NoticeReminderScanService, NoticeReminderScanProcessor, SendNoticeReminderProcessor],
  exports: [NoticeReminderScanService],
})
export class NoticeRemindersModule {}
