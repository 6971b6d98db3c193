/**
 * Rules for the addresses a department may store, shared by the API (validation,
 * masking) and the channels (error messages that never show a token).
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Why a robot webhook URL is refused, or undefined when it is fine: https only;
 * http only on this machine (local test sinks), and only when `allowLoopbackHttp`
 * — the API passes false in production, where a plain-http URL on the loopback
 * would let a department's setting call the API's own host.
 */
export function webhookUrlProblem(value: string, allowLoopbackHttp = true): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a webhook URL, e.g. https://oapi.dingtalk.com/robot/send?access_token=…';
  }
  if (url.protocol === 'https:') return undefined;
  if (allowLoopbackHttp && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return allowLoopbackHttp ? 'must start with https:// (http:// only for 127.0.0.1 or localhost)' : 'must start with https://';
}

// Deliberately plain: one @, no spaces, a dot in the domain. SMTP servers have the last word.
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]+$/;

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** Query parameters of robot webhooks that are credentials (DingTalk access_token, WeCom key). */
const TOKEN_PARAMS = ['access_token', 'key'];

/** "****" and the last 4 characters, enough for a person to tell two secrets apart. */
export function maskSecret(secret: string): string {
  return `****${secret.slice(-4)}`;
}

/** The webhook URL with its token masked to the last 4 characters, safe to show and to log. */
export function maskWebhookUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '(invalid URL)';
  }
  for (const name of TOKEN_PARAMS) {
    const token = url.searchParams.get(name);
    if (token) url.searchParams.set(name, maskSecret(token));
  }
  return url.toString();
}

/** Scheme, host and path of a webhook, for error messages: no query, so no token. */
export function describeWebhook(value: string): string {
  try {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}
