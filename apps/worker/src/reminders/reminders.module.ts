import { Module } from '@nestjs/common';
import { OfficeCalendarModule } from '@app/calendar';
import { QueueModule } from '@app/queue';
import { JobRunsModule } from '../job-runs/job-runs.module';
import { DepartmentRecipientSource } from './department-recipient.source';
import { InboxChannel } from './inbox.channel';
import { MilestoneChangedProcessor } from './milestone-changed.processor';
import { NextYearCalendarNotifier } from './next-year-calendar.notifier';
import { ReminderChannelRegistry } from './reminder-channel.registry';
import { ReminderPlanner } from './reminder-planner';
import { ReminderRecipientResolver } from './reminder-recipients';
import { ReminderRulesReader } from './reminder-rules.reader';
import { ReminderScanProcessor } from './reminder-scan.processor';
import { SendReminderProcessor } from './send-reminder.processor';

/**
 * 催办: the daily scan, the send processor, re-planning on milestone changes and
 * the in-app inbox channel.
 */
@Module({
  // Explicit, so a module built from the reminders alone (tests) still has the queues, the job runs and the office calendar.
  imports: [QueueModule, JobRunsModule, OfficeCalendarModule],
  providers: [
    DepartmentRecipientSource,
    InboxChannel,
    ReminderChannelRegistry,
    ReminderRulesReader,
    ReminderRecipientResolver,
    ReminderPlanner,
    ReminderScanProcessor,
    SendReminderProcessor,
    MilestoneChangedProcessor,
    NextYearCalendarNotifier,
  ],
  exports: [ReminderScanProcessor, ReminderPlanner, ReminderRulesReader, ReminderChannelRegistry],
})
export class RemindersModule {}
