import type { ChannelMessage, ChannelRecipient, DeliveryChannel, DeliveryReceipt } from './channel-message';
import type { RobotChannelOptions } from './dingtalk-robot.channel';
import { postToRobot } from './http-robot';
import { weComMarkdown } from './reminder-format';

/** 企业微信群机器人. Not signed: the robot's key is part of its webhook URL. */
export class WeComRobotChannel implements DeliveryChannel {
  readonly channel = 'wecom' as const;

  constructor(private readonly options: RobotChannelOptions) {}

  async send(recipient: ChannelRecipient, message: ChannelMessage): Promise<DeliveryReceipt> {
    return postToRobot('wecom', '企业微信机器人', recipient.address, recipient.address, weComMarkdown(message), this.options.timeoutMs, this.options.guard);
  }
}
