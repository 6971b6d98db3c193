import { createHmac } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { AppConfigModule } from '@app/config';
import { ChannelDeliveryError, DingTalkRobotChannel, EmailChannel, OutboundAddressGuard, WeComRobotChannel } from '@app/notifications';
import { ChannelsModule } from '../apps/worker/src/external-channels/channels.module';
import { REMINDER_CHANNELS, type ReminderChannel } from '../apps/worker/src/reminder-delivery/reminder-channel';
import type { ReminderMessage, ReminderRecipient } from '../apps/worker/src/reminder-delivery/reminder-message';
import { SmtpSink, startSmtpSink, startWebhookSink, WebhookSink } from './support/channel-sinks';

const message: ReminderMessage = {
  reminderId: 'reminder-5b0e7c2a-overdue-2026-03-05',
  kind: 'overdue',
  escalationLevel: 1,
  title: '【逾期催办】玉泉变 220 千伏变电站工程 · 开工',
  text: [
    '**项目**：玉泉变 220 千伏变电站工程',
    '**节点**：开工',
    '**计划日期**：2026-03-02',
    '**已逾期**：3 个工作日',
    '**责任单位**：区发展和改革委员会',
    '[查看项目](https://kpt.example.gov.cn/projects/5b0e7c2a)',
  ].join('\n\n'),
  link: 'https://kpt.example.gov.cn/projects/5b0e7c2a',
  projectId: '5b0e7c2a-0000-4000-8000-000000000001',
  projectName: '玉泉变 220 千伏变电站工程',
  milestoneId: '5b0e7c2a-0000-4000-8000-000000000002',
  milestoneName: '开工',
  plannedDate: '2026-03-02',
  workingDaysLate: 3,
  ownerUnitName: '区发展和改革委员会',
};

/** Recipients as the pipeline builds them (the worker's contract type). */
const to = (recipient: ReminderRecipient): ReminderRecipient => recipient;

/** The sinks listen on 127.0.0.1: loopback allowed, as CHANNEL_ALLOW_LOOPBACK=true does for the test suite. */
const guard = new OutboundAddressGuard({ allowLoopback: true, hostAllowlist: [] });

const SECRET = 'SEC0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff';

describe('delivery channels against local robots and a local SMTP server', () => {
  let robot: WebhookSink;
  let smtp: SmtpSink;

  beforeAll(async () => {
    robot = await startWebhookSink();
    smtp = await startSmtpSink();
  });

  afterAll(async () => {
    await robot?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    robot.received.length = 0;
    smtp.received.length = 0;
    robot.answerWith(200, { errcode: 0, errmsg: 'ok' });
    robot.delayBy(0);
    smtp.refuseWith(undefined);
  });

  describe('钉钉群机器人', () => {
    const channel = new DingTalkRobotChannel({ timeoutMs: 5000, guard });

    it('posts a markdown message with the title and the reminder text', async () => {
      await channel.send(to({ channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=tok-plain` }), message);

      expect(robot.received).toHaveLength(1);
      const [request] = robot.received;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/robot/send?access_token=tok-plain');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.body).toEqual({
        msgtype: 'markdown',
        markdown: { title: message.title, text: expect.stringContaining('**已逾期**：3 个工作日') },
      });
      expect(request.body.markdown.text).toMatch(/^### 【逾期催办】玉泉变 220 千伏变电站工程 · 开工/);
      expect(request.body.markdown.text).toContain('**责任单位**：区发展和改革委员会');
      expect(request.body.markdown.text).toContain(message.link);
    });

    it('signs the URL with timestamp and sign when the robot has a 加签 secret', async () => {
      await channel.send(to({ channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=tok-signed`, secret: SECRET }), message);

      const url = new URL(robot.received[0].url, robot.url);
      expect(url.searchParams.get('access_token')).toBe('tok-signed');
      const timestamp = url.searchParams.get('timestamp')!;
      expect(timestamp).toMatch(/^\d{13}$/);
      expect(Math.abs(Number(timestamp) - Date.now())).toBeLessThan(3_600_000); // DingTalk's own window is one hour
      const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
      expect(url.searchParams.get('sign')).toBe(expected);
      // sent URL-encoded, as DingTalk documents
      expect(robot.received[0].url).toContain(`&sign=${encodeURIComponent(expected)}`);
    });

    it('throws when DingTalk answers errcode ≠ 0, without the token in the message', async () => {
      robot.answerWith(200, { errcode: 310000, errmsg: 'sign not match' });
      const sending = channel.send(to({ channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=very-secret-token`, secret: SECRET }), message);
      await expect(sending).rejects.toThrow(ChannelDeliveryError);
      await expect(sending).rejects.toThrow(/errcode 310000/);
      // the robot's own words are not quoted either: the API's test send would reflect them
      await expect(sending).rejects.not.toThrow(/sign not match/);
      await expect(sending).rejects.not.toThrow(/very-secret-token/);
    });

    it('throws on HTTP 500, without quoting the answer', async () => {
      robot.answerWith(500, 'internal error: db password is hunter2');
      const sending = channel.send(to({ channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=t` }), message);
      await expect(sending).rejects.toThrow(/HTTP 500/);
      await expect(sending).rejects.not.toThrow(/hunter2/);
    });

    it('throws when the robot does not answer in time', async () => {
      robot.delayBy(2000);
      const impatient = new DingTalkRobotChannel({ timeoutMs: 200, guard });
      await expect(impatient.send(to({ channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=t` }), message)).rejects.toThrow(
        /did not answer within 200 ms/,
      );
    });

    it('throws when nothing listens at the address', async () => {
      const closed = await startWebhookSink();
      await closed.close();
      await expect(channel.send(to({ channel: 'dingtalk', address: `${closed.url}/robot/send?access_token=t` }), message)).rejects.toThrow(
        /could not be reached: ECONNREFUSED/,
      );
    });
  });

  describe('企业微信群机器人', () => {
    const channel = new WeComRobotChannel({ timeoutMs: 5000, guard });

    it('posts markdown content, unsigned, to the URL with its key', async () => {
      await channel.send(to({ channel: 'wecom', address: `${robot.url}/cgi-bin/webhook/send?key=wecom-key` }), message);

      const [request] = robot.received;
      expect(request.url).toBe('/cgi-bin/webhook/send?key=wecom-key');
      expect(request.body).toEqual({ msgtype: 'markdown', markdown: { content: expect.stringMatching(/^\*\*【逾期催办】玉泉变 220 千伏变电站工程 · 开工\*\*\n/) } });
      expect(request.body.markdown.content).toContain('**计划日期**：2026-03-02');
    });

    it('throws on errcode ≠ 0 and on HTTP 500', async () => {
      robot.answerWith(200, { errcode: 93000, errmsg: 'invalid webhook url' });
      await expect(channel.send(to({ channel: 'wecom', address: `${robot.url}/cgi-bin/webhook/send?key=k` }), message)).rejects.toThrow(/errcode 93000/);
      robot.answerWith(503, { errcode: -1, errmsg: 'system busy' });
      await expect(channel.send(to({ channel: 'wecom', address: `${robot.url}/cgi-bin/webhook/send?key=k` }), message)).rejects.toThrow(/HTTP 503/);
    });
  });

  describe('e-mail', () => {
    const from = '玉泉区重点工程调度 <noreply@yuquan.example.gov.cn>';

    it('arrives with the Chinese subject, the reminder id header and a Message-ID made from it', async () => {
      const channel = new EmailChannel({ smtpUrl: smtp.url, from, timeoutMs: 5000 });
      await channel.send(to({ channel: 'email', address: 'fgw@yuquan.example.gov.cn' }), message);
      channel.close();

      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail.to).toEqual(['fgw@yuquan.example.gov.cn']);
      expect(mail.from).toBe('noreply@yuquan.example.gov.cn');
      expect(mail.subject).toBe('【逾期催办】玉泉变 220 千伏变电站工程 · 开工');
      expect(mail.headers.get('x-kpt-reminder-id')).toBe(message.reminderId);
      expect(mail.headers.get('message-id')).toBe(`<${message.reminderId}@yuquan.example.gov.cn>`);
      expect(mail.headers.get('content-type')).toMatch(/^multipart\/alternative/);
    });

    it('throws when the SMTP server refuses the message', async () => {
      smtp.refuseWith(550);
      const channel = new EmailChannel({ smtpUrl: smtp.url, from, timeoutMs: 5000 });
      await expect(channel.send(to({ channel: 'email', address: 'fgw@yuquan.example.gov.cn' }), message)).rejects.toThrow(/SMTP delivery to fgw@yuquan.example.gov.cn failed/);
      channel.close();
    });

    it('throws, saying what to set, when SMTP is not configured', async () => {
      const channel = new EmailChannel({ from, timeoutMs: 5000 });
      await expect(channel.send(to({ channel: 'email', address: 'fgw@yuquan.example.gov.cn' }), message)).rejects.toThrow(/set SMTP_URL/);
    });
  });

  it('the worker gets dingtalk, wecom and email through REMINDER_CHANNELS, configured from the environment', async () => {
    Object.assign(process.env, {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'noreply@yuquan.example.gov.cn',
      LOG_LEVEL: 'silent',
    });
    const moduleRef = await Test.createTestingModule({ imports: [AppConfigModule, ChannelsModule] }).compile();
    try {
      const channels = moduleRef.get<ReminderChannel[]>(REMINDER_CHANNELS);
      expect(channels.map((channel) => channel.channel)).toEqual(['dingtalk', 'wecom', 'email']);
      const email = channels.find((channel) => channel.channel === 'email')!;
      const recipient: ReminderRecipient = { channel: 'email', address: 'zjj@yuquan.example.gov.cn' };
      await email.send(recipient, message);
      expect(smtp.received.map((mail) => mail.to)).toEqual([['zjj@yuquan.example.gov.cn']]);
    } finally {
      await moduleRef.close();
      delete process.env.SMTP_URL;
      delete process.env.SMTP_FROM;
    }
  });
});
