import type { ChannelMessage } from './channel-message';
import { reminderMessageId } from './email.channel';
import { dingTalkMarkdown, emailHtml, emailText, truncateUtf8, weComMarkdown } from './reminder-format';
import { isEmailAddress, maskWebhookUrl } from './webhook-address';

const message: ChannelMessage = {
  reminderId: 'reminder-6f1c-overdue-2026-03-05',
  title: '【逾期催办】玉泉变 220 千伏变电站工程 · 开工',
  text: [
    '**项目**：玉泉变 220 千伏变电站工程',
    '**节点**：开工',
    '**计划日期**：2026-03-02',
    '**已逾期**：3 个工作日',
    '**责任单位**：区发展和改革委员会',
  ].join('\n\n'),
  link: 'https://kpt.example.gov.cn/projects/6f1c',
};

describe('reminder formats per channel', () => {
  it('DingTalk: markdown with the title for the notification and a heading, facts and link in the text', () => {
    const body = dingTalkMarkdown(message);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe(message.title);
    expect(body.markdown.text).toMatch(/^### 【逾期催办】玉泉变 220 千伏变电站工程 · 开工\n\n/);
    expect(body.markdown.text).toContain('**已逾期**：3 个工作日');
    expect(body.markdown.text).toContain('[查看项目详情](https://kpt.example.gov.cn/projects/6f1c)');
  });

  it('does not add the link twice when the body already has it', () => {
    const withLink = { ...message, text: `${message.text}\n\n[查看](${message.link})` };
    expect(dingTalkMarkdown(withLink).markdown.text.split(message.link)).toHaveLength(2);
  });

  it('WeCom: one markdown content with the title in bold, within 4096 bytes', () => {
    const body = weComMarkdown(message);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringMatching(/^\*\*【逾期催办】玉泉变 220 千伏变电站工程 · 开工\*\*\n/) } });
    const long = weComMarkdown({ ...message, text: '逾'.repeat(5000) });
    expect(Buffer.byteLength(long.markdown.content, 'utf8')).toBeLessThanOrEqual(4096);
    expect(long.markdown.content.endsWith('…')).toBe(true);
  });

  it('e-mail: plain text without markdown marks, HTML escaped with a clickable link', () => {
    expect(emailText(message)).toContain('项目：玉泉变 220 千伏变电站工程');
    expect(emailText(message)).toContain('查看项目详情：https://kpt.example.gov.cn/projects/6f1c');
    const html = emailHtml({ ...message, text: `${message.text}\n<script>alert(1)</script>` });
    expect(html).toContain('<strong>项目</strong>：玉泉变 220 千伏变电站工程');
    expect(html).toContain('<a href="https://kpt.example.gov.cn/projects/6f1c">查看项目详情</a>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('Message-ID is made from the reminder id and the sender domain', () => {
    expect(reminderMessageId('reminder-6f1c-overdue-2026-03-05', '玉泉区重点工程调度 <noreply@yuquan.gov.cn>')).toBe(
      '<reminder-6f1c-overdue-2026-03-05@yuquan.gov.cn>',
    );
    expect(reminderMessageId('a b:c', 'noreply@x.cn')).toBe('<a-b-c@x.cn>');
  });

  it('truncateUtf8 never splits a character', () => {
    expect(truncateUtf8('重点工程', 7)).toBe('重…');
    expect(truncateUtf8('重点', 6)).toBe('重点');
  });
});

describe('addresses', () => {
  it('masks robot tokens to their last 4 characters', () => {
    expect(maskWebhookUrl('https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=****cdef',
    );
    expect(maskWebhookUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe(
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa',
    );
  });

  it('checks e-mail addresses plainly', () => {
    expect(isEmailAddress('fgw@yuquan.gov.cn')).toBe(true);
    expect(isEmailAddress('fgw@yuquan')).toBe(false);
    expect(isEmailAddress('a b@x.cn')).toBe(false);
    expect(isEmailAddress('<a@x.cn>')).toBe(false);
  });
});

describe('a body that starts with the title (the pipeline builder writes **title** first)', () => {
  const built: ChannelMessage = {
    ...message,
    text: `**${message.title}**\n\n- 项目：玉泉变 220 千伏变电站工程\n- 节点：开工\n\n[查看项目](${message.link})\n\n催办编号：${message.reminderId}`,
  };

  it('shows the title once per channel', () => {
    const count = (text: string) => text.split(message.title).length - 1;
    expect(count(dingTalkMarkdown(built).markdown.text)).toBe(1);
    expect(dingTalkMarkdown(built).markdown.text).toMatch(/^### 【逾期催办】玉泉变 220 千伏变电站工程 · 开工\n\n- 项目：/);
    expect(count(weComMarkdown(built).markdown.content)).toBe(1);
    expect(count(emailHtml(built))).toBe(1);
    expect(count(emailText(built))).toBe(0); // the subject carries it
    expect(emailText(built)).toMatch(/^- 项目：/);
    expect(emailText(built)).toContain(`催办编号：${message.reminderId}`);
  });
});
