import { ChannelDeliveryError } from './channel-delivery.error';
import type { DeliveryChannelKind } from './channel-message';
import { describeWebhook } from './webhook-address';

/**
 * POSTs a JSON message to a chat robot's webhook and checks its answer. DingTalk
 * and WeCom both answer HTTP 200 with { errcode, errmsg } and errcode 0 on
 * success; anything else — a timeout, a refused connection, a non-2xx status,
 * a body without errcode 0 — throws, so BullMQ retries with backoff.
 *
 * `urlForRequest` may carry a signature; `webhookUrl` (unsigned) is what error
 * messages describe, without its query (the token).
 */
export async function postToRobot(
  channel: DeliveryChannelKind,
  robotName: string,
  webhookUrl: string,
  urlForRequest: string,
  body: unknown,
  timeoutMs: number,
): Promise<void> {
  const where = describeWebhook(webhookUrl);
  let status: number;
  let raw: string;
  try {
    const response = await fetch(urlForRequest, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      // A robot never redirects; following one could lead anywhere.
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = response.status;
    raw = await response.text();
  } catch (error) {
    const name = (error as Error)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new ChannelDeliveryError(channel, `${robotName} ${where} did not answer within ${timeoutMs} ms`, { cause: error });
    }
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    const reason = cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
    throw new ChannelDeliveryError(channel, `${robotName} ${where} could not be reached: ${reason}`, { cause: error });
  }
  // Only the robot's own errcode/errmsg is quoted, never other text of the answer: the API's test
  // send shows this message to a department editor, whose URL could point at any https server.
  if (status < 200 || status >= 300) {
    throw new ChannelDeliveryError(channel, `${robotName} ${where} answered HTTP ${status}`, { status });
  }
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(raw);
  } catch {
    throw new ChannelDeliveryError(channel, `${robotName} ${where} answered something that is not JSON (HTTP ${status})`, { status });
  }
  if (answer?.errcode !== 0) {
    const errcode = typeof answer?.errcode === 'number' ? answer.errcode : undefined;
    throw new ChannelDeliveryError(
      channel,
      `${robotName} ${where} refused the message: errcode ${String(answer?.errcode).slice(0, 20)} ${String(answer?.errmsg ?? '').slice(0, 200)}`.trim(),
      { status, errcode },
    );
  }
}
