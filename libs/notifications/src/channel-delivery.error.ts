import type { DeliveryChannelKind } from './channel-message';

export interface ChannelDeliveryErrorDetails {
  /** HTTP status of the robot's answer, when there was one. */
  status?: number;
  /** errcode of a DingTalk / WeCom answer that was not 0. */
  errcode?: number;
  /** Milliseconds from the address check to the robot's answer, when it answered. */
  durationMs?: number;
  /** The address was refused before any connection was made (SSRF rules). */
  refused?: boolean;
  cause?: unknown;
}

/**
 * A delivery that did not happen. The message never contains a webhook's access
 * token, a secret or the text of a remote answer: it ends up in BullMQ's
 * failedReason, the failed-jobs API, Bull Board and the test send's 502.
 */
export class ChannelDeliveryError extends Error {
  override name = 'ChannelDeliveryError';
  readonly status?: number;
  readonly errcode?: number;
  readonly durationMs?: number;
  readonly refused: boolean;

  constructor(
    readonly channel: DeliveryChannelKind,
    message: string,
    details: ChannelDeliveryErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.errcode = details.errcode;
    this.durationMs = details.durationMs;
    this.refused = details.refused ?? false;
  }
}
