import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { EventNotificationPayload } from '@app/domain';
import { OUTBOX_TOPICS } from '@app/queue';
import { PollingLoop, PollingPace } from '../common/polling-loop';
import { ReminderChannelRegistry } from '../reminder-delivery/reminder-channel.registry';
import { audienceUsers } from './event-audience';

const BATCH_SIZE = 100;
const LINK_LABEL = '查看详情';

/**
 * Turns event notifications (outbox topic 'notification.event', written by the
 * API in the transaction of the change) into inbox rows and planned channel
 * deliveries. Straight from Postgres, without BullMQ: one transaction claims a
 * batch (FOR UPDATE SKIP LOCKED, so several workers share it), writes the inbox
 * rows (unique per event key and user), plans the deliveries (deterministic ids)
 * and marks the events published — all or nothing, hence exactly once. Works
 * while Redis is down.
 *
 * Channels: the owner units' robots and mailboxes that take every kind (a unit
 * channel limited to some reminder kinds is not sent events), and the e-mail
 * address of each user whose preference for the kind is "also channel" (the
 * default), when this worker has e-mail.
 *
 * Polls (PollingLoop): a full batch is followed at once by the next, else every
 * OUTBOX_POLL_INTERVAL_MS; after a failure five times that (Postgres away).
 */
@Injectable()
export class EventNotificationRelay extends PollingLoop {
  protected readonly what = 'event-notification relay';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly channels: ReminderChannelRegistry,
  ) {
    super();
  }

  protected async poll(): Promise<boolean> {
    return (await this.relayOnce()) === BATCH_SIZE;
  }

  protected pace(): PollingPace {
    const idleMs = this.config.OUTBOX_POLL_INTERVAL_MS;
    return { idleMs, afterFailureMs: () => idleMs * 5, warnEvery: 20 };
  }

  /** Relays one batch; returns how many events it handled. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: Array<{ id: string; payload: EventNotificationPayload }> = await manager.query(
        `SELECT id, payload FROM outbox_events
          WHERE published_at IS NULL AND topic = $1
          ORDER BY id LIMIT $2
            FOR UPDATE SKIP LOCKED`,
        [OUTBOX_TOPICS.eventNotification, BATCH_SIZE],
      );
      for (const row of rows) await this.deliver(manager, row.payload);
      if (rows.length > 0) {
        await manager.query(`UPDATE outbox_events SET published_at = now(), attempts = attempts + 1 WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
      }
      return rows.length;
    });
  }

  private async deliver(manager: EntityManager, event: EventNotificationPayload): Promise<void> {
    const link = `${this.config.PUBLIC_BASE_URL.replace(/\/+$/, '')}${event.path}`;
    const body = `${event.text}\n\n[${LINK_LABEL}](${link})`;
    const users = await audienceUsers(manager, event.audience);
    if (users.length > 0) {
      await manager.query(
        `INSERT INTO notifications (user_id, event_key, kind, escalation_level, title, body, link, project_id, milestone_id)
         SELECT user_id, $2, $3, 0, $4, $5, $6, $7, $8 FROM unnest($1::uuid[]) AS user_id
         ON CONFLICT ON CONSTRAINT uq_notifications_event_key_user_id DO NOTHING`,
        [users, event.eventKey, event.kind, event.title, body, link, event.projectId, event.milestoneId],
      );
    }
    const planned: Array<[string, string, string | null, string | null]> = [];
    if (this.channels.has('email') && users.length > 0) {
      const mailable: Array<{ id: string }> = await manager.query(
        `SELECT u.id FROM users u
           LEFT JOIN notification_preferences pref ON pref.user_id = u.id AND pref.kind = $2
          WHERE u.id = ANY($1::uuid[]) AND u.email IS NOT NULL AND u.email <> '' AND COALESCE(pref.also_channel, true)`,
        [users, event.kind],
      );
      for (const user of mailable) planned.push([`${event.eventKey}-email-${user.id}`, 'email', null, user.id]);
    }
    if ((event.audience.unitIds ?? []).length > 0) {
      const unitChannels: Array<{ id: string; channel: string }> = await manager.query(
        `SELECT id, channel FROM department_channels WHERE enabled AND kinds IS NULL AND department_id = ANY($1::uuid[]) ORDER BY id`,
        [event.audience.unitIds],
      );
      for (const unitChannel of unitChannels) {
        if (this.channels.has(unitChannel.channel as 'email')) planned.push([`${event.eventKey}-${unitChannel.channel}-${unitChannel.id}`, unitChannel.channel, unitChannel.id, null]);
      }
    }
    for (const [id, channel, departmentChannelId, userId] of planned) {
      await manager.query(
        `INSERT INTO event_deliveries (id, event_key, kind, channel, department_channel_id, recipient_user_id, title, body, link)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
        [id, event.eventKey, event.kind, channel, departmentChannelId, userId, event.title, body, link],
      );
    }
  }
}
