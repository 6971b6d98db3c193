import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { ModuleRef } from '@nestjs/core';
import { InboxChannel } from './inbox.channel';
import { REMINDER_CHANNELS, ReminderChannel } from './reminder-channel';
import type { ReminderRecipient } from './reminder-message';

/**
 * The delivery channels of this worker: the in-app inbox (always) and whatever
 * the channels module provides under REMINDER_CHANNELS (钉钉, 企业微信, e-mail),
 * looked up in the whole application so the pipeline runs with the inbox alone
 * when no external channel is installed. Shared by the milestone and the
 * supervision-notice reminders.
 */
@Injectable()
export class ReminderChannelRegistry implements OnModuleInit {
  private readonly logger = new Logger(ReminderChannelRegistry.name);
  private readonly channels = new Map<ReminderRecipient['channel'], ReminderChannel>();

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

  /** The channel of that kind; one this worker lacks fails the delivery for good (kept failed, retryable once installed). */
  require(channel: ReminderRecipient['channel']): ReminderChannel {
    const found = this.channels.get(channel);
    if (!found) throw new UnrecoverableError(`no ${channel} channel in this worker`);
    return found;
  }

  has(channel: ReminderRecipient['channel']): boolean {
    return this.channels.has(channel);
  }
}
