import { createHash } from 'node:crypto';
import type { ChannelKind } from '@app/domain';

/**
 * Who a reminder or notification goes to, stable across scans, declared once for the worker (the last part of a
 * reminder's identity) and the API (a channel's last delivery): 'inbox-<userId>' for the in-app inbox,
 * '<channel>-<16 hex of sha256(address)>' for robots and e-mail (a robot's address holds its token, so it never
 * appears in ids or logs).
 */
export function recipientKey(recipient: { channel: ChannelKind; address: string; userId?: string | null }): string {
  if (recipient.channel === 'inbox') {
    if (!recipient.userId) throw new Error('an inbox recipient needs a userId');
    return `inbox-${recipient.userId}`;
  }
  return `${recipient.channel}-${createHash('sha256').update(recipient.address).digest('hex').slice(0, 16)}`;
}
