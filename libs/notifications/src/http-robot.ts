import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { ChannelDeliveryError } from './channel-delivery.error';
import type { DeliveryChannelKind } from './channel-message';
import { OutboundAddressGuard, OutboundAddressRefused, type CheckedTarget } from './outbound-address.guard';
import { describeWebhook } from './webhook-address';

/** What a delivered robot message took: the robot's HTTP status and the time from check to answer. */
export interface RobotDelivery {
  status: number;
  durationMs: number;
}

/** A robot's answer is a small JSON object; more than this is not read (nor kept). */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs a JSON message to a chat robot's webhook and checks its answer. DingTalk
 * and WeCom both answer HTTP 200 with { errcode, errmsg } and errcode 0 on
 * success; anything else — a refused address, a timeout, a refused connection,
 * a redirect (never followed), a non-2xx status, a body without errcode 0 —
 * throws ChannelDeliveryError, so BullMQ retries with backoff.
 *
 * The URL is checked by the OutboundAddressGuard first (public https hosts
 * only), and the connection goes to the very address the guard checked: the
 * request's `lookup` returns it instead of asking DNS again.
 *
 * `urlForRequest` may carry a signature; `webhookUrl` (unsigned) is what error
 * messages describe, without its query (the token). Errors never quote the
 * robot's answer beyond its numeric errcode: the API's test send shows them to
 * a department editor, whose URL could point at any https server.
 */
export async function postToRobot(
  channel: DeliveryChannelKind,
  robotName: string,
  webhookUrl: string,
  urlForRequest: string,
  body: unknown,
  timeoutMs: number,
  guard: OutboundAddressGuard,
): Promise<RobotDelivery> {
  const where = describeWebhook(webhookUrl);
  const started = performance.now();
  let target: CheckedTarget;
  try {
    target = await guard.check(urlForRequest);
  } catch (error) {
    const reason = error instanceof OutboundAddressRefused ? error.message : String(error);
    throw new ChannelDeliveryError(channel, `${robotName} ${where} refused before sending: the address ${reason}`, { refused: true });
  }
  let status: number;
  let raw: string;
  try {
    ({ status, raw } = await post(target, JSON.stringify(body), timeoutMs));
  } catch (error) {
    if ((error as Error)?.name === 'TimeoutError') {
      throw new ChannelDeliveryError(channel, `${robotName} ${where} did not answer within ${timeoutMs} ms`, { cause: error });
    }
    const reason = (error as { code?: string })?.code ?? (error as Error)?.message ?? String(error);
    throw new ChannelDeliveryError(channel, `${robotName} ${where} could not be reached: ${reason}`, { cause: error });
  }
  const durationMs = Math.round(performance.now() - started);
  if (status >= 300 && status < 400) {
    throw new ChannelDeliveryError(channel, `${robotName} ${where} answered with a redirect (HTTP ${status}), which is not followed`, { status, durationMs });
  }
  if (status < 200 || status >= 300) {
    throw new ChannelDeliveryError(channel, `${robotName} ${where} answered HTTP ${status}`, { status, durationMs });
  }
  let answer: { errcode?: unknown };
  try {
    answer = JSON.parse(raw);
  } catch {
    throw new ChannelDeliveryError(channel, `${robotName} ${where} answered something that is not a robot's JSON (HTTP ${status})`, { status, durationMs });
  }
  if (answer?.errcode !== 0) {
    const errcode = typeof answer?.errcode === 'number' && Number.isSafeInteger(answer.errcode) ? answer.errcode : undefined;
    throw new ChannelDeliveryError(channel, `${robotName} ${where} refused the message: errcode ${errcode ?? '(none)'} (HTTP ${status})`, {
      status,
      errcode,
      durationMs,
    });
  }
  return { status, durationMs };
}

/** One POST to the checked address, no redirects followed, no connection reused; the answer cut at MAX_ANSWER_BYTES. */
function post(target: CheckedTarget, payload: string, timeoutMs: number): Promise<{ status: number; raw: string }> {
  // Hands the connection the address the guard checked. Node asks for one address or, with
  // autoSelectFamily (the default since Node 20), for all of them.
  const pinned = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  }) as unknown as LookupFunction;
  const options: RequestOptions = {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) },
    lookup: pinned,
    // A fresh connection each time: a pooled socket would skip the pinned lookup.
    agent: false,
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(target.url, options, (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, raw: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', fail);
    });
    const timer = setTimeout(() => request.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })), timeoutMs);
    function fail(error: Error) {
      clearTimeout(timer);
      reject(error);
    }
    request.on('error', fail);
    request.end(payload);
  });
}
