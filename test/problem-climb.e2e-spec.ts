import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, FixedClock } from '@app/calendar';
import { reminderIdentity } from '../apps/worker/src/reminder-delivery/reminder-identity';
import { createDepartment, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker, waitFor } from './support/worker-app';

type Auth = { authorization: string };

/**
 * The flow on the real stack (API, worker, Postgres, Redis): a problem raised from a progress report's
 * 需协调事项 that does not move climbs — after N working days (the setting, 5) to the coordinating department's
 * editor, after 2N to the project's lead official — each step delivered exactly once however often the daily scan
 * runs (twice at once, again the next days); then the unit claims it solved and the 督查室 closes it (销号), and the
 * step 3 (督查室) that a stalled problem would have reached never comes. The days are driven with the clocks of the
 * API and the worker over the official calendar: March 2026 has no holiday, so N = 5 working days spans a weekend.
 *   raised Mon 03-02 10:00 → step 1 due Mon 03-09, step 2 due Mon 03-16, step 3 would be due Mon 03-23.
 */
describe('问题台账: the climb to the lead official, exactly once, then 销号', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let apiClock: FixedClock;
  let worker: TestWorker;

  /** Both processes at the same instant (08:30 Shanghai is the daily scan's time). */
  function at(instant: string) {
    apiClock.set(instant);
    worker.clock.set(instant);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: '2026-03-02T02:00:00Z' });
    apiClock = app.get(Clock) as FixedClock;
    worker = await createTestWorker(database, { now: '2026-03-02T02:00:00Z' });
  });

  afterAll(async () => {
    await worker?.close();
    if (worker) await obliterateQueues(worker.prefix);
    await app?.close();
    await database?.drop();
  });

  const api = (method: 'GET' | 'POST', url: string, headers: Auth, payload?: object, extra: Record<string, string> = {}) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload !== undefined && { payload }) });

  it('climbs to the coordinating department after 5 working days and to the lead official after 10, once each; closed by the 督查室, it climbs no more', async () => {
    const ds = database.dataSource;
    const unit = await createDepartment(ds, { name: '小召前街街道（climb）' });
    const land = await createDepartment(ds, { name: '区自然资源局（climb）' });
    const unitEditorUser = await createUser(ds, 'department_editor', { departmentId: unit.id });
    const landEditorUser = await createUser(ds, 'department_editor', { departmentId: land.id });
    const leaderUser = await createUser(ds, 'leader', { displayName: '张副区长' });
    const supervisorUser = await createUser(ds, 'supervisor', { displayName: '督查室张科长' });
    const project = await createProject(ds, { ownerDepartmentId: unit.id, name: '玉祥·安泽园（范家营棚改回迁房）项目', leadOfficial: '张副区长', leadOfficialUserId: leaderUser.id });
    const unitEditor = await signIn(app, unitEditorUser.username);
    const supervisor = await signIn(app, supervisorUser.username);

    // Monday 03-02 10:00: the unit reports and turns its 需协调事项 into a problem.
    const report = await api('POST', `/projects/${project.id}/progress-reports`, unitEditor, { period: '2026-03', text: '3 号楼主体施工。', coordinationNeeds: '需区自然资源局协调临时用地审批' });
    expect(report.statusCode).toBe(201);
    const raised = await api('POST', `/projects/${project.id}/progress-reports/${report.json().id}/coordination-problems`, unitEditor, {
      typeCode: 'land',
      coordinatingUnitIds: [land.id],
      neededByDate: '2026-03-31',
    });
    expect(raised.statusCode).toBe(201);
    const problem = raised.json();
    const movedAt = new Date(problem.lastMovedAt);

    const escalations = (userId: string) =>
      ds.query(`SELECT title FROM notifications WHERE user_id = $1 AND kind = 'problem_escalation' ORDER BY created_at`, [userId]);
    const rows = () => ds.query(`SELECT id, step, status, recipient_user_id FROM problem_reminders WHERE problem_id = $1 ORDER BY step, id`, [problem.id]);
    const settle = () =>
      waitFor(async () => ((await ds.query(`SELECT count(*)::int AS n FROM problem_reminders WHERE problem_id = $1 AND status = 'queued'`, [problem.id]))[0].n === 0 ? true : undefined), {
        what: 'the planned steps to be delivered',
      });

    // Friday 03-06: 4 working days without a move — nothing yet.
    at('2026-03-06T00:30:00Z');
    await worker.scan();
    expect(await rows()).toEqual([]);

    // Monday 03-09: 5 working days (03-03 … 03-06, 03-09) — step 1, to the coordinating department's editor, once even
    // with two scans at the same time and another later that day.
    at('2026-03-09T00:30:00Z');
    await Promise.all([worker.scan(), worker.scan()]);
    await worker.scan();
    await settle();
    const step1 = reminderIdentity('problem', problem.id, 'step-1', '2026-03-09', `inbox-${landEditorUser.id}`);
    expect(await rows()).toEqual([{ id: step1, step: 1, status: 'sent', recipient_user_id: landEditorUser.id }]);
    expect(await escalations(landEditorUser.id)).toEqual([{ title: `【问题催办·协调部门】${problem.title}` }]);
    const afterStep1 = (await api('GET', `/coordination-problems/${problem.id}`, supervisor)).json();
    expect(afterStep1).toMatchObject({ climbStep: 1, workingDaysSinceMove: 5, lastMovedAt: movedAt.toISOString() });
    expect(afterStep1.events.at(-1)).toMatchObject({ type: 'escalated', typeLabel: '催办升级', actor: { id: null }, step: 1, workingDaysStalled: 5 });

    // The next days: still step 1 only (the identity is the day it fell due, not the day of the scan).
    at('2026-03-10T00:30:00Z');
    await worker.scan();
    at('2026-03-13T00:30:00Z');
    await worker.scan();
    await settle();
    expect(await rows()).toHaveLength(1);

    // Monday 03-16: 10 working days — step 2, the project's lead official, once; the department is not told again.
    at('2026-03-16T00:30:00Z');
    await worker.scan();
    await worker.scan();
    at('2026-03-17T00:30:00Z');
    await worker.scan();
    await settle();
    const step2 = reminderIdentity('problem', problem.id, 'step-2', '2026-03-16', `inbox-${leaderUser.id}`);
    expect((await rows()).map((row: { id: string; status: string }) => [row.id, row.status])).toEqual([
      [step1, 'sent'],
      [step2, 'sent'],
    ]);
    expect(await escalations(leaderUser.id)).toEqual([{ title: `【问题催办·包联领导】${problem.title}` }]);
    expect(await escalations(landEditorUser.id)).toHaveLength(1);
    expect(await escalations(supervisorUser.id)).toEqual([]);
    // The lead official sees it among the problems of their projects, climbed to them.
    const leader = await signIn(app, leaderUser.username);
    const mine = (await api('GET', '/coordination-problems?mine=true', leader)).json();
    expect(mine.items).toEqual([expect.objectContaining({ id: problem.id, climbStep: 2, workingDaysSinceMove: 11 })]);

    // Tuesday 03-17 10:00: the unit claims it solved; the 督查室 closes it (销号).
    at('2026-03-17T02:00:00Z');
    const claimed = await api('POST', `/coordination-problems/${problem.id}/claim`, unitEditor, { comment: '临时用地已批复' }, { 'if-match': `"${problem.version}"` });
    expect(claimed.statusCode).toBe(200);
    expect(claimed.json()).toMatchObject({ state: 'resolved', climbStep: 0 });
    const closed = await api('POST', `/coordination-problems/${problem.id}/close`, supervisor, { comment: '同意销号' }, { 'if-match': `"${claimed.json().version}"` });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ state: 'closed', closedBy: { id: supervisorUser.id } });

    // Monday 03-23 and later: a closed problem never reaches the 督查室's step.
    at('2026-03-23T00:30:00Z');
    await worker.scan();
    at('2026-03-30T00:30:00Z');
    await worker.scan();
    expect(await rows()).toHaveLength(2);
    expect(await escalations(supervisorUser.id)).toEqual([]);
    const history = (await api('GET', `/coordination-problems/${problem.id}`, supervisor)).json().events;
    expect(history.map((event: { type: string; step?: number }) => (event.type === 'escalated' ? `escalated-${event.step}` : event.type))).toEqual([
      'raised',
      'escalated-1',
      'escalated-2',
      'claimed',
      'closed',
    ]);
  });

  it('a step planned but not yet sent is cancelled when the problem moves or is suspended, and the climb starts again from the move', async () => {
    const ds = database.dataSource;
    const unit = await createDepartment(ds);
    const finance = await createDepartment(ds);
    const unitEditorUser = await createUser(ds, 'department_editor', { departmentId: unit.id });
    const financeEditorUser = await createUser(ds, 'department_editor', { departmentId: finance.id });
    const project = await createProject(ds, { ownerDepartmentId: unit.id });
    at('2026-03-02T02:00:00Z');
    const unitEditor = await signIn(app, unitEditorUser.username);
    const financeEditor = await signIn(app, financeEditorUser.username);
    const raised = await api('POST', '/coordination-problems', unitEditor, {
      projectId: project.id,
      typeCode: 'funding',
      title: '资金未到位',
      need: '需区财政局拨付第二批资金',
      coordinatingUnitIds: [finance.id],
      neededByDate: '2026-04-30',
    });
    const problem = raised.json();
    // Planned on 03-09 (the row queued, its job waiting): the finance bureau accepts before it is delivered.
    const id = reminderIdentity('problem', problem.id, 'step-1', '2026-03-09', `inbox-${financeEditorUser.id}`);
    await ds.query(
      `INSERT INTO problem_reminders (id, kind, occurrence_date, working_days_late, escalation_level, channel, recipient_key, recipient_user_id, problem_id, step, moved_at)
       VALUES ($1, 'problem_escalation', '2026-03-09', 5, 0, 'inbox', $2, $3, $4, 1, $5)`,
      [id, `inbox-${financeEditorUser.id}`, financeEditorUser.id, problem.id, problem.lastMovedAt],
    );
    at('2026-03-09T03:00:00Z');
    const accepted = await api('POST', `/coordination-problems/${problem.id}/accept`, financeEditor, { measure: '本周拨付', measureDate: '2026-03-13' }, { 'if-match': '"1"' });
    expect(accepted.statusCode).toBe(200);
    // Delivering it finds the problem moved.
    await worker.queues.addBulk('send-problem-reminder', [{ data: { reminderId: id }, opts: { jobId: id } }]);
    await expect(
      waitFor(async () => {
        const [row] = await ds.query(`SELECT status, reason FROM problem_reminders WHERE id = $1`, [id]);
        return row.status === 'queued' ? undefined : row;
      }, { what: 'the stale step to be settled' }),
    ).resolves.toEqual({ status: 'cancelled', reason: 'problem_moved' });
    expect(await ds.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'problem_escalation'`, [financeEditorUser.id])).toEqual([]);
    // Counted from the acceptance (Monday 03-09): step 1 falls due on Monday 03-16.
    expect(await ds.query(`SELECT id FROM problem_reminders WHERE problem_id = $1 AND id <> $2`, [problem.id, id])).toEqual([]);
    at('2026-03-16T00:30:00Z');
    await worker.scan();
    await waitFor(async () => ((await ds.query(`SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'problem_escalation'`, [financeEditorUser.id])).length === 1 ? true : undefined), {
      what: 'step 1 counted from the acceptance',
    });
    // Suspended (挂起), it climbs no more.
    const suspended = await api('POST', `/coordination-problems/${problem.id}/suspend`, unitEditor, { comment: '等待年度预算调整' }, { 'if-match': '"2"' });
    expect(suspended.statusCode).toBe(200);
    at('2026-03-23T00:30:00Z');
    await worker.scan();
    expect(await ds.query(`SELECT step FROM problem_reminders WHERE problem_id = $1 AND step > 1`, [problem.id])).toEqual([]);
  });
});
