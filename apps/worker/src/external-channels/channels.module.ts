import { Module } from '@nestjs/common';
import { DingTalkRobotChannel, EmailChannel, NotificationsModule, WeComRobotChannel } from '@app/notifications';
import { REMINDER_CHANNELS, type ReminderChannel } from '../reminder-delivery/reminder-channel';

/**
 * The external delivery channels of reminders — 钉钉 and 企业微信 group robots and
 * e-mail — under the REMINDER_CHANNELS token the send processor consumes. The
 * classes live in @app/notifications because the API sends test messages through
 * the same code. Typing the factory as ReminderChannel[] makes the compiler check
 * them against the pipeline's contract.
 */
@Module({
  imports: [NotificationsModule],
  providers: [
    {
      provide: REMINDER_CHANNELS,
      inject: [DingTalkRobotChannel, WeComRobotChannel, EmailChannel],
      useFactory: (dingTalk: DingTalkRobotChannel, weCom: WeComRobotChannel, email: EmailChannel): ReminderChannel[] => [dingTalk, weCom, email],
    },
  ],
  exports: [REMINDER_CHANNELS],
})
export class ChannelsModule {}
