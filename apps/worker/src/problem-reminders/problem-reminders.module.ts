import { Module } from '@nestjs/common';
import { ChannelsModule } from '../external-channels/channels.module';
import { ReminderDeliveryModule } from '../reminder-delivery/reminder-delivery.module';
import { ProblemEscalationPlanner } from './problem-escalation.planner';
import { ProblemReminderTrack } from './problem-reminder.track';
import { SendProblemReminderProcessor } from './send-problem-reminder.processor';

/**
 * 问题台账催办升级: problems that have not moved climb — coordinating departments, then the lead official, then the
 * 督查室 — a planner on the reminder delivery core (../reminder-delivery), run by the daily reminder scan.
 */
@Module({
  imports: [ReminderDeliveryModule, ChannelsModule],
  providers: [ProblemReminderTrack, SendProblemReminderProcessor, ProblemEscalationPlanner],
})
export class ProblemRemindersModule {}
