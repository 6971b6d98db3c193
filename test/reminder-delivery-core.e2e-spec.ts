import { DepartmentChannel, SupervisionNotice, SupervisionNoticeItem } from '@app/domain';
import { NoticeReminderScanService } from '../apps/worker/src/notice-reminders/notice-reminder-scan.service';
import { SendNoticeReminderProcessor } from '../apps/worker/src/notice-reminders/send-notice-reminder.processor';
import { NoticeReminderTrack } from '../apps/worker/src/notice-reminders/notice-reminder.track';
import { DailyReminderPlanners } from '../apps/worker/src/reminder-delivery/daily-reminder-planners';
import { lateOccurrenceOn } from '../apps/worker/src/reminder-delivery/escalation-rule';
import { REMINDER_CHANNELS } from '../apps/worker/src/reminder-delivery/reminder-channel';
import { ReminderPlanWriter } from '../apps/worker/src/reminder-delivery/reminder-plan-writer';
import { keyedRecipients } from '../apps/worker/src/reminder-delivery/reminder-recipients';
import { ReminderChannelRegistry } from '../apps/worker/src/reminder-delivery/reminder-channel.registry';
import { WorkingDayCalendar } from '@app/calendar';
import { recipientKey, reminderId, reminderIdentity } from '../apps/worker/src/reminder-delivery/reminder-identity';
import { createDepartment, createMilestone, createProject, createUser } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker, waitFor } from './support/worker-app';

/**
 * The reminder delivery core (apps/worker/src/reminder-delivery) as both planners use it, on a worker that has the
 * in-app inbox only (no 钉钉 / 企业微信 / e-mail installed): a unit's robot on a channel the worker lacks is neither
 * planned nor a failure — milestone and notice reminders alike. March 2026 has no holidays; Monday 2026-03-16 08:30.
 */
describe('reminder delivery core: one behaviour for every planner', () => {
  let database: TestDatabase;
  let worker: TestWorker;

  beforeAll(async () => {
    database = await createTestDatabase();
    worker = await createTestWorker(database, {
      now: '2026-03-16T00:30:00Z',
      override: (builder) => builder.overrideProvider(REMINDER_CHANNELS).useValue([]),
    });
  });

  afterAll(async () => {
    await worker?.close();
    if (worker) await obliterateQueues(worker.prefix);
    await database?.drop();
  });

  it('a channel the worker lacks is not planned, and a row of it already planned is skipped (channel_unavailable), for milestones and notices', async () => {
    const ds = database.dataSource;
    const department = await createDepartment(ds, { name: '玉泉区住房和城乡建设局' });
    const editor = await createUser(ds, 'department_editor', { departmentId: department.id });
    const issuer = await createUser(ds, 'supervisor', { isActive: false });
    const robotAddress = 'https://oapi.dingtalk.com/robot/send?access_token=core-spec';
    await ds.getRepository(DepartmentChannel).save({ departmentId: department.id, channel: 'dingtalk', address: robotAddress });
    const project = await createProject(ds, { ownerDepartmentId: department.id, name: '昭君路道路改造工程' });
    const milestone = await createMilestone(ds, project.id, { plannedDate: '2026-03-13' }); // Friday: 1 working day late on Monday
    const notice = await ds.getRepository(SupervisionNotice).save({
      number: '玉督〔2026〕90号',
      year: 2026,
      sequence: 90,
      ownerDepartmentId: department.id,
      title: '关于道路改造节点滞后的督办通知',
      body: '请报送整改措施。',
      replyDueDate: '2026-03-13',
      status: 'issued',
      issuedById: issuer.id,
      issuedAt: new Date('2026-03-06T02:00:00Z'),
    });
    await ds.getRepository(SupervisionNoticeItem).save({ noticeId: notice.id, position: 0, projectId: project.id, milestoneId: milestone.id });

    // Planning: the editor's inbox only, in both tables.
    await worker.scan();
    await worker.app.get(NoticeReminderScanService).scan();
    const planned = async (table: 'reminders' | 'notice_reminders', column: 'milestone_id' | 'notice_id', id: string) =>
      ds.query(`SELECT id, channel, status FROM ${table} WHERE ${column} = $1 ORDER BY id`, [id]);
    const milestoneReminder = reminderId(milestone.id, 'overdue', '2026-03-16', `inbox-${editor.id}`);
    const noticeReminder = reminderIdentity('notice', notice.id, 'notice_reply_overdue', '2026-03-16', `inbox-${editor.id}`);
    await expect(waitFor(async () => ((await planned('reminders', 'milestone_id', milestone.id))[0]?.status === 'sent' ? true : undefined))).resolves.toBe(true);
    await expect(waitFor(async () => ((await planned('notice_reminders', 'notice_id', notice.id))[0]?.status === 'sent' ? true : undefined))).resolves.toBe(true);
    await expect(planned('reminders', 'milestone_id', milestone.id)).resolves.toEqual([{ id: milestoneReminder, channel: 'inbox', status: 'sent' }]);
    await expect(planned('notice_reminders', 'notice_id', notice.id)).resolves.toEqual([{ id: noticeReminder, channel: 'inbox', status: 'sent' }]);

    // Rows planned by a worker that had the robot, delivered by this one: skipped, never failed.
    const robotKey = recipientKey({ channel: 'dingtalk', address: robotAddress });
    const milestoneRobot = reminderId(milestone.id, 'overdue', '2026-03-16', robotKey);
    const noticeRobot = reminderIdentity('notice', notice.id, 'notice_reply_overdue', '2026-03-16', robotKey);
    await ds.query(
      `INSERT INTO reminders (id, project_id, milestone_id, rule, kind, occurrence_date, planned_date, working_days_late, escalation_level, channel, recipient_key)
       VALUES ($1, $2, $3, 'overdue', 'overdue', '2026-03-16', '2026-03-13', 1, 0, 'dingtalk', $4)`,
      [milestoneRobot, project.id, milestone.id, robotKey],
    );
    await ds.query(
      `INSERT INTO notice_reminders (id, notice_id, kind, occurrence_date, reply_due_date, working_days_late, escalation_level, channel, recipient_key)
       VALUES ($1, $2, 'notice_reply_overdue', '2026-03-16', '2026-03-13', 1, 0, 'dingtalk', $3)`,
      [noticeRobot, notice.id, robotKey],
    );
    await worker.queues.add('send-reminder', { reminderId: milestoneRobot }, { jobId: milestoneRobot });
    await expect(worker.app.get(SendNoticeReminderProcessor).send(noticeRobot)).resolves.toBe('skipped');
    const sends = worker.queues.queue('reminders');
    await waitFor(async () => ((await sends.getJobState(milestoneRobot)) === 'completed' ? true : undefined), { what: 'the robot reminder job done' });
    expect((await sends.getJob(milestoneRobot))?.returnvalue).toBe('skipped');

    const settled = async (table: string, id: string) => (await ds.query(`SELECT status, reason, attempts, last_error FROM ${table} WHERE id = $1`, [id]))[0];
    await expect(settled('reminders', milestoneRobot)).resolves.toEqual({ status: 'skipped', reason: 'channel_unavailable', attempts: 0, last_error: null });
    await expect(settled('notice_reminders', noticeRobot)).resolves.toEqual({ status: 'skipped', reason: 'channel_unavailable', attempts: 0, last_error: null });
  });

  it('a hand-retried failed notice reminder to the inbox is delivered once, like a milestone reminder', async () => {
    const ds = database.dataSource;
    const department = await createDepartment(ds, { name: '玉泉区教育局' });
    const editor = await createUser(ds, 'department_editor', { departmentId: department.id });
    const issuer = await createUser(ds, 'supervisor', { isActive: false });
    const project = await createProject(ds, { ownerDepartmentId: department.id, name: '玉泉区第二十七中学新建工程' });
    const notice = await ds.getRepository(SupervisionNotice).save({
      number: '玉督〔2026〕91号',
      year: 2026,
      sequence: 91,
      ownerDepartmentId: department.id,
      title: '关于校舍开工滞后的督办通知',
      body: '请报送整改措施。',
      replyDueDate: '2026-03-13',
      status: 'issued',
      issuedById: issuer.id,
      issuedAt: new Date('2026-03-06T02:00:00Z'),
    });
    await ds.getRepository(SupervisionNoticeItem).save({ noticeId: notice.id, position: 0, projectId: project.id, milestoneId: null });
    // Failed after its last attempt (as when Postgres was away for all five): kept 'failed', visible, retryable.
    const id = reminderIdentity('notice', notice.id, 'notice_reply_overdue', '2026-03-16', `inbox-${editor.id}`);
    await ds.query(
      `INSERT INTO notice_reminders (id, notice_id, kind, occurrence_date, reply_due_date, working_days_late, escalation_level, channel, recipient_key, recipient_user_id, status, attempts, last_error)
       VALUES ($1, $2, 'notice_reply_overdue', '2026-03-16', '2026-03-13', 1, 0, 'inbox', $3, $4, 'failed', 5, 'connection terminated')`,
      [id, notice.id, `inbox-${editor.id}`, editor.id],
    );
    const sender = worker.app.get(SendNoticeReminderProcessor);

    // The retry and a duplicate of it at the same time: one inbox row.
    const results = await Promise.all([sender.send(id), sender.send(id)]);
    expect(results.sort()).toEqual(['sent', 'skipped']);
    await expect(sender.send(id)).resolves.toBe('skipped');
    const inbox = await ds.query(`SELECT kind, title FROM notifications WHERE user_id = $1`, [editor.id]);
    expect(inbox).toEqual([{ kind: 'notice_reply_overdue', title: '【督办回复逾期】玉督〔2026〕91号 关于校舍开工滞后的督办通知' }]);
    await expect(ds.query(`SELECT status, attempts, last_error FROM notice_reminders WHERE id = $1`, [id])).resolves.toEqual([
      { status: 'sent', attempts: 6, last_error: null },
    ]);
  });

  it('a third planner runs inside the daily scan: its failure fails the day’s run, the retry plans it once', async () => {
    const ds = database.dataSource;
    const department = await createDepartment(ds, { name: '玉泉区水务局' });
    const editor = await createUser(ds, 'department_editor', { departmentId: department.id });
    const issuer = await createUser(ds, 'supervisor', { isActive: false });
    const project = await createProject(ds, { ownerDepartmentId: department.id, name: '玉泉区雨污分流管网改造工程' });
    const notice = await ds.getRepository(SupervisionNotice).save({
      number: '玉督〔2026〕92号',
      year: 2026,
      sequence: 92,
      ownerDepartmentId: department.id,
      title: '关于管网改造进度的督办通知',
      body: '请报送整改措施。',
      replyDueDate: '2026-03-13',
      status: 'issued',
      issuedById: issuer.id,
      issuedAt: new Date('2026-03-06T02:00:00Z'),
    });
    await ds.getRepository(SupervisionNoticeItem).save({ noticeId: notice.id, position: 0, projectId: project.id, milestoneId: null });

    // A planner as another feature writes one: the core's late rule, recipients and plan writer, a track for delivery.
    const writer = worker.app.get(ReminderPlanWriter);
    const track = worker.app.get(NoticeReminderTrack);
    const channels = worker.app.get(ReminderChannelRegistry);
    const calendar = worker.app.get(WorkingDayCalendar);
    let calls = 0;
    worker.app.get(DailyReminderPlanners).register({
      name: 'spec-planner',
      planDay: async (today, rules) => {
        if (++calls === 1) throw new Error('Postgres went away');
        const late = lateOccurrenceOn('2026-03-13', today, rules, calendar)!;
        const planned = await writer.write(track, [
          {
            subjectId: notice.id,
            rule: 'spec',
            kind: 'notice_reply_overdue',
            occurrenceDate: today,
            ...late,
            recipients: keyedRecipients([editor.id], [], channels),
            columns: { notice_id: notice.id, reply_due_date: '2026-03-13' },
          },
        ]);
        return { reminders: planned.reminders, enqueued: planned.enqueued, failed: 0 };
      },
    });

    await expect(worker.scan()).resolves.toMatchObject({ status: 'done', failedPlanners: 1, planners: {} });
    await expect(worker.scan()).resolves.toMatchObject({ failedPlanners: 0, planners: { 'spec-planner': { reminders: 1, enqueued: 1, failed: 0 } } });
    const id = reminderIdentity('notice', notice.id, 'spec', '2026-03-16', `inbox-${editor.id}`);
    await waitFor(async () => ((await ds.query(`SELECT status FROM notice_reminders WHERE id = $1`, [id]))[0]?.status === 'sent' ? true : undefined), {
      what: 'the third planner’s reminder delivered',
    });
    await expect(worker.scan()).resolves.toMatchObject({ planners: { 'spec-planner': { reminders: 1, enqueued: 0 } } });
    await expect(ds.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1`, [editor.id])).resolves.toEqual([{ n: 1 }]);
  });
});
