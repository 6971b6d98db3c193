import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** 站内消息: the signed-in user's inbox of reminders (named apart from @app/notifications, the delivery channels). */
@Module({ controllers: [NotificationsController], providers: [NotificationsService] })
export class NotificationsInboxModule {}
