import { Module } from '@nestjs/common';
import { DeliveryChannels, NotificationsModule } from '@app/notifications';
import { REMINDER_CHANNELS, type ReminderChannel } from '../reminder-delivery/reminder-channel';

/**
 * The external delivery channels of reminders — every channel libs/notifications lists
 * (EXTERNAL_CHANNELS: 钉钉 and 企业微信 group robots, e-mail) — under the REMINDER_CHANNELS
 * token the sender consumes. The API sends test messages through the same classes, so a
 * new channel is registered once, there. Typing the factory as ReminderChannel[] makes the
 * compiler check them against the pipeline's contract.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    {
      provide: REMINDER_CHANNELS,
      inject: [DeliveryChannels],
      useFactory: (channels: DeliveryChannels): ReminderChannel[] => channels.all(),
    },
  ],
  exports: [REMINDER_CHANNELS],
})
export class ChannelsModule {}
