import { Module } from '@nestjs/common';
import { QueueModule } from '@app/queue';
import { DailyReminderPlanners } from './daily-reminder-planners';
import { InboxChannel } from './inbox.channel';
import { ReminderChannelRegistry } from './reminder-channel.registry';
import { ReminderPlanWriter } from './reminder-plan-writer';
import { ReminderSender } from './reminder-sender';

/**
 * The reminder delivery core (README.md of this folder): the channel registry (the inbox, and whatever the channels
 * module provides under REMINDER_CHANNELS, found app-wide), the plan writer, the sender and the daily planners
 * the reminder scan runs. Every reminder planner's
 * module imports it — milestones (../reminders), supervision notices (../notice-reminders) — and so do the event
 * notifications, for the channels.
 */
@Module({
  imports: [QueueModule],
  providers: [InboxChannel, ReminderChannelRegistry, ReminderPlanWriter, ReminderSender, DailyReminderPlanners],
  exports: [InboxChannel, ReminderChannelRegistry, ReminderPlanWriter, ReminderSender, DailyReminderPlanners],
})
export class ReminderDeliveryModule {}
