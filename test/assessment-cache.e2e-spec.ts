import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, FIXED_NOW, Portfolio } from './weekly-report.fixture';

/**
 * Each API process keeps the warning lights it has worked out (libs/reporting AssessmentCache) and re-assesses
 * only projects whose state version the database bumped. What a user must never see is a light older than the
 * last committed write — whoever wrote it: this process, another API process, or a hand-run UPDATE. Every check
 * compares a process with a warm cache against one started afterwards (nothing cached), on the same database.
 * Portfolio: weekly-report.fixture.ts, today Wednesday 2026-11-25.
 */
describe('warning lights from the assessment cache stay current with every committed write', () => {
  let database: TestDatabase;
  let portfolio: Portfolio;
  const apps: NestFastifyApplication[] = [];
  let warm: NestFastifyApplication;
  let other: NestFastifyApplication;

  const startApp = async () => {
    const app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    apps.push(app);
    return app;
  };
  const sessions = new Map<NestFastifyApplication, { authorization: string }>();
  const supervisorOf = async (app: NestFastifyApplication) => {
    if (!sessions.has(app)) sessions.set(app, await signIn(app, portfolio.users.supervisor.username));
    return sessions.get(app)!;
  };
  const get = async (app: NestFastifyApplication, url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: await supervisorOf(app) });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const VIEWS = [
    '/api/v1/warning-lights/projects?pageSize=100',
    '/api/v1/projects?pageSize=100',
    '/api/v1/projects?light=red&pageSize=100',
    '/api/v1/supervision/summary?by=ownerUnit',
    '/api/v1/supervision/trends?pageSize=100',
  ];
  /** What a process started now, with nothing cached, answers. */
  const coldAnswers = async () => {
    const cold = await startApp();
    await supervisorOf(cold);
    const answers = await Promise.all(VIEWS.map((url) => get(cold, url)));
    await cold.close();
    apps.splice(apps.indexOf(cold), 1);
    return answers;
  };
  const expectCurrent = async (app: NestFastifyApplication) => {
    const warmAnswers = await Promise.all(VIEWS.map((url) => get(app, url)));
    expect(warmAnswers).toEqual(await coldAnswers());
    return warmAnswers;
  };
  const lightOf = async (app: NestFastifyApplication, projectId: string) =>
    (await get(app, '/api/v1/warning-lights/projects?pageSize=100')).items.find((item: { projectId: string }) => item.projectId === projectId);

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    warm = await startApp();
    other = await startApp();
    // Warm both caches.
    await Promise.all(VIEWS.flatMap((url) => [get(warm, url), get(other, url)]));
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await database?.drop();
  });

  it('answers a warm request as a cold process does', async () => {
    await expectCurrent(warm);
    expect(await lightOf(warm, portfolio.projects.P4.id)).toMatchObject({ light: 'red', worstWorkingDaysLate: 18 });
  });

  it('sees a hand-run UPDATE of milestones at once (the database bumps the project, not the app)', async () => {
    await database.dataSource.query(`UPDATE milestones SET status = 'done', actual_date = '2026-11-20' WHERE project_id = $1 AND status = 'pending'`, [
      portfolio.projects.P4.id,
    ]);
    await expectCurrent(warm);
    expect(await lightOf(warm, portfolio.projects.P4.id)).toMatchObject({ overdueCount: 0, worstWorkingDaysLate: 0 });
    expect((await lightOf(warm, portfolio.projects.P4.id)).light).not.toBe('red');
  });

  it("sees another process's write through the API at once", async () => {
    const editor = await signIn(other, portfolio.users.admin.username);
    const milestone = portfolio.milestones.P2m1;
    const current = await other.inject({ method: 'GET', url: `/api/v1/milestones/${milestone.id}`, headers: editor });
    expect(current.statusCode).toBe(200);
    const moved = await other.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestone.id}`,
      headers: { ...editor, 'if-match': current.headers.etag as string },
      payload: { actualDate: '2026-11-24' },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'done' });
    await expectCurrent(warm);
  });

  it('sees a renamed owner unit and a changed rule at once', async () => {
    await database.dataSource.query(`UPDATE departments SET name = '区住房和城乡建设局（更名）' WHERE id = $1`, [portfolio.units.A.id]);
    const answers = await expectCurrent(warm);
    expect(JSON.stringify(answers)).toContain('区住房和城乡建设局（更名）');

    const admin = await signIn(other, portfolio.users.admin.username);
    const rules = await other.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: admin });
    const changed = await other.inject({
      method: 'PUT',
      url: '/api/v1/warning-light-rules',
      headers: { ...admin, 'if-match': rules.headers.etag as string },
      payload: { baselineSlipWorkingDays: rules.json().baselineSlipWorkingDays, progressLagPoints: rules.json().progressLagPoints, dueSoonWorkingDays: 60 },
    });
    expect(changed.statusCode).toBe(200);
    const before = (await get(other, '/api/v1/supervision/summary?by=light')).totals;
    await expectCurrent(warm);
    expect((await get(warm, '/api/v1/supervision/summary?by=light')).totals).toEqual(before);
  });

  it('sees hand-run investment writes at once when the investment rule is on (the tables bump their project)', async () => {
    const admin = await signIn(other, portfolio.users.admin.username);
    const rules = await other.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: admin });
    const { dueSoonWorkingDays, baselineSlipWorkingDays, progressLagPoints } = rules.json();
    const on = await other.inject({
      method: 'PUT',
      url: '/api/v1/warning-light-rules',
      headers: { ...admin, 'if-match': rules.headers.etag as string },
      payload: { dueSoonWorkingDays, baselineSlipWorkingDays, progressLagPoints, investmentRuleEnabled: true, startRuleEnabled: true },
    });
    expect(on.statusCode).toBe(200);
    const { P5, P7 } = portfolio.projects;
    await expectCurrent(warm);
    // P7 (谋划, no plan): no investment light; a plan set by SQL makes it red (nothing completed by October).
    expect((await lightOf(warm, P7.id)).investment).toBeNull();
    await database.dataSource.query(`INSERT INTO project_annual_plans (project_id, year, amount_yuan) VALUES ($1, 2026, 1200000)`, [P7.id]);
    await expectCurrent(warm);
    expect(await lightOf(warm, P7.id)).toMatchObject({ light: 'red', reasons: ['investment_lag'], investment: { completedYuan: '0' } });
    // A month's figure by SQL clears it; deleting it brings it back.
    await database.dataSource.query(`INSERT INTO project_monthly_investments (project_id, month, amount_yuan) VALUES ($1, '2026-09', 1200000)`, [P7.id]);
    await expectCurrent(warm);
    expect(await lightOf(warm, P7.id)).toMatchObject({ investment: { completedYuan: '1200000', light: 'green' } });
    await database.dataSource.query(`DELETE FROM project_monthly_investments WHERE project_id = $1`, [P7.id]);
    await expectCurrent(warm);
    expect((await lightOf(warm, P7.id)).investment).toMatchObject({ light: 'red' });
    // P5 is 竣工: the investment rule does not apply to it whatever its figures.
    await database.dataSource.query(`UPDATE project_annual_plans SET amount_yuan = 999999999 WHERE project_id = $1`, [P5.id]);
    await expectCurrent(warm);
    expect((await lightOf(warm, P5.id)).investment).toBeNull();
  });

  it('sees a hand-run write to the problem ledger at once when the open-problems rule is on', async () => {
    const admin = await signIn(other, portfolio.users.admin.username);
    const rules = await other.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: admin });
    const { dueSoonWorkingDays, baselineSlipWorkingDays, progressLagPoints } = rules.json();
    const on = await other.inject({
      method: 'PUT',
      url: '/api/v1/warning-light-rules',
      headers: { ...admin, 'if-match': rules.headers.etag as string },
      payload: { dueSoonWorkingDays, baselineSlipWorkingDays, progressLagPoints, problemRuleEnabled: true },
    });
    expect(on.statusCode).toBe(200);
    const { P5 } = portfolio.projects;
    await expectCurrent(warm);
    expect((await lightOf(warm, P5.id)).problems).toBeNull();
    const [{ id }] = await database.dataSource.query(
      `INSERT INTO coordination_problems (year, sequence, project_id, raising_department_id, type_code, title, need, needed_by_date, raised_by_id, raised_at, last_moved_at)
       VALUES (2026, 901, $1, $2, 'funding', '配套资金未到位', '请区财政局协调', '2026-12-31', $3, '2026-11-02T09:00:00+08:00', '2026-11-02T09:00:00+08:00') RETURNING id`,
      [P5.id, portfolio.units.C.id, portfolio.users.admin.id],
    );
    await expectCurrent(warm);
    expect(await lightOf(warm, P5.id)).toMatchObject({ light: 'red', reasons: ['problem_overdue'], problems: { oldestRaisedDate: '2026-11-02', oldestWorkingDaysOpen: 17 } });
    await database.dataSource.query(`UPDATE coordination_problems SET state = 'closed', closed_at = now() WHERE id = $1`, [id]);
    await expectCurrent(warm);
    expect(await lightOf(warm, P5.id)).toMatchObject({ light: 'green', problems: null });
  });

  it('gives twenty requests arriving together on a cold cache the same answer', async () => {
    const cold = await startApp();
    await supervisorOf(cold);
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(cold, '/api/v1/warning-lights/projects?pageSize=100')));
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toEqual(await get(warm, '/api/v1/warning-lights/projects?pageSize=100'));
  });
});
