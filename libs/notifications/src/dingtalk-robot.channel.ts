import type { ChannelMessage, ChannelRecipient, DeliveryChannel, DeliveryReceipt } from './channel-message';
import { signDingTalkWebhook } from './dingtalk-signature';
import { postToRobot } from './http-robot';
import type { OutboundAddressGuard } from './outbound-address.guard';
import { dingTalkMarkdown } from './reminder-format';

export interface RobotChannelOptions {
  /** How long the robot may take to answer before the attempt counts as failed. */
  timeoutMs: number;
  /** Which addresses may be called (SSRF rules); checked before every send. */
  guard: OutboundAddressGuard;
}

/**
 * 钉钉群机器人 (custom robot webhook). A robot with 加签 gets `timestamp` and
 * `sign` appended to its URL on every send; one secured only by keywords or an
 * IP allow-list is posted to as it is.
 */
export class DingTalkRobotChannel implements DeliveryChannel {
  readonly channel = 'dingtalk' as const;

  constructor(private readonly options: RobotChannelOptions) {}

  async send(recipient: ChannelRecipient, message: ChannelMessage): Promise<DeliveryReceipt> {
    // Real wall-clock time on purpose, not the injectable Clock: DingTalk refuses
    // a signature whose timestamp is more than an hour from its own clock.
    const url = recipient.secret ? signDingTalkWebhook(recipient.address, recipient.secret, Date.now()) : recipient.address;
    return postToRobot('dingtalk', '钉钉机器人', recipient.address, url, dingTalkMarkdown(message), this.options.timeoutMs, this.options.guard);
  }
}
