import { createTransport } from 'nodemailer';
import { ChannelDeliveryError } from './channel-delivery.error';
import type { ChannelMessage, ChannelRecipient, DeliveryChannel, DeliveryReceipt } from './channel-message';
import { emailHtml, emailText } from './reminder-format';
import { isEmailAddress } from './webhook-address';

export interface EmailChannelOptions {
  /** smtp://user:pass@host:587 or smtps://…:465; unset means e-mail is not configured. */
  smtpUrl?: string;
  /** Sender, e.g. 玉泉区重点工程调度 <noreply@yuquan.gov.cn>. */
  from: string;
  timeoutMs: number;
}

/** Header carrying the reminder's identity, so a receiving system can dedupe retried deliveries. */
export const REMINDER_ID_HEADER = 'X-KPT-Reminder-Id';

/** Message-ID from the reminder id: a retried delivery of the same reminder carries the same id. */
export function reminderMessageId(reminderId: string, from: string): string {
  const domain = /@([^\s>]+)>?\s*$/.exec(from)?.[1] ?? 'key-project-tracker.local';
  return `<${reminderId.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`;
}

/**
 * E-mail over SMTP (nodemailer). One connection per message: reminders are few,
 * and nothing is left open between them. SMTP errors throw, so BullMQ retries.
 */
export class EmailChannel implements DeliveryChannel {
  readonly channel = 'email' as const;
  private readonly transport;

  constructor(private readonly options: EmailChannelOptions) {
    this.transport = options.smtpUrl
      ? createTransport({
          url: options.smtpUrl,
          connectionTimeout: options.timeoutMs,
          greetingTimeout: options.timeoutMs,
          socketTimeout: options.timeoutMs,
        })
      : undefined;
  }

  async send(recipient: ChannelRecipient, message: ChannelMessage): Promise<DeliveryReceipt> {
    if (!this.transport) {
      throw new ChannelDeliveryError('email', 'E-mail is not configured: set SMTP_URL (e.g. smtp://user:pass@mail.example.gov.cn:587) and SMTP_FROM');
    }
    if (!isEmailAddress(recipient.address)) {
      throw new ChannelDeliveryError('email', `"${recipient.address}" is not an e-mail address`);
    }
    const started = performance.now();
    try {
      await this.transport.sendMail({
        from: this.options.from,
        to: recipient.address,
        subject: message.title,
        text: emailText(message),
        html: emailHtml(message),
        messageId: reminderMessageId(message.reminderId, this.options.from),
        headers: { [REMINDER_ID_HEADER]: message.reminderId },
      });
      return { durationMs: Math.round(performance.now() - started) };
    } catch (error) {
      const smtp = error as { code?: string; responseCode?: number; response?: string; message?: string };
      const reason = smtp.response ?? smtp.message ?? String(error);
      throw new ChannelDeliveryError('email', `SMTP delivery to ${recipient.address} failed${smtp.code ? ` (${smtp.code})` : ''}: ${reason}`, {
        status: smtp.responseCode,
        cause: error,
      });
    }
  }

  close(): void {
    this.transport?.close();
  }
}
