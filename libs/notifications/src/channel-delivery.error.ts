import type { DeliveryChannelKind } from './channel-message';

export interface ChannelDeliveryErrorDetails {
  /** HTTP status of the robot's answer, when there was one. */
  status?: number;
  /** errcode of a DingTalk / WeCom answer that was not 0. */
  errcode?: number;
  cause?: unknown;
}

/**
 * A delivery that did not happen. The message never contains a webhook's access
 * token or a secret: it ends up in BullMQ's failedReason, the failed-jobs API and
 * Bull Board.
 */
export class ChannelDeliveryError extends Error {
  override name = 'ChannelDeliveryError';
  readonly status?: number;
  readonly errcode?: number;

  constructor(
    readonly channel: DeliveryChannelKind,
    message: string,
    details: ChannelDeliveryErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.errcode = details.errcode;
  }
}
