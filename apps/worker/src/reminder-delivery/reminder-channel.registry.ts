import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InboxChannel } from './inbox.channel';
import { REMINDER_CHANNELS, ReminderChannel } from './reminder-channel';
import type { ReminderRecipient } from './reminder-message';

/**
 * The delivery channels of this worker: the in-app inbox (always) and whatever
 * the channels module provides under REMINDER_CHANNELS (钉钉, 企业微信, e-mail),
 * looked up in the whole application so the pipeline runs with the inbox alone
 * when no external channel is installed. Shared by every reminder planner and
 * the event notifications (ReminderDeliveryModule provides the one instance).
 */
@Injectable()
export class ReminderChannelRegistry implements OnModuleInit {
  private readonly logger = new Logger(ReminderChannelRegistry.name);
  private readonly channels = new Map<ReminderRecipient['channel'], ReminderChannel>();
  private readonly warned = new Set<ReminderRecipient['channel']>();

  constructor(
    private readonly moduleRef: ModuleRef,
    readonly inbox: InboxChannel,
  ) {}

  onModuleInit(): void {
    this.channels.set('inbox', this.inbox);
    let external: ReminderChannel[] = [];
    try {
      external = this.moduleRef.get<ReminderChannel[]>(REMINDER_CHANNELS, { strict: false }) ?? [];
    } catch {
      this.logger.warn('no external reminder channels installed: reminders go to the in-app inbox only');
    }
    for (const channel of external) {
      if (this.channels.has(channel.channel)) throw new Error(`two reminder channels for "${channel.channel}"`);
      this.channels.set(channel.channel, channel);
    }
  }

  get(channel: ReminderRecipient['channel']): ReminderChannel | undefined {
    return this.channels.get(channel);
  }

  has(channel: ReminderRecipient['channel']): boolean {
    return this.channels.has(channel);
  }

  /**
   * Whether a reminder may be planned on this channel: one this worker lacks is not planned (said once per channel in
   * the log), and a row of it already planned is skipped at send time (`channel_unavailable`) — never a failure.
   */
  plannable(channel: ReminderRecipient['channel']): boolean {
    if (this.channels.has(channel)) return true;
    if (!this.warned.has(channel)) {
      this.warned.add(channel);
      this.logger.warn(`a department has a ${channel} channel configured, but this worker has no ${channel} delivery: not planned`);
    }
    return false;
  }
}
