import type { DepartmentChannelKind } from '@app/domain';

/**
 * What a delivery channel reads of a reminder and of its recipient. The worker's
 * ReminderMessage / ReminderRecipient (apps/worker/src/reminders) satisfy these
 * structurally, and so does the API's test message; the worker's ChannelsModule
 * checks that at compile time by typing its providers as ReminderChannel[].
 */
export interface ChannelMessage {
  /** Deterministic identity of the reminder; e-mails carry it for the receiving side to dedupe. */
  reminderId: string;
  /** Chinese one-line title, e.g. 「【逾期催办】玉泉变 220 千伏变电站工程 · 开工」. */
  title: string;
  /** Chinese markdown body: project, milestone, planned date, working days late, owner unit, link. */
  text: string;
  /** Absolute link to the project. */
  link: string;
}

/** The delivery channels this library implements: the units' channels of @app/domain (the in-app inbox lives in the worker). */
export type DeliveryChannelKind = DepartmentChannelKind;

export const DELIVERY_CHANNEL_LABELS: Record<DeliveryChannelKind, string> = {
  dingtalk: '钉钉群机器人',
  wecom: '企业微信群机器人',
  email: '电子邮件',
};

export interface ChannelRecipient {
  /** Robot webhook URL (with its access token) or an e-mail address. */
  address: string;
  /** DingTalk 加签 secret, when the robot has one. */
  secret?: string | null;
}

/** What a delivery took: the HTTP status of a robot's answer (none for e-mail) and milliseconds until it answered. */
export interface DeliveryReceipt {
  status?: number;
  durationMs: number;
}

/** A channel that delivers to one recipient; throws ChannelDeliveryError on failure so BullMQ retries. */
export interface DeliveryChannel {
  readonly channel: DeliveryChannelKind;
  send(recipient: ChannelRecipient, message: ChannelMessage): Promise<DeliveryReceipt>;
}
