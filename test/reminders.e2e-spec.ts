import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { createTestApp, testQueuePrefix } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, reminderStatuses, TestWorker, waitFor } from './support/worker-app';
import { createReminderPortfolio, EXPECTED_REMINDERS, recipientsOf, REMINDER_DAY, REMINDER_NOW, ReminderPortfolio } from './support/worker-fixtures';

const sorted = (ids: string[]) => [...ids].sort();

describe('reminders: daily scan, delivery to the inbox, escalation, re-planning', () => {
  let database: TestDatabase;
  let worker: TestWorker;
  let portfolio: ReminderPortfolio;

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await createReminderPortfolio(database.dataSource);
    worker = await createTestWorker(database, { now: REMINDER_NOW });
  });

  afterAll(async () => {
    await worker?.close();
    if (worker) await obliterateQueues(worker.prefix);
    await database?.drop();
  });

  const notificationsCount = async () => Number((await database.dataSource.query(`SELECT count(*) AS n FROM notifications`))[0].n);

  it('scanning twice plans and delivers every reminder exactly once', async () => {
    const first = await worker.scan();
    const second = await worker.scan();
    expect(first).toMatchObject({ status: 'done', today: REMINDER_DAY, reminders: EXPECTED_REMINDERS, inserted: EXPECTED_REMINDERS });
    expect(second).toMatchObject({ status: 'done', reminders: EXPECTED_REMINDERS, inserted: 0 });

    await waitFor(async () => (await reminderStatuses(database)).sent === EXPECTED_REMINDERS, { what: 'all reminders sent' });
    await expect(notificationsCount()).resolves.toBe(EXPECTED_REMINDERS);
    await expect(reminderStatuses(database)).resolves.toEqual({ sent: EXPECTED_REMINDERS });
    const [attempts] = await database.dataSource.query(`SELECT min(attempts) AS min, max(attempts) AS max FROM reminders`);
    expect(attempts).toEqual({ min: 1, max: 1 });

    // A third scan after delivery adds nothing, and delivers nothing again.
    await expect(worker.scan()).resolves.toMatchObject({ inserted: 0, enqueued: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expect(notificationsCount()).resolves.toBe(EXPECTED_REMINDERS);
  });

  it('uses the deterministic identity as id and BullMQ job id', async () => {
    const { milestones, lead } = portfolio;
    const id = `reminder-${milestones.lateE1.id}-overdue-20261013-inbox-${lead.id}`;
    const [row] = await database.dataSource.query(`SELECT * FROM reminders WHERE id = $1`, [id]);
    expect(row).toMatchObject({ kind: 'overdue', rule: 'overdue', escalation_level: 1, working_days_late: 5, occurrence_date: REMINDER_DAY, channel: 'inbox', status: 'sent' });
    const job = await worker.queues.queue('reminders').getJob(id);
    expect(job?.returnvalue).toBe('sent');
    const soon = await database.dataSource.query(`SELECT DISTINCT rule FROM reminders WHERE milestone_id = $1`, [milestones.soon.id]);
    expect(soon).toEqual([{ rule: 'due-soon-3' }]);
  });

  it('reminds the owner unit’s active editors, adds the lead official at E1 and the 督查室 at E2', async () => {
    const { milestones, editors, lead, supervisors } = portfolio;
    const editorIds = editors.map((user) => user.id);
    for (const level0 of [milestones.soon, milestones.today, milestones.late1]) {
      await expect(recipientsOf(database.dataSource, level0.id)).resolves.toEqual(sorted(editorIds));
    }
    await expect(recipientsOf(database.dataSource, milestones.lateE1.id)).resolves.toEqual(sorted([...editorIds, lead.id]));
    await expect(recipientsOf(database.dataSource, milestones.lateE2.id)).resolves.toEqual(sorted([...editorIds, lead.id, ...supervisors.map((u) => u.id)]));
    // A project without an owner unit is reminded to the 督查室; inactive users and other units never.
    await expect(recipientsOf(database.dataSource, milestones.orphan.id)).resolves.toEqual(sorted(supervisors.map((u) => u.id)));
    for (const none of [milestones.quiet, milestones.done, milestones.far, milestones.suspended]) {
      await expect(recipientsOf(database.dataSource, none.id)).resolves.toEqual([]);
    }
    const strangers = [portfolio.inactiveEditor.id, portfolio.otherEditor.id, portfolio.inactiveSupervisor.id];
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE user_id = ANY($1::uuid[])`, [strangers]);
    expect(n).toBe(0);
  });

  it('writes a Chinese inbox message with the project, milestone, working days late and a link', async () => {
    const { milestones, lead, project } = portfolio;
    const [message] = await database.dataSource.query(`SELECT * FROM notifications WHERE milestone_id = $1 AND user_id = $2`, [milestones.lateE1.id, lead.id]);
    expect(message.title).toBe(`【逾期催办】${project.name} · 开工`);
    expect(message.body).toContain('计划完成日期：2026-09-30');
    expect(message.body).toContain('已逾期 5 个工作日');
    expect(message.body).toContain('已升级至包联领导');
    expect(message.body).toContain(`催办编号：reminder-${milestones.lateE1.id}-overdue-20261013-inbox-${lead.id}`);
    expect(message.link).toBe(`http://localhost:3000/projects/${project.id}`);
    expect(message.escalation_level).toBe(1);
  });

  it('does nothing on a day off', async () => {
    worker.clock.set('2026-10-03T01:00:00Z'); // National Day
    await expect(worker.scan()).resolves.toEqual({ status: 'skipped', today: '2026-10-03', reason: 'not a working day' });
    worker.clock.set(REMINDER_NOW);
  });
});

describe('reminders: re-checks and cancellation', () => {
  let database: TestDatabase;
  let worker: TestWorker;
  let api: NestFastifyApplication;
  let portfolio: ReminderPortfolio;
  const prefix = testQueuePrefix('reminders');

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await createReminderPortfolio(database.dataSource);
    api = await createTestApp(database, { KPT_FIXED_NOW: REMINDER_NOW, QUEUE_PREFIX: prefix });
    worker = await createTestWorker(database, { now: REMINDER_NOW, env: { QUEUE_PREFIX: prefix } });
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await obliterateQueues(prefix);
    await database?.drop();
  });

  it('completing a milestone through the API cancels its pending reminders and removes their jobs', async () => {
    const sends = worker.queues.queue('reminders');
    await sends.pause(); // hold deliveries so the reminders are still pending
    await worker.scan();
    const { milestones, editors } = portfolio;
    const pending: Array<{ id: string }> = await database.dataSource.query(`SELECT id FROM reminders WHERE milestone_id = $1`, [milestones.lateE2.id]);
    expect(pending).toHaveLength(5);
    for (const { id } of pending) await expect(sends.getJobState(id)).resolves.toBe('waiting');

    const editor = await signIn(api, editors[0].username);
    const response = await api.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestones.lateE2.id}`,
      headers: { ...editor, 'if-match': `"${milestones.lateE2.version}"` },
      payload: { actualDate: REMINDER_DAY },
    });
    expect(response.statusCode).toBe(200);

    await waitFor(
      async () => {
        const rows: Array<{ status: string; reason: string }> = await database.dataSource.query(`SELECT DISTINCT status, reason FROM reminders WHERE milestone_id = $1`, [milestones.lateE2.id]);
        return rows.length === 1 && rows[0].status === 'cancelled' && rows[0].reason === 'milestone_completed';
      },
      { what: 'reminders of the completed milestone cancelled' },
    );
    // The cancellation commits first, then the processor removes the waiting jobs by id.
    await waitFor(async () => (await Promise.all(pending.map(({ id }) => sends.getJob(id)))).every((job) => job === undefined), {
      what: 'waiting jobs of the completed milestone removed',
    });
    const [event] = await database.dataSource.query(`SELECT id, published_at FROM outbox_events WHERE aggregate_id = $1`, [milestones.lateE2.id]);
    expect(event.published_at).not.toBeNull();
    // The processor removes the jobs, then plans today's reminders, then returns: its result is there once it completed.
    const events = worker.queues.queue('domain-events');
    await waitFor(async () => (await events.getJobState(`outbox-${event.id}`)) === 'completed', { what: 'the relayed milestone change done' });
    const relayed = await events.getJob(`outbox-${event.id}`);
    expect(relayed?.returnvalue).toMatchObject({ cancelled: 5, removedJobs: 5 });

    await sends.resume();
    const others = EXPECTED_REMINDERS - 5;
    await waitFor(async () => (await reminderStatuses(database)).sent === others, { what: 'the other reminders sent' });
    const [{ n }] = await database.dataSource.query(`SELECT count(*)::int AS n FROM notifications WHERE milestone_id = $1`, [milestones.lateE2.id]);
    expect(n).toBe(0);
    await expect(reminderStatuses(database)).resolves.toEqual({ sent: others, cancelled: 5 });
  });

  it('a reminder whose milestone changed behind its back, or vanished, is skipped at send time — never an error', async () => {
    const sends = worker.queues.queue('reminders');
    worker.clock.set('2026-10-15T01:00:00Z'); // Thu: soon (10-16) is due-soon-1; lateE1 (09-30) is 7 working days late: overdue, E1
    await sends.pause();
    const scan = await worker.scan();
    expect(scan.inserted).toBeGreaterThan(0);
    const { milestones } = portfolio;
    // Behind the pipeline's back: no outbox event, so only the send-time check can notice.
    await database.dataSource.query(`UPDATE milestones SET status = 'done', actual_date = '2026-10-15' WHERE id = $1`, [milestones.soon.id]);
    const lateE1Ids: Array<{ id: string }> = await database.dataSource.query(`SELECT id FROM reminders WHERE milestone_id = $1 AND occurrence_date = '2026-10-15'`, [milestones.lateE1.id]);
    await database.dataSource.query(`DELETE FROM milestones WHERE id = $1`, [milestones.lateE1.id]);
    await sends.resume();

    await waitFor(
      async () => {
        const counts = await sends.getJobCounts('waiting', 'active', 'delayed');
        return counts.waiting + counts.active + counts.delayed === 0;
      },
      { what: 'send queue drained' },
    );
    const soonRows = await database.dataSource.query(`SELECT DISTINCT status, reason FROM reminders WHERE milestone_id = $1 AND occurrence_date = '2026-10-15'`, [milestones.soon.id]);
    expect(soonRows).toEqual([{ status: 'skipped', reason: 'milestone_completed' }]);
    expect(lateE1Ids.length).toBe(3);
    for (const { id } of lateE1Ids) {
      const job = await sends.getJob(id);
      expect(job?.returnvalue).toBe('skipped'); // the row went with the milestone
      expect(job?.failedReason).toBeFalsy();
    }
    await expect(sends.getJobCounts('failed')).resolves.toEqual({ failed: 0 });
    worker.clock.set(REMINDER_NOW);
  });
});
