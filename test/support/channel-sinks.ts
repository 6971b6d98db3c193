import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * Stand-ins for the outside world of the delivery channels, started by a test on
 * 127.0.0.1 and a random port: a robot webhook (钉钉 / 企业微信) and an SMTP server.
 */

export interface ReceivedWebhook {
  method: string;
  /** Path and query, e.g. /robot/send?access_token=t&timestamp=…&sign=… */
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface WebhookSink {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  received: ReceivedWebhook[];
  /** What the next requests are answered with (default 200 { errcode: 0, errmsg: 'ok' }); `headers` e.g. a Location. */
  answerWith(status: number, body: unknown, headers?: Record<string, string>): void;
  /** Answer nothing for this long (to exercise timeouts). */
  delayBy(ms: number): void;
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const received: ReceivedWebhook[] = [];
  let answer: { status: number; body: unknown; headers?: Record<string, string> } = { status: 200, body: { errcode: 0, errmsg: 'ok' } };
  let delayMs = 0;
  const pending = new Set<NodeJS.Timeout>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // keep the raw text
      }
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const { status, body: answerBody, headers } = answer;
      const timer = setTimeout(() => {
        pending.delete(timer);
        if (response.destroyed) return;
        response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(typeof answerBody === 'string' ? answerBody : JSON.stringify(answerBody));
      }, delayMs);
      pending.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    answerWith(status, body, headers) {
      answer = { status, body, headers };
    },
    delayBy(ms) {
      delayMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  /** Header lines, unfolded; names lower-cased. Encoded words (=?UTF-8?B?…?=) decoded. */
  headers: Map<string, string>;
  subject: string | undefined;
  raw: string;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for SMTP_URL. */
  url: string;
  received: ReceivedMail[];
  /** Refuse the next messages with this SMTP reply code (e.g. 550), or accept them again with undefined. */
  refuseWith(code: number | undefined): void;
  close(): Promise<void>;
}

/** RFC 2047 encoded words, as nodemailer writes non-ASCII headers. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/, 1)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let refuseCode: number | undefined;
  const server = new SMTPServer({
    // A test server on the loopback: no TLS, no authentication.
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refuseCode) {
          const error = Object.assign(new Error('Mailbox unavailable (test sink refuses)'), { responseCode: refuseCode });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const headers = parseHeaders(raw);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          headers,
          subject: headers.get('subject'),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = (server as unknown as { server: Server }).server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refuseWith(code) {
      refuseCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Polls until `check` returns a value (for deliveries that arrive asynchronously). */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms in vain`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
