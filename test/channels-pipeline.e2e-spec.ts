import { createHmac } from 'node:crypto';
import { WorkingDayCalendar } from '@app/calendar';
import { addCalendarDays, DepartmentChannel } from '@app/domain';
import { QueueRegistry } from '@app/queue';
import { ReminderChannelRegistry } from '../apps/worker/src/reminder-delivery/reminder-channel.registry';
import { recipientKey, reminderId } from '../apps/worker/src/reminder-delivery/reminder-identity';
import type { ReminderRecipient } from '../apps/worker/src/reminder-delivery/reminder-message';
import { SmtpSink, startSmtpSink, startWebhookSink, waitFor, WebhookSink } from './support/channel-sinks';
import { createDepartment, createMilestone, createProject, createUser } from './support/factories';
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
  it("escalates at E1 to the lead official's inbox and own mailbox, exactly once however often the day is scanned", async () => {
    const ds = database.dataSource;
    const today = '2026-03-05';
    const calendar = worker.app.get(WorkingDayCalendar);
    /** The planned date that is `late` working days before today. */
    const plannedLate = (late: number) => {
      let date = today;
      while (calendar.workingDaysBetween(date, today) < late) date = addCalendarDays(date, -1);
      return date;
    };
    const unit = await createDepartment(ds, { name: '玉泉区住房和城乡建设局' });
    const editor = await createUser(ds, 'department_editor', { departmentId: unit.id });
    const lead = await createUser(ds, 'leader', { displayName: '王某某（副区长）', email: 'wang.fqz@yuquan.example.gov.cn' });
    const leadWithoutMail = await createUser(ds, 'leader', { email: null });
    await ds.getRepository(DepartmentChannel).save({ departmentId: unit.id, channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=zjj-e1` });
    const project = await createProject(ds, { name: '玉祥·安泽园（范家营棚改回迁房）项目', ownerDepartmentId: unit.id, leadOfficialUserId: lead.id });
    const other = await createProject(ds, { name: '昭君路小学新建项目', ownerDepartmentId: unit.id, leadOfficialUserId: leadWithoutMail.id });
    // escalateLeadAfter is 5 by default: the day it is reached always reminds. One working day late is level 0.
    const escalated = await createMilestone(ds, project.id, { kind: 'construction_start', plannedDate: plannedLate(5) });
    const early = await createMilestone(ds, project.id, { kind: 'custom', name: '临电接入', plannedDate: plannedLate(1) });
    const otherEscalated = await createMilestone(ds, other.id, { kind: 'construction_start', plannedDate: plannedLate(5) });
    const mine = [escalated.id, early.id, otherEscalated.id];

    await Promise.all([worker.scan(), worker.scan()]);
    await worker.scan();
    const rows = await waitFor(async () => {
      const all: Array<{ id: string; milestone_id: string; channel: string; recipient_user_id: string | null; escalation_level: number; status: string }> = await ds.query(
        `SELECT id, milestone_id, channel, recipient_user_id, escalation_level, status FROM reminders WHERE milestone_id = ANY($1::uuid[]) ORDER BY id`,
        [mine],
      );
      return all.length > 0 && all.every((row) => row.status !== 'queued') ? all : undefined;
    });
    const leadMail: ReminderRecipient = { channel: 'email', address: 'wang.fqz@yuquan.example.gov.cn' };
    const leadMailId = reminderId(escalated.id, 'overdue', today, recipientKey(leadMail));
    const summary = rows.map((row) => [row.milestone_id, row.channel, row.recipient_user_id, row.escalation_level, row.status]);
    expect(summary).toEqual(
      expect.arrayContaining([
        [escalated.id, 'inbox', lead.id, 1, 'sent'],
        [escalated.id, 'email', lead.id, 1, 'sent'],
        [escalated.id, 'inbox', editor.id, 1, 'sent'],
        [escalated.id, 'dingtalk', null, 1, 'sent'],
        [otherEscalated.id, 'inbox', leadWithoutMail.id, 1, 'sent'],
      ]),
    );
    // The lead official hears nothing below E1, and a lead without an address only in the inbox.
    expect(rows.filter((row) => row.milestone_id === early.id).map((row) => row.recipient_user_id)).not.toContain(lead.id);
    expect(rows.filter((row) => row.channel === 'email')).toHaveLength(1);
    expect(rows.find((row) => row.channel === 'email')!.id).toBe(leadMailId);

    const mails = smtp.received.filter((mail) => mail.to.includes('wang.fqz@yuquan.example.gov.cn'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('【逾期催办】玉祥·安泽园（范家营棚改回迁房）项目 · 开工');
    expect(mails[0].headers.get('x-kpt-reminder-id')).toBe(leadMailId);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND milestone_id = $2`, [lead.id, escalated.id]);
    expect(n).toBe(1);

    // The address changed before delivery: the reminder planned for the old one is not sent to the new one.
    await ds.query(`UPDATE users SET email = 'wang.new@yuquan.example.gov.cn' WHERE id = $1`, [lead.id]);
    await ds.query(`UPDATE reminders SET status = 'queued' WHERE id = $1`, [leadMailId]);
    await worker.queues.queue('reminders').remove(leadMailId);
    await worker.queues.add('send-reminder', { reminderId: leadMailId }, { jobId: leadMailId });
    const [settled] = await waitFor(async () => {
      const found: Array<{ status: string; reason: string | null }> = await ds.query(`SELECT status, reason FROM reminders WHERE id = $1`, [leadMailId]);
      return found[0].status !== 'queued' ? found : undefined;
    });
    expect(settled).toEqual({ status: 'skipped', reason: 'recipient_gone' });
    expect(smtp.received.filter((mail) => mail.to.includes('wang.new@yuquan.example.gov.cn'))).toHaveLength(0);
  });
});
