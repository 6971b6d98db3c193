import { createHmac } from 'node:crypto';
import { DepartmentChannel } from '@app/domain';
import { QueueRegistry } from '@app/queue';
import { ReminderChannelRegistry } from '../apps/worker/src/reminders/reminder-channel.registry';
import { recipientKey, reminderId } from '../apps/worker/src/reminders/reminder-identity';
import type { ReminderRecipient } from '../apps/worker/src/reminders/reminder-message';
import { SmtpSink, startSmtpSink, startWebhookSink, waitFor, WebhookSink } from './support/channel-sinks';
import { createDepartment, createMilestone, createProject } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker } from './support/worker-app';

const SECRET = 'SEC11223344556677889900aabbccddeeff00112233445566778899aabbccddee';

/**
 * The delivery channels inside the reminder pipeline: the worker's send
 * processor, run by its real BullMQ worker, finds 钉钉 / 企业微信 / e-mail through
 * REMINDER_CHANNELS and delivers a department's reminders to the robot and the
 * mailbox the department set up.
 */
describe('channels in the reminder pipeline (worker send processor → robot and SMTP)', () => {
  let database: TestDatabase;
  let worker: TestWorker;
  let robot: WebhookSink;
  let smtp: SmtpSink;

  beforeAll(async () => {
    robot = await startWebhookSink();
    smtp = await startSmtpSink();
    database = await createTestDatabase();
    // The whole worker: its QueueWorkers run the registry's queues, the send processor among them.
    worker = await createTestWorker(database, {
      now: '2026-03-05T01:00:00Z',
      env: { SMTP_URL: smtp.url, SMTP_FROM: 'noreply@yuquan.example.gov.cn', PUBLIC_BASE_URL: 'https://kpt.example.gov.cn' },
    });
  });

  afterAll(async () => {
    if (worker) {
      await worker.close();
      await obliterateQueues(worker.prefix);
    }
    await database?.drop();
    await robot?.close();
    await smtp?.close();
  });

  it('the send processor’s channel registry holds inbox, dingtalk, wecom and email', () => {
    const registry = worker.app.get(ReminderChannelRegistry);
    for (const channel of ['inbox', 'dingtalk', 'wecom', 'email'] as const) expect(registry.has(channel)).toBe(true);
  });

  it('delivers a department’s overdue reminder to its signed DingTalk robot and its mailbox, and marks them sent', async () => {
    const ds = database.dataSource;
    const department = await createDepartment(ds, { code: 'yq-fgw', name: '玉泉区发展和改革委员会' });
    const project = await createProject(ds, { name: '玉泉变 220 千伏变电站工程', ownerDepartmentId: department.id });
    const milestone = await createMilestone(ds, project.id, { kind: 'construction_start', plannedDate: '2026-03-02' });
    const dingTalk: ReminderRecipient = { channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=pipeline`, secret: SECRET };
    const email: ReminderRecipient = { channel: 'email', address: 'fgw@yuquan.example.gov.cn' };
    await ds.getRepository(DepartmentChannel).save([
      { departmentId: department.id, channel: 'dingtalk', address: dingTalk.address, secret: SECRET },
      { departmentId: department.id, channel: 'email', address: email.address },
    ]);

    const queues = worker.app.get(QueueRegistry);
    const ids: string[] = [];
    for (const recipient of [dingTalk, email]) {
      const key = recipientKey(recipient);
      const id = reminderId(milestone.id, 'overdue', '2026-03-05', key);
      ids.push(id);
      await ds.query(
        `INSERT INTO reminders (id, project_id, milestone_id, rule, kind, occurrence_date, planned_date, working_days_late, escalation_level, channel, recipient_key)
         VALUES ($1, $2, $3, 'overdue', 'overdue', '2026-03-05', '2026-03-02', 3, 0, $4, $5)`,
        [id, project.id, milestone.id, recipient.channel, key],
      );
      await queues.add('send-reminder', { reminderId: id }, { jobId: id });
    }

    const status = async () =>
      (await ds.query(`SELECT status, reason, last_error FROM reminders WHERE id = ANY($1) ORDER BY channel`, [ids])) as Array<{ status: string }>;
    const final = await waitFor(async () => {
      const rows = await status();
      return rows.every((row) => row.status !== 'queued') ? rows : undefined;
    });
    expect(final).toEqual([
      { status: 'sent', reason: null, last_error: null },
      { status: 'sent', reason: null, last_error: null },
    ]);

    expect(robot.received).toHaveLength(1);
    const url = new URL(robot.received[0].url, robot.url);
    const timestamp = url.searchParams.get('timestamp')!;
    expect(url.searchParams.get('sign')).toBe(createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64'));
    expect(robot.received[0].body.markdown.title).toBe('【逾期催办】玉泉变 220 千伏变电站工程 · 开工');
    expect(robot.received[0].body.markdown.text).toContain('已逾期 3 个工作日');

    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].subject).toBe('【逾期催办】玉泉变 220 千伏变电站工程 · 开工');
    expect(smtp.received[0].headers.get('x-kpt-reminder-id')).toBe(ids[1]);
  });
});
