import { FixedClock } from '@app/calendar';
import { JobSchedules } from '../apps/worker/src/job-runs/job-schedules';
import { Department, DepartmentChannel, NoticeReminder, Notification, Project, SupervisionNotice, SupervisionNoticeItem, User } from '@app/domain';
import { NOTICE_REMINDER_SCAN_SCHEDULER_ID } from '@app/queue';
import { NoticeReminderScanService } from '../apps/worker/src/notice-reminders/notice-reminder-scan.service';
import { SendNoticeReminderProcessor } from '../apps/worker/src/notice-reminders/send-notice-reminder.processor';
import { startWebhookSink, WebhookSink } from './support/channel-sinks';
import { createDepartment, createMilestone, createProject, createUser } from './support/factories';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker, waitFor } from './support/worker-app';

/**
 * 督办单催办 through the real worker pieces: Postgres, Redis, BullMQ (a queue
 * prefix of this file's own), the inbox and a 钉钉 robot stand-in. March 2026 has
 * no holidays; the reminder rules are the migration's defaults (repeat every 3
 * working days, E1 after 5, E2 after 10).
 */
describe('notice reminders (督办单催办)', () => {
  let database: TestDatabase;
  let worker: TestWorker;
  let clock: FixedClock;
  let scanner: NoticeReminderScanService;
  let robot: WebhookSink;
  let supervisor: User;
  let issuer: User;
  let sequence = 0;

  interface Arranged {
    department: Department;
    editor: User;
    leadOfficial: User;
    project: Project;
    notice: SupervisionNotice;
  }

  /** A unit with an editor and a robot, a project with a lead official, and a notice awaiting its reply. */
  async function arrange(replyDueDate: string, status: 'issued' | 'returned' | 'replied' = 'issued'): Promise<Arranged> {
    const ds = database.dataSource;
    const department = await createDepartment(ds, { name: `玉泉区测试单位${++sequence}` });
    const editor = await createUser(ds, 'department_editor', { departmentId: department.id });
    const leadOfficial = await createUser(ds, 'viewer', { displayName: '包联领导' });
    const project = await createProject(ds, { ownerDepartmentId: department.id, name: `玉泉变 220 千伏变电站工程${sequence}`, leadOfficialUserId: leadOfficial.id });
    const milestone = await createMilestone(ds, project.id, { plannedDate: '2026-02-27' });
    await ds.getRepository(DepartmentChannel).save({ departmentId: department.id, channel: 'dingtalk', address: `${robot.url}/robot/send?access_token=unit${sequence}` });
    const notice = await ds.getRepository(SupervisionNotice).save({
      number: `玉督〔2026〕${sequence}号`,
      year: 2026,
      sequence,
      ownerDepartmentId: department.id,
      title: '关于开工节点滞后的督办通知',
      body: '请报送整改措施。',
      replyDueDate,
      status,
      issuedById: issuer.id,
      issuedAt: new Date('2026-03-06T02:00:00Z'),
    });
    await ds.getRepository(SupervisionNoticeItem).save({ noticeId: notice.id, position: 0, projectId: project.id, milestoneId: milestone.id });
    return { department, editor, leadOfficial, project, notice };
  }

  async function remindersOf(noticeId: string): Promise<NoticeReminder[]> {
    return database.dataSource.getRepository(NoticeReminder).find({ where: { noticeId }, order: { id: 'ASC' } });
  }

  /** Waits (at most 20 s) until the worker has handled every reminder of the notice. */
  async function deliveredOf(noticeId: string): Promise<NoticeReminder[]> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const reminders = await remindersOf(noticeId);
      if (reminders.every((reminder) => reminder.status !== 'queued')) return reminders;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`reminders of notice ${noticeId} still queued: ${JSON.stringify(await remindersOf(noticeId))}`);
  }

  async function inboxOf(userId: string, number: string): Promise<Notification[]> {
    const all = await database.dataSource.getRepository(Notification).find({ where: { userId }, order: { createdAt: 'ASC' } });
    return all.filter((notification) => notification.title.includes(number));
  }

  const robotMessagesAbout = (number: string) =>
    robot.received.filter((request) => JSON.stringify(request.body).includes(number));

  beforeAll(async () => {
    database = await createTestDatabase();
    robot = await startWebhookSink();
    // The whole worker: the notice reminders' jobs run on the registry's queues, through QueueWorkers.
    // Short retry delays (QUEUE_BACKOFF_MS, honoured now that the queue is the registry's), for the failing robot below.
    worker = await createTestWorker(database, { now: '2026-03-16T02:00:00Z', env: { QUEUE_BACKOFF_MS: '20' } });
    clock = worker.clock;
    scanner = worker.app.get(NoticeReminderScanService);
    supervisor = await createUser(database.dataSource, 'supervisor', { displayName: '督查室' });
    issuer = await createUser(database.dataSource, 'supervisor', { isActive: false });
  });

  afterAll(async () => {
    await worker?.close();
    // Leave nothing of this file's queues (and their job schedulers) in the shared Redis.
    if (worker) await obliterateQueues(worker.prefix);
    await robot?.close();
    await database?.drop();
  });

  it('a late notice gets exactly one reminder per occurrence and recipient, however often the scan runs', async () => {
    const { editor, leadOfficial, notice } = await arrange('2026-03-13'); // due Friday
    clock.set('2026-03-16T00:30:00Z'); // Monday 08:30, 1 working day late

    await Promise.all([scanner.scan(), scanner.scan()]);
    await scanner.scan();
    const reminders = await deliveredOf(notice.id);

    expect(reminders).toHaveLength(2);
    expect(reminders.map((reminder) => reminder.channel).sort()).toEqual(['dingtalk', 'inbox']);
    for (const reminder of reminders) {
      expect(reminder).toMatchObject({ kind: 'notice_reply_overdue', occurrenceDate: '2026-03-16', workingDaysLate: 1, escalationLevel: 0, status: 'sent' });
      expect(reminder.id).toMatch(new RegExp(`^notice-${notice.id}-notice_reply_overdue-20260316-(inbox-${editor.id}|dingtalk-[0-9a-f]{16})$`));
    }
    const inbox = await inboxOf(editor.id, notice.number);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'notice_reply_overdue', escalationLevel: 0, title: `【督办回复逾期】${notice.number} 关于开工节点滞后的督办通知` });
    expect(inbox[0].body).toContain('已逾期 1 个工作日未回复');
    expect(inbox[0].body).toContain('催办级别：责任单位');
    expect(inbox[0].link).toBe(`http://localhost:3000/supervision-notices/${notice.id}`);
    expect(robotMessagesAbout(notice.number)).toHaveLength(1);
    await expect(inboxOf(supervisor.id, notice.number)).resolves.toHaveLength(0);
    await expect(inboxOf(leadOfficial.id, notice.number)).resolves.toHaveLength(0);

    // Once sent, another scan the same day neither plans nor sends anything.
    const again = await scanner.scan();
    expect(again.enqueued).toBe(0);
    await expect(deliveredOf(notice.id)).resolves.toHaveLength(2);
    await expect(inboxOf(editor.id, notice.number)).resolves.toHaveLength(1);
    expect(robotMessagesAbout(notice.number)).toHaveLength(1);
  });

  it('reminds the day before the due date, repeats every N working days late, and escalates to the 督查室 after E2', async () => {
    const { editor, leadOfficial, notice } = await arrange('2026-03-13');
    const scanOn = async (instant: string) => {
      clock.set(instant);
      await scanner.scan();
      return deliveredOf(notice.id);
    };
    const occurrences = (reminders: NoticeReminder[]) => [...new Set(reminders.filter((r) => r.channel === 'inbox').map((r) => `${r.occurrenceDate}/${r.escalationLevel}`))];

    await scanOn('2026-03-11T00:30:00Z'); // Wed: due in two working days
    await scanOn('2026-03-13T00:30:00Z'); // Fri: due today, nothing
    await scanOn('2026-03-16T00:30:00Z'); // late 1
    await scanOn('2026-03-17T00:30:00Z'); // late 2: nothing
    await scanOn('2026-03-19T00:30:00Z'); // late 4
    await scanOn('2026-03-20T00:30:00Z'); // late 5: E1, the lead official too
    await scanOn('2026-03-25T00:30:00Z'); // late 8: nothing (7 and 10 are the repeats)
    const reminders = await scanOn('2026-03-27T00:30:00Z'); // late 10: E2, the 督查室 too

    expect(occurrences(reminders)).toEqual(['2026-03-11/0', '2026-03-16/0', '2026-03-19/0', '2026-03-20/1', '2026-03-27/2']);
    expect(reminders.find((r) => r.occurrenceDate === '2026-03-11')).toMatchObject({ kind: 'notice_reply_due' });

    const toEditor = await inboxOf(editor.id, notice.number);
    expect(toEditor.map((n) => n.kind)).toEqual(['notice_reply_due', 'notice_reply_overdue', 'notice_reply_overdue', 'notice_reply_overdue', 'notice_reply_overdue']);
    expect(toEditor[0].title).toBe(`【督办回复提醒】${notice.number} 关于开工节点滞后的督办通知`);
    const toLead = await inboxOf(leadOfficial.id, notice.number);
    expect(toLead.map((n) => n.escalationLevel)).toEqual([1, 2]);
    const toSupervisor = await inboxOf(supervisor.id, notice.number);
    expect(toSupervisor).toHaveLength(1);
    expect(toSupervisor[0]).toMatchObject({ escalationLevel: 2, title: `【督办回复逾期】${notice.number} 关于开工节点滞后的督办通知` });
    expect(toSupervisor[0].body).toContain('已逾期 10 个工作日未回复');
    expect(toSupervisor[0].body).toContain('催办级别：已升级至督查室');
    // The inactive supervisor who issued it gets nothing.
    await expect(inboxOf(issuer.id, notice.number)).resolves.toHaveLength(0);
    // The robot: one message per occurrence.
    expect(robotMessagesAbout(notice.number)).toHaveLength(5);
  });

  it('reminds nobody about a replied notice, and cancels a planned reminder the reply overtook', async () => {
    const replied = await arrange('2026-03-13', 'replied');
    clock.set('2026-03-16T00:30:00Z');
    await scanner.scan();
    await expect(remindersOf(replied.notice.id)).resolves.toEqual([]);

    // Planned while it awaited the reply, sent after the unit replied: cancelled, not delivered.
    const { editor, notice } = await arrange('2026-03-13');
    const id = `notice-${notice.id}-notice_reply_overdue-20260316-inbox-${editor.id}`;
    await database.dataSource.getRepository(NoticeReminder).insert({
      id,
      noticeId: notice.id,
      kind: 'notice_reply_overdue',
      occurrenceDate: '2026-03-16',
      replyDueDate: '2026-03-13',
      workingDaysLate: 1,
      channel: 'inbox',
      recipientKey: `inbox-${editor.id}`,
      recipientUserId: editor.id,
    });
    await database.dataSource.getRepository(SupervisionNotice).update({ id: notice.id }, { status: 'replied' });
    await expect(worker.app.get(SendNoticeReminderProcessor).send(id)).resolves.toBe('cancelled');
    await expect(remindersOf(notice.id)).resolves.toEqual([expect.objectContaining({ status: 'cancelled', reason: 'notice_replied' })]);
    await expect(inboxOf(editor.id, notice.number)).resolves.toHaveLength(0);
  });

  it('a notice reminder that failed for good is delivered, once, when an admin retries its job', async () => {
    const { editor, notice } = await arrange('2026-03-13'); // due Friday
    clock.set('2026-03-16T00:30:00Z'); // Monday 08:30, 1 working day late
    const sends = worker.queues.queue('notice-reminders');
    robot.answerWith(200, { errcode: 310000, errmsg: 'sign not match' });
    let failed: NoticeReminder;
    try {
      await scanner.scan();
      failed = (await waitFor(
        async () => {
          const robotReminder = (await remindersOf(notice.id)).find((reminder) => reminder.channel === 'dingtalk');
          return robotReminder?.status === 'failed' ? robotReminder : undefined;
        },
        { what: 'the robot reminder failed after its last attempt', timeoutMs: 60_000 },
      ))!;
      await waitFor(async () => (await sends.getJobState(failed.id)) === 'failed', { what: 'its job failed' });
    } finally {
      robot.answerWith(200, { errcode: 0, errmsg: 'ok' });
    }
    const robotMessagesBefore = robotMessagesAbout(notice.number).length;

    // What POST /api/v1/admin/failed-jobs/notice-reminders/<id>/retry (or Bull Board) does.
    await (await sends.getJob(failed.id))!.retry('failed');
    await waitFor(async () => (await sends.getJobState(failed.id)) === 'completed', { what: 'the retried job done' });
    await expect(remindersOf(notice.id)).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: failed.id, status: 'sent', lastError: null }), expect.objectContaining({ channel: 'inbox', status: 'sent' })]),
    );
    expect(robotMessagesAbout(notice.number)).toHaveLength(robotMessagesBefore + 1);

    // Once: a later scan the same day sends it neither again nor anything else.
    await expect(scanner.scan()).resolves.toMatchObject({ enqueued: 0 });
    expect(robotMessagesAbout(notice.number)).toHaveLength(robotMessagesBefore + 1);
    await expect(inboxOf(editor.id, notice.number)).resolves.toHaveLength(1);
  });

  it('runs the scan from a job scheduler at the rules\' send time in Asia/Shanghai, and skips days off', async () => {
    const schedules = worker.app.get(JobSchedules);
    await schedules.registered;
    const queue = worker.queues.queue('notice-reminders');
    await expect(queue.getJobScheduler(NOTICE_REMINDER_SCAN_SCHEDULER_ID)).resolves.toMatchObject({ pattern: '30 8 * * *', tz: 'Asia/Shanghai' });

    await database.dataSource.query(`UPDATE reminder_rules SET send_at = '09:15' WHERE id = 1`);
    await schedules.sync(); // as on 'reminder-rules-changed' from the outbox
    clock.set('2026-03-14T01:15:00Z'); // Saturday
    await expect(scanner.scan()).resolves.toMatchObject({ today: '2026-03-14', skipped: 'day_off', enqueued: 0 });
    await expect(queue.getJobScheduler(NOTICE_REMINDER_SCAN_SCHEDULER_ID)).resolves.toMatchObject({ pattern: '15 9 * * *', tz: 'Asia/Shanghai' });
    await expect(queue.getJobSchedulersCount()).resolves.toBe(1);
    await database.dataSource.query(`UPDATE reminder_rules SET send_at = '08:30' WHERE id = 1`);
    await schedules.sync();
  });
});
