import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { DepartmentChannel } from '@app/domain';
import { PollingLoop, PollingPace } from '../common/polling-loop';
import { ReminderChannelRegistry } from '../reminder-delivery/reminder-channel.registry';
import type { ReminderMessage, ReminderRecipient } from '../reminder-delivery/reminder-message';

const MAX_ATTEMPTS = 5;

interface DeliveryRow {
  id: string;
  event_key: string;
  kind: string;
  channel: ReminderRecipient['channel'];
  department_channel_id: string | null;
  recipient_user_id: string | null;
  title: string;
  body: string;
  link: string;
  attempts: number;
}

/**
 * Sends the planned channel deliveries of event notifications through the
 * reminders' channels (钉钉/企业微信 robots, e-mail). One delivery per
 * transaction, its row locked around the call (two workers never send the same
 * one); a failure is retried with exponential backoff (QUEUE_BACKOFF_MS, then
 * ×2) and is 'failed' after MAX_ATTEMPTS. As with reminders, a crash between the
 * channel's answer and the commit is the one at-least-once window: messages carry
 * the event key for the receiver to drop a duplicate. Polls (PollingLoop): the
 * next delivery at once after one was handled, else every OUTBOX_POLL_INTERVAL_MS.
 */
@Injectable()
export class EventDeliverySender extends PollingLoop {
  protected readonly what = 'event delivery';

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly channels: ReminderChannelRegistry,
  ) {
    super();
  }

  protected poll(): Promise<boolean> {
    return this.sendOne();
  }

  protected pace(): PollingPace {
    return { idleMs: this.config.OUTBOX_POLL_INTERVAL_MS };
  }

  /** Sends the next due delivery; false when none is due. */
  async sendOne(): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [row]: DeliveryRow[] = await manager.query(
        `SELECT id, event_key, kind, channel, department_channel_id, recipient_user_id, title, body, link, attempts
           FROM event_deliveries WHERE status = 'queued' AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      );
      if (!row) return false;
      const recipient = await this.recipientOf(manager, row);
      const channel = this.channels.get(row.channel);
      if (!recipient || !channel) {
        await manager.query(`UPDATE event_deliveries SET status = 'skipped', last_error = $2 WHERE id = $1`, [row.id, recipient ? 'no such channel in this worker' : 'recipient gone']);
        return true;
      }
      // The channels read the ChannelMessage part of a reminder message: identity, title, text, link.
      const message = { reminderId: row.event_key, kind: row.kind, title: row.title, text: row.body, link: row.link } as unknown as ReminderMessage;
      try {
        await channel.send(recipient, message);
        await manager.query(`UPDATE event_deliveries SET status = 'sent', sent_at = now(), last_attempt_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`, [row.id]);
      } catch (error) {
        const attempts = row.attempts + 1;
        await manager.query(
          `UPDATE event_deliveries SET attempts = $2, last_error = $3, last_attempt_at = now(), status = CASE WHEN $2 >= $4 THEN 'failed' ELSE 'queued' END,
                  next_attempt_at = now() + ($5::int * interval '1 millisecond')
            WHERE id = $1`,
          [row.id, attempts, (error as Error).message.slice(0, 2000), MAX_ATTEMPTS, this.config.QUEUE_BACKOFF_MS * 2 ** (attempts - 1)],
        );
      }
      return true;
    });
  }

  /** The unit's robot or mailbox as set up now, or the user's own e-mail address; null when gone. */
  private async recipientOf(manager: EntityManager, row: DeliveryRow): Promise<ReminderRecipient | null> {
    if (row.department_channel_id) {
      const unitChannel = await manager.getRepository(DepartmentChannel).findOneBy({ id: row.department_channel_id, enabled: true });
      return unitChannel ? { channel: unitChannel.channel, address: unitChannel.address, secret: unitChannel.secret, userId: null } : null;
    }
    const [user]: Array<{ email: string | null }> = await manager.query(`SELECT email FROM users WHERE id = $1 AND is_active`, [row.recipient_user_id]);
    return user?.email ? { channel: 'email', address: user.email, userId: row.recipient_user_id } : null;
  }
}
