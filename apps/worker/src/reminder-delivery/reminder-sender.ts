import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource, EntityManager } from 'typeorm';
import { InboxChannel } from './inbox.channel';
import { ReminderChannelRegistry } from './reminder-channel.registry';
import { isFinalAttempt, isSendable, markSent, recordDeliveryFailure, settleReminder } from './reminder-delivery';
import type { ReminderTrack, SendableReminderRow, Settlement } from './reminder-track';

export type SendResult = 'sent' | 'skipped' | 'cancelled';

/**
 * Delivers one planned reminder of any track — the send job's whole handler:
 *
 * 1. The row is already sent, cancelled or skipped (or gone) → 'skipped': a worker that died after delivering but
 *    before BullMQ recorded the job, or a second job for the same reminder.
 * 2. The target changed (track.stale), the inbox user was deactivated, the robot or mailbox was removed or
 *    unsubscribed (`recipient_gone`), or this worker has no such channel (`channel_unavailable`) → the row is
 *    settled with the reason and the job returns that status — never an error for a vanished target.
 * 3. Inbox: one statement claims the row (queued/failed → sent) and, only if it did, writes the notification —
 *    exactly once end to end. Robots and e-mail: the call is made in a transaction holding the row lock, so two
 *    attempts never deliver at once; a crash after the channel accepted but before the commit delivers again (the
 *    one at-least-once window; the message carries the 催办编号).
 *
 * A delivery error records attempts and the error and rethrows, so BullMQ retries with the configured backoff;
 * after the last attempt the row is 'failed' (and a hand retry of the failed job delivers it).
 */
@Injectable()
export class ReminderSender {
  private readonly logger = new Logger(ReminderSender.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly channels: ReminderChannelRegistry,
    private readonly inbox: InboxChannel,
  ) {}

  /** `job`: its attempts, to know whether a failure is final (without one, only an unrecoverable error is). */
  async send<Row extends SendableReminderRow>(track: ReminderTrack<Row>, reminderId: string, job?: Pick<Job, 'attemptsMade' | 'opts'>): Promise<SendResult> {
    try {
      const row = await track.load(this.dataSource.manager, reminderId, false);
      if (!row || !isSendable(row.status)) return 'skipped';
      if (row.channel === 'inbox') return await this.deliverToInbox(track, row);
      return await this.dataSource.transaction(async (manager) => {
        const locked = await track.load(manager, reminderId, true);
        if (!locked || !isSendable(locked.status)) return 'skipped';
        return this.deliverExternally(track, manager, locked);
      });
    } catch (error) {
      const final = isFinalAttempt(job ?? { attemptsMade: 0, opts: { attempts: 2 } }, error);
      await recordDeliveryFailure(this.dataSource, track.table, reminderId, error, final).catch((recordError: Error) =>
        this.logger.error({ err: recordError }, `could not record the failure of ${reminderId}`),
      );
      throw error;
    }
  }

  private async deliverToInbox<Row extends SendableReminderRow>(track: ReminderTrack<Row>, row: Row): Promise<SendResult> {
    const manager = this.dataSource.manager;
    const settlement = track.stale(row) ?? (row.recipient_user_id && row.recipient_active ? null : { status: 'skipped', reason: 'recipient_gone' });
    if (settlement) return this.settle(manager, track, row.id, settlement);
    const message = await track.message(manager, row);
    const claimed = await this.inbox.deliverOnce(
      { table: track.table, reminderId: row.id, notificationReminderId: track.notificationReminderId(row) },
      { channel: 'inbox', address: row.recipient_user_id!, userId: row.recipient_user_id },
      message,
    );
    return claimed ? 'sent' : 'skipped';
  }

  private async deliverExternally<Row extends SendableReminderRow>(track: ReminderTrack<Row>, manager: EntityManager, row: Row): Promise<SendResult> {
    const settlement = track.stale(row);
    if (settlement) return this.settle(manager, track, row.id, settlement);
    const channel = this.channels.get(row.channel);
    if (!channel) return this.settle(manager, track, row.id, { status: 'skipped', reason: 'channel_unavailable' });
    const message = await track.message(manager, row);
    const recipient = await track.externalRecipient(manager, row, message);
    if (!recipient) return this.settle(manager, track, row.id, { status: 'skipped', reason: 'recipient_gone' });
    await channel.send(recipient, message);
    await markSent(manager, track.table, row.id);
    return 'sent';
  }

  private async settle(manager: EntityManager, track: ReminderTrack<any>, id: string, settlement: Settlement): Promise<SendResult> {
    await settleReminder(manager, track.table, id, settlement.status, settlement.reason);
    this.logger.debug(`${id} ${settlement.status}: ${settlement.reason}`);
    return settlement.status;
  }
}
