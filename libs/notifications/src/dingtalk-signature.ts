import { createHmac } from 'node:crypto';

/**
 * DingTalk 群机器人 加签: sign = urlencode(base64(HMAC-SHA256(key = secret,
 * message = `${timestamp}\n${secret}`))), with timestamp in milliseconds; both
 * are appended to the webhook URL. DingTalk refuses a timestamp more than an
 * hour away from its own clock.
 */
export function dingTalkSignature(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The webhook URL with `&timestamp=<ms>&sign=<urlencoded signature>` appended. */
export function signDingTalkWebhook(webhookUrl: string, secret: string, timestampMs: number): string {
  const separator = webhookUrl.includes('?') ? '&' : '?';
  return `${webhookUrl}${separator}timestamp=${timestampMs}&sign=${encodeURIComponent(dingTalkSignature(secret, timestampMs))}`;
}
