import { Module } from '@nestjs/common';
import { OfficeCalendarModule } from '@app/calendar';
import { QueueModule } from '@app/queue';
import { JobRunsModule } from '../job-runs/job-runs.module';
import { DepartmentRecipientSource } from './department-recipient.source';
import { MilestoneChangedProcessor } from './milestone-changed.processor';
import { NextYearCalendarNotifier } from './next-year-calendar.notifier';
import { ReminderDeliveryModule } from '../reminder-delivery/reminder-delivery.module';
import { MilestoneReminderTrack } from './milestone-reminder.track';
import { ReminderPlanner } from './reminder-planner';
import { ReminderRecipientResolver } from './reminder-recipients';
import { ReminderRulesReader } from './reminder-rules.reader';
import { ReminderScanProcessor } from './reminder-scan.processor';
import { SendReminderProcessor } from './send-reminder.processor';

/**
 * 催办 of milestones: the daily scan (the planner), the send processor (its track
 * on the delivery core, ../reminder-delivery) and re-planning on milestone changes.
 */
@Module({
  // Explicit, so a module built from the reminders alone (tests) still has the queues, the job runs and the office calendar.
  imports: [QueueModule, JobRunsModule, OfficeCalendarModule, ReminderDeliveryModule],
  providers: [
    DepartmentRecipientSource,
    MilestoneReminderTrack,
    ReminderRulesReader,
    ReminderRecipientResolver,
    ReminderPlanner,
    ReminderScanProcessor,
    SendReminderProcessor,
    MilestoneChangedProcessor,
    NextYearCalendarNotifier,
  ],
  exports: [ReminderScanProcessor, ReminderPlanner, ReminderRulesReader],
})
export class RemindersModule {}
