import { Module, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import type { DeliveryChannel, DeliveryChannelKind } from './channel-message';
import { DingTalkRobotChannel } from './dingtalk-robot.channel';
import { EmailChannel } from './email.channel';
import { OutboundAddressGuard, systemHostResolver, type HostResolver } from './outbound-address.guard';
import { WeComRobotChannel } from './wecom-robot.channel';

/** The three delivery channels by kind, for code that picks one per recipient (the API's test send). */
export class DeliveryChannels {
  private readonly byKind: Map<DeliveryChannelKind, DeliveryChannel>;

  constructor(channels: DeliveryChannel[]) {
    this.byKind = new Map(channels.map((channel) => [channel.channel, channel]));
  }

  get(kind: DeliveryChannelKind): DeliveryChannel {
    const channel = this.byKind.get(kind);
    if (!channel) throw new Error(`No delivery channel for ${kind}`);
    return channel;
  }

  all(): DeliveryChannel[] {
    return [...this.byKind.values()];
  }
}

/**
 * The external channels, each listed once: a new channel is its class, its provider below and its place here —
 * the API's test sends (DeliveryChannels) and the worker's reminders (REMINDER_CHANNELS) both take this list.
 */
const EXTERNAL_CHANNELS = [DingTalkRobotChannel, WeComRobotChannel, EmailChannel];

/** DI token of the HostResolver the OutboundAddressGuard uses; tests override it with a stub. */
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');

/**
 * The external delivery channels (钉钉, 企业微信, e-mail), configured from
 * AppConfig. The worker sends reminders through them; the API sends test
 * messages through the very same classes.
 */
@Module({
  providers: [
    { provide: HOST_RESOLVER, useValue: systemHostResolver },
    {
      provide: OutboundAddressGuard,
      inject: [AppConfig, HOST_RESOLVER],
      useFactory: (config: AppConfig, resolver: HostResolver) =>
        new OutboundAddressGuard({ allowLoopback: config.CHANNEL_ALLOW_LOOPBACK, hostAllowlist: config.CHANNEL_HOST_ALLOWLIST }, resolver),
    },
    {
      provide: DingTalkRobotChannel,
      inject: [AppConfig, OutboundAddressGuard],
      useFactory: (config: AppConfig, guard: OutboundAddressGuard) => new DingTalkRobotChannel({ timeoutMs: config.CHANNEL_TIMEOUT_MS, guard }),
    },
    {
      provide: WeComRobotChannel,
      inject: [AppConfig, OutboundAddressGuard],
      useFactory: (config: AppConfig, guard: OutboundAddressGuard) => new WeComRobotChannel({ timeoutMs: config.CHANNEL_TIMEOUT_MS, guard }),
    },
    {
      provide: EmailChannel,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new EmailChannel({ smtpUrl: config.SMTP_URL, from: config.SMTP_FROM, timeoutMs: config.CHANNEL_TIMEOUT_MS }),
    },
    {
      provide: DeliveryChannels,
      inject: EXTERNAL_CHANNELS,
      useFactory: (...channels: DeliveryChannel[]) => new DeliveryChannels(channels),
    },
  ],
  exports: [DingTalkRobotChannel, WeComRobotChannel, EmailChannel, DeliveryChannels, OutboundAddressGuard],
})
export class NotificationsModule implements OnModuleDestroy {
  constructor(private readonly email: EmailChannel) {}

  onModuleDestroy(): void {
    this.email.close();
  }
}
