import { Module } from '@nestjs/common';
import { NotificationsModule } from '@app/notifications';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';

/** Per-department reminder channel settings, and test sends through the worker's own channel classes. */
@Module({
  imports: [NotificationsModule],
  controllers: [NotificationChannelsController],
  providers: [NotificationChannelsService],
})
export class NotificationChannelsModule {}
