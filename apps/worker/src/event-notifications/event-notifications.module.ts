import { Module } from '@nestjs/common';
import { ReportingModule } from '@app/reporting';
import { ReminderDeliveryModule } from '../reminder-delivery/reminder-delivery.module';
import { EventDeliverySender } from './event-delivery.sender';
import { EventNotificationRelay } from './event-notification.relay';
import { RedLightScanner } from './red-light.scanner';

/**
 * Notifications of events in the supervision loop (督办单, deadline changes, a
 * project turning red): relayed from the outbox into inboxes and the reminders'
 * channels, exactly once per event and recipient.
 */
@Module({
  // The reminders' channel registry (钉钉, 企业微信, e-mail under REMINDER_CHANNELS, found app-wide).
  imports: [ReportingModule, ReminderDeliveryModule],
  providers: [EventNotificationRelay, EventDeliverySender, RedLightScanner],
  exports: [EventNotificationRelay, EventDeliverySender, RedLightScanner],
})
export class EventNotificationsModule {}
