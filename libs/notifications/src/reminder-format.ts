import type { ChannelMessage } from './channel-message';

/**
 * How one reminder looks in each channel. The pipeline's message builder writes
 * the Chinese title and markdown body (project, milestone, planned date, working
 * days late, owner unit, link); here it is only fitted to each channel's format
 * and size limits: the title shown once, the channel's way, and the link added
 * when the body lacks it.
 */

const LINK_LABEL = '查看项目详情';

/** The body without a first line that only repeats the title (e.g. `**title**`): each channel shows the title its own way. */
function bodyWithoutTitle(message: ChannelMessage): string {
  const text = message.text.trim();
  const [first, ...rest] = text.split('\n');
  const bare = first.replace(/^#{1,6}\s+/, '').replace(/^\*\*(.*)\*\*$/, '$1').trim();
  return bare === message.title.trim() ? rest.join('\n').trim() : text;
}

function bodyWithLink(message: ChannelMessage): string {
  const text = bodyWithoutTitle(message);
  return message.link && !text.includes(message.link) ? `${text}\n\n[${LINK_LABEL}](${message.link})` : text;
}

/** Cuts a string to at most `maxBytes` UTF-8 bytes without splitting a character, ending in "…" when cut. */
export function truncateUtf8(value: string, maxBytes: number): string {
  if (Buffer.byteLength(value, 'utf8') <= maxBytes) return value;
  const ellipsis = '…';
  let bytes = Buffer.byteLength(ellipsis, 'utf8');
  let result = '';
  for (const character of value) {
    const size = Buffer.byteLength(character, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    result += character;
  }
  return result + ellipsis;
}

// DingTalk does not publish a hard limit for markdown; 20 000 bytes is well inside what its robots accept.
const DINGTALK_MAX_BYTES = 18_000;
// WeCom: "markdown.content 最长不超过4096个字节，必须是utf8编码".
const WECOM_MAX_BYTES = 4096;

/** DingTalk 群机器人 markdown: `title` is what the chat list and notification show; `text` the message. */
export function dingTalkMarkdown(message: ChannelMessage): { msgtype: 'markdown'; markdown: { title: string; text: string } } {
  return {
    msgtype: 'markdown',
    markdown: { title: message.title, text: truncateUtf8(`### ${message.title}\n\n${bodyWithLink(message)}`, DINGTALK_MAX_BYTES) },
  };
}

/** 企业微信群机器人 markdown: one `content`; the title goes first, in bold. */
export function weComMarkdown(message: ChannelMessage): { msgtype: 'markdown'; markdown: { content: string } } {
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(`**${message.title}**\n${bodyWithLink(message)}`, WECOM_MAX_BYTES) } };
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const MARKDOWN_LINK = /\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Plain-text e-mail body: the markdown with links written out, readable in any mail client. */
export function emailText(message: ChannelMessage): string {
  return bodyWithLink(message)
    .replace(MARKDOWN_LINK, (_, label: string, url: string) => `${label}：${url}`)
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/^#{1,6}\s+/gm, '');
}

/** A simple HTML e-mail body: headings and bold kept, links clickable, lines kept, everything else escaped. */
export function emailHtml(message: ChannelMessage): string {
  const lines = bodyWithLink(message)
    .split('\n')
    .map((line) => {
      let html = escapeHtml(line);
      html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label: string, url: string) =>
        /^https?:\/\//.test(url) ? `<a href="${url}">${label}</a>` : `${label}：${url}`,
      );
      html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
      const heading = /^#{1,6}\s+(.*)$/.exec(html);
      return heading ? `<strong>${heading[1]}</strong>` : html;
    });
  return [
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>',
    '<body style="font-family: sans-serif; line-height: 1.6">',
    `<h3>${escapeHtml(message.title)}</h3>`,
    `<p>${lines.join('<br>\n')}</p>`,
    '<p style="color:#888;font-size:12px">本邮件由玉泉区重点工程调度系统自动发送，请勿直接回复。</p>',
    '</body></html>',
  ].join('\n');
}
