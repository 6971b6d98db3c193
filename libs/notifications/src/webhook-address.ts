/**
 * Masking and plain checks of the addresses a department may store, shared by
 * the API and the channels (error messages that never show a token). Which
 * robot URLs may be called at all is the OutboundAddressGuard's business.
 */

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
