import { createHash, createHmac } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditLog, Department, DepartmentChannel } from '@app/domain';
import { HOST_RESOLVER } from '@app/notifications';
import { resolveDepartmentRecipients } from '../apps/worker/src/external-channels/department-recipients';
import { SmtpSink, startSmtpSink, startWebhookSink, WebhookSink } from './support/channel-sinks';
import { createDepartment, createProject, createUser, signIn } from './support/factories';
import { stubHostResolver } from './support/host-resolver';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Headers = Record<string, string>;

const SECRET = 'SECb7e1d2c3a4f5061728394a5b6c7d8e9f00112233445566778899aabbcc9f3a';
const TOKEN = '7a1f0c9d2e3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f708192a3b4c5d6e7f';

function fieldsOf(response: { json(): unknown }): string[] {
  return (response.json() as { details: Array<{ field: string }> }).details.map((detail) => detail.field);
}

describe('department channel settings: CRUD, roles, validation, masking, test sends', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let robot: WebhookSink;
  let smtp: SmtpSink;
  let fgw: Department;
  let xxjd: Department;
  const as = {} as Record<'admin' | 'supervisor' | 'viewer' | 'editorFgw' | 'editorXxjd', Headers>;

  beforeAll(async () => {
    robot = await startWebhookSink();
    smtp = await startSmtpSink();
    database = await createTestDatabase();
    // qyapi.weixin.qq.com "resolves" to a public address of the stub; nothing is ever sent there.
    const resolver = stubHostResolver({ 'qyapi.weixin.qq.com': ['101.226.233.10'], 'oapi.dingtalk.com': ['203.119.206.75'] });
    app = await createTestApp(database, { SMTP_URL: smtp.url, SMTP_FROM: '玉泉区重点工程调度 <noreply@yuquan.example.gov.cn>' }, (builder) =>
      builder.overrideProvider(HOST_RESOLVER).useValue(resolver.resolve),
    );
    const ds = database.dataSource;
    fgw = await createDepartment(ds, { code: 'yq-fgw', name: '玉泉区发展和改革委员会' });
    xxjd = await createDepartment(ds, { code: 'yq-xxjd', name: '小召前街街道办事处', kind: 'subdistrict' });
    await createUser(ds, 'admin', { username: 'admin' });
    await createUser(ds, 'supervisor', { username: 'supervisor' });
    await createUser(ds, 'viewer', { username: 'viewer' });
    await createUser(ds, 'department_editor', { username: 'editor-fgw', departmentId: fgw.id });
    await createUser(ds, 'department_editor', { username: 'editor-xxjd', departmentId: xxjd.id });
    as.admin = await signIn(app, 'admin');
    as.supervisor = await signIn(app, 'supervisor');
    as.viewer = await signIn(app, 'viewer');
    as.editorFgw = await signIn(app, 'editor-fgw');
    as.editorXxjd = await signIn(app, 'editor-xxjd');
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await robot?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    robot.received.length = 0;
    smtp.received.length = 0;
    robot.answerWith(200, { errcode: 0, errmsg: 'ok' });
  });

  const create = (departmentId: string, payload: Record<string, unknown>, headers: Headers = as.editorFgw) =>
    app.inject({ method: 'POST', url: `/api/v1/departments/${departmentId}/channels`, headers, payload });
  const list = (departmentId: string, headers: Headers = as.editorFgw) =>
    app.inject({ method: 'GET', url: `/api/v1/departments/${departmentId}/channels`, headers });
  const patch = (id: string, payload: Record<string, unknown>, headers: Headers = as.editorFgw) =>
    app.inject({ method: 'PATCH', url: `/api/v1/department-channels/${id}`, headers, payload });
  const sendTest = (id: string, headers: Headers = as.editorFgw) =>
    app.inject({ method: 'POST', url: `/api/v1/department-channels/${id}/test`, headers });

  let dingTalkId: string;

  it('an editor adds a DingTalk robot with 加签 to its own department; secret and token come back masked', async () => {
    const response = await create(fgw.id, {
      channel: 'dingtalk',
      label: '发改委项目调度群',
      address: `${robot.url}/robot/send?access_token=${TOKEN}`,
      secret: SECRET,
      kinds: ['overdue', 'notice_reply_overdue'],
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      departmentId: fgw.id,
      channel: 'dingtalk',
      channelLabel: '钉钉群机器人',
      label: '发改委项目调度群',
      address: `${robot.url}/robot/send?access_token=****6e7f`,
      hasSecret: true,
      secretHint: '****9f3a',
      enabled: true,
      minEscalationLevel: 0,
      kinds: ['overdue', 'notice_reply_overdue'],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(response.body).not.toContain(SECRET);
    expect(response.body).not.toContain(TOKEN);
    dingTalkId = body.id;

    const stored = await database.dataSource.getRepository(DepartmentChannel).findOneByOrFail({ id: dingTalkId });
    expect(stored.secret).toBe(SECRET);
    expect(stored.address).toBe(`${robot.url}/robot/send?access_token=${TOKEN}`);
  });

  it('lists a department’s channels for its editor and admins, masked; 403 for another department’s editor, viewers and the 督查室', async () => {
    for (const headers of [as.editorFgw, as.admin]) {
      const response = await list(fgw.id, headers);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([expect.objectContaining({ id: dingTalkId, secretHint: '****9f3a' })]);
      expect(response.body).not.toContain(SECRET);
    }
    const refused = await list(fgw.id, as.editorXxjd);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'NOT_OWN_DEPARTMENT' });
    for (const headers of [as.viewer, as.supervisor]) {
      const response = await list(fgw.id, headers);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('refuses an editor writing to another department (403), and answers 404 for an unknown department', async () => {
    const foreign = await create(fgw.id, { channel: 'email', address: 'x@yuquan.example.gov.cn' }, as.editorXxjd);
    expect(foreign.statusCode).toBe(403);
    expect((await patch(dingTalkId, { enabled: false }, as.editorXxjd)).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/department-channels/${dingTalkId}`, headers: as.editorXxjd })).statusCode).toBe(403);
    expect((await sendTest(dingTalkId, as.editorXxjd)).statusCode).toBe(403);
    expect((await sendTest(dingTalkId, as.viewer)).statusCode).toBe(403);

    const unknown = await create('00000000-0000-4000-8000-000000000000', { channel: 'email', address: 'x@yuquan.example.gov.cn' }, as.admin);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'DEPARTMENT_NOT_FOUND' });
    expect((await list('not-a-uuid', as.admin)).statusCode).toBe(400);
  });

  it('validates: https webhooks only (http on localhost), real e-mail addresses, secrets only for DingTalk — 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ channel: 'dingtalk', address: 'http://oapi.dingtalk.com/robot/send?access_token=x' }, 'address'],
      [{ channel: 'wecom', address: 'not a url' }, 'address'],
      [{ channel: 'email', address: 'fgw-at-yuquan' }, 'address'],
      [{ channel: 'email', address: 'https://oapi.dingtalk.com/robot/send' }, 'address'],
      [{ channel: 'wecom', address: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', secret: 'SECx' }, 'secret'],
      [{ channel: 'sms', address: '13800000000' }, 'channel'],
      [{ channel: 'email', address: 'a@b.cn', kinds: ['someday'] }, 'kinds'],
      [{ channel: 'email', address: 'a@b.cn', kinds: [] }, 'kinds'],
      [{ channel: 'email', address: 'a@b.cn', minEscalationLevel: 3 }, 'minEscalationLevel'],
      [{ channel: 'email' }, 'address'],
    ];
    for (const [payload, field] of cases) {
      const response = await create(fgw.id, payload);
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
      expect(fieldsOf(response)).toContain(field);
    }
    const https = await create(fgw.id, { channel: 'wecom', address: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7aaa-4bc4-97a0-0ec2sifa5aaa` });
    expect(https.statusCode).toBe(201);
    expect(https.json()).toMatchObject({ address: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****5aaa', hasSecret: false, secretHint: null });
  });

  it('refuses the same channel and address twice for a department with 409', async () => {
    const first = await create(fgw.id, { channel: 'email', address: 'fgw@yuquan.example.gov.cn' });
    expect(first.statusCode).toBe(201);
    const again = await create(fgw.id, { channel: 'email', address: 'fgw@yuquan.example.gov.cn' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'DEPARTMENT_CHANNEL_EXISTS', details: [{ field: 'address' }] });
    // another department may use the same address
    expect((await create(xxjd.id, { channel: 'email', address: 'fgw@yuquan.example.gov.cn' }, as.admin)).statusCode).toBe(201);
  });

  it('sends a signed test message to the DingTalk robot through the channel code', async () => {
    const response = await sendTest(dingTalkId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      delivered: true,
      channel: 'dingtalk',
      reminderId: expect.stringMatching(/^test-/),
      sentAt: expect.any(String),
      status: 200,
      durationMs: expect.any(Number),
    });

    expect(robot.received).toHaveLength(1);
    const url = new URL(robot.received[0].url, robot.url);
    expect(url.searchParams.get('access_token')).toBe(TOKEN);
    const timestamp = url.searchParams.get('timestamp')!;
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'));
    expect(robot.received[0].body).toEqual({
      msgtype: 'markdown',
      markdown: { title: '【测试】重点工程调度提醒通道测试', text: expect.stringContaining('**责任单位**：玉泉区发展和改革委员会') },
    });
  });

  it('answers 502 saying what the robot said when the test message is refused', async () => {
    robot.answerWith(200, { errcode: 310000, errmsg: 'sign not match' });
    const response = await sendTest(dingTalkId);
    expect(response.statusCode).toBe(502);
    expect(response.json()).toMatchObject({ code: 'CHANNEL_TEST_FAILED', message: expect.stringContaining('errcode 310000') });
    // the robot's own text is not reflected: the URL could be anyone's server
    expect(response.body).not.toContain('sign not match');
    expect(response.body).not.toContain(TOKEN);
  });

  it('lists each channel with its last delivery result: test sends, the worker’s reminders and event notifications, whichever is latest', async () => {
    const byChannel = async () => Object.fromEntries((await list(fgw.id, as.admin)).json().map((row: { channel: string; lastDelivery: unknown }) => [row.channel, row.lastDelivery]));
    // The refused test send above is the DingTalk robot's latest; nothing went through the others yet.
    let last = await byChannel();
    expect(last.dingtalk).toEqual({ at: expect.any(String), delivered: false, source: 'test', status: 200, error: expect.stringContaining('errcode 310000') });
    expect(last.wecom).toBeNull();
    expect(last.email).toBeNull();

    // The worker's records: a reminder sent to the WeCom robot (found by the worker's recipient key: channel and a
    // hash of the address), an event notification that failed on the e-mail channel (by the channel's id).
    const ds = database.dataSource;
    const [wecom] = await ds.getRepository(DepartmentChannel).findBy({ departmentId: fgw.id, channel: 'wecom' });
    const [email] = await ds.getRepository(DepartmentChannel).findBy({ departmentId: fgw.id, channel: 'email' });
    const project = await createProject(ds, { ownerDepartmentId: fgw.id });
    const recipientKey = `wecom-${createHash('sha256').update(wecom.address).digest('hex').slice(0, 16)}`;
    await ds.query(
      `INSERT INTO reminders (id, project_id, rule, kind, occurrence_date, channel, recipient_key, status, attempts, updated_at)
       VALUES ($1, $2, 'overdue', 'overdue', '2026-03-05', 'wecom', $3, 'sent', 1, now() - interval '1 hour')`,
      [`reminder-x-overdue-20260305-${recipientKey}`, project.id, recipientKey],
    );
    await ds.query(
      `INSERT INTO event_deliveries (id, event_key, kind, channel, department_channel_id, title, body, link, status, attempts, last_error, last_attempt_at)
       VALUES ('event-x-email', 'event-notice_issued-x', 'notice_issued', 'email', $1, 't', 'b', 'l', 'failed', 5, 'SMTP delivery to fgw@yuquan.example.gov.cn failed: 550', now() - interval '2 hours')`,
      [email.id],
    );
    last = await byChannel();
    expect(last.wecom).toEqual({ at: expect.any(String), delivered: true, source: 'reminder', status: null, error: null });
    expect(last.email).toEqual({ at: expect.any(String), delivered: false, source: 'event', status: null, error: expect.stringContaining('550') });

    // A reminder after the refused test send is the robot's latest; a test send after it is the latest again.
    const dingTalk = await ds.getRepository(DepartmentChannel).findOneByOrFail({ id: dingTalkId });
    const dingTalkKey = `dingtalk-${createHash('sha256').update(dingTalk.address).digest('hex').slice(0, 16)}`;
    await ds.query(
      `INSERT INTO reminders (id, project_id, rule, kind, occurrence_date, channel, recipient_key, status, attempts, last_error, updated_at)
       VALUES ($1, $2, 'overdue', 'overdue', '2026-03-05', 'dingtalk', $3, 'queued', 1, 'DingTalk robot webhook answered HTTP 500', now())`,
      [`reminder-x-overdue-20260305-${dingTalkKey}`, project.id, dingTalkKey],
    );
    last = await byChannel();
    expect(last.dingtalk).toEqual({ at: expect.any(String), delivered: false, source: 'reminder', status: null, error: 'DingTalk robot webhook answered HTTP 500' });
    expect((await sendTest(dingTalkId)).statusCode).toBe(200);
    last = await byChannel();
    expect(last.dingtalk).toMatchObject({ delivered: true, source: 'test', status: 200, error: null });
    expect(Date.parse(last.dingtalk.at)).toBeGreaterThan(Date.now() - 60_000);
    await ds.query(`DELETE FROM reminders WHERE project_id = $1`, [project.id]);
    await ds.query(`DELETE FROM event_deliveries WHERE id = 'event-x-email'`);
  });

  it('sends a test e-mail with the Chinese subject and the reminder id header', async () => {
    const [channel] = (await list(fgw.id)).json().filter((row: { channel: string }) => row.channel === 'email');
    const response = await sendTest(channel.id);
    expect(response.statusCode).toBe(200);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(['fgw@yuquan.example.gov.cn']);
    expect(smtp.received[0].subject).toBe('【测试】重点工程调度提醒通道测试');
    expect(smtp.received[0].headers.get('x-kpt-reminder-id')).toBe(response.json().reminderId);
  });

  it('PATCH changes subscriptions and the secret, keeps what is not sent, refuses nulls where they make no sense', async () => {
    const response = await patch(dingTalkId, { minEscalationLevel: 1, kinds: null, label: '发改委调度群（新）' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ minEscalationLevel: 1, kinds: null, label: '发改委调度群（新）', secretHint: '****9f3a', enabled: true });

    const newSecret = 'SEC-new-secret-0000000000000000000000000000000000000000000000abcd';
    const rotated = await patch(dingTalkId, { secret: newSecret });
    expect(rotated.json()).toMatchObject({ secretHint: '****abcd', hasSecret: true });
    const cleared = await patch(dingTalkId, { secret: null });
    expect(cleared.json()).toMatchObject({ secretHint: null, hasSecret: false });

    const bad = await patch(dingTalkId, { address: 'http://example.com/hook', enabled: null });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['enabled']));
    const badAddress = await patch(dingTalkId, { address: 'http://example.com/hook' });
    expect(badAddress.statusCode).toBe(400);
    expect(fieldsOf(badAddress)).toEqual(['address']);
    const channelChange = await patch(dingTalkId, { channel: 'wecom' });
    expect(channelChange.statusCode).toBe(400);
    expect(fieldsOf(channelChange)).toEqual(['channel']);

    await patch(dingTalkId, { secret: SECRET });
  });

  it('the worker resolves a department’s enabled channels, filtered by kind and escalation level', async () => {
    const manager = database.dataSource.manager;
    // fgw now: dingtalk (all kinds, level ≥ 1), wecom (all), email (all)
    const all = await resolveDepartmentRecipients(manager, fgw.id);
    expect(all.map((recipient) => recipient.channel)).toEqual(['dingtalk', 'wecom', 'email']);
    expect(all[0]).toEqual({ channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=${TOKEN}`, secret: SECRET, userId: null });

    const dueSoon = await resolveDepartmentRecipients(manager, fgw.id, { kind: 'due_soon', escalationLevel: 0 });
    expect(dueSoon.map((recipient) => recipient.channel)).toEqual(['wecom', 'email']);

    const [wecom] = (await list(fgw.id)).json().filter((row: { channel: string }) => row.channel === 'wecom');
    await patch(wecom.id, { kinds: ['overdue'] });
    const [email] = (await list(fgw.id)).json().filter((row: { channel: string }) => row.channel === 'email');
    await patch(email.id, { enabled: false });

    const escalated = await resolveDepartmentRecipients(manager, fgw.id, { kind: 'overdue', escalationLevel: 1 });
    expect(escalated.map((recipient) => recipient.channel)).toEqual(['dingtalk', 'wecom']);
    const noticeDue = await resolveDepartmentRecipients(manager, fgw.id, { kind: 'notice_reply_due', escalationLevel: 0 });
    expect(noticeDue).toEqual([]);
  });

  it('audits every change and test without the secret or token in full', async () => {
    const rows = await database.dataSource.getRepository(AuditLog).find({ where: { entityType: 'department_channel', entityId: dingTalkId }, order: { id: 'ASC' } });
    expect(rows.map((row) => row.action)).toEqual(['create', 'test', 'test', 'test', 'update', 'update', 'update', 'update']);
    expect(rows.map((row) => row.actorName)).toEqual(Array(rows.length).fill('editor-fgw'));
    expect(rows[2].after).toMatchObject({ delivered: false, error: expect.stringContaining('310000') });
    const text = JSON.stringify(rows);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  });

  it('DELETE removes a channel (204), then 404', async () => {
    const response = await app.inject({ method: 'DELETE', url: `/api/v1/department-channels/${dingTalkId}`, headers: as.editorFgw });
    expect(response.statusCode).toBe(204);
    expect((await list(fgw.id)).json().map((row: { id: string }) => row.id)).not.toContain(dingTalkId);
    const again = await app.inject({ method: 'DELETE', url: `/api/v1/department-channels/${dingTalkId}`, headers: as.admin });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'DEPARTMENT_CHANNEL_NOT_FOUND' });
    const audit = await database.dataSource.getRepository(AuditLog).findOneByOrFail({ entityType: 'department_channel', entityId: dingTalkId, action: 'delete' });
    expect(audit.before).toMatchObject({ secretHint: '****9f3a' });
  });
});
