import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createDepartment, createMilestone, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * Lights on more than dates (#12 part 4): 开工, investment and open problems (问题台账), each switched on by the admin in 规则设置, each
 * turning a project red with its reason (code and sentence) in the lights API and the project list.
 * Today is Wednesday 2026-11-25 (November 2026 has no holiday); the latest month end is 2026-10-31.
 */
describe('light rules beyond dates: 开工, investment and open problems', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let admin: { authorization: string };
  let editor: { authorization: string };
  let supervisor: { authorization: string };
  const ids: Record<string, string> = {};

  const light = async (projectId: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/warning-lights/projects/${projectId}`, headers: supervisor });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const putRules = async (changes: Record<string, unknown>) => {
    const current = await app.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: admin });
    const { dueSoonWorkingDays, baselineSlipWorkingDays, progressLagPoints } = current.json();
    return app.inject({
      method: 'PUT',
      url: '/api/v1/warning-light-rules',
      headers: { ...admin, 'if-match': current.headers.etag as string },
      payload: { dueSoonWorkingDays, baselineSlipWorkingDays, progressLagPoints, ...changes },
    });
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const ds = database.dataSource;
    const unit = await createDepartment(ds, { name: '区城市管理局' });
    admin = await signIn(app = await createTestApp(database, { KPT_FIXED_NOW: '2026-11-25T10:00:00+08:00' }), (await createUser(ds, 'admin')).username);
    editor = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: unit.id })).username);
    supervisor = await signIn(app, (await createUser(ds, 'supervisor')).username);
    const project = async (name: string, overrides: Record<string, unknown>) =>
      (await createProject(ds, { name, ownerDepartmentId: unit.id, plannedStartDate: null, plannedEndDate: null, ...overrides })).id;
    ids.notStarted = await project('青山路改造工程', { status: 'preparation', plannedStartDate: '2026-11-02', plannedEndDate: '2027-12-31' });
    ids.startMilestone = await project('南湖公园提升工程', { status: 'preparation' });
    await createMilestone(ds, ids.startMilestone, { kind: 'construction_start', plannedDate: '2026-11-20' });
    ids.started = await project('西站片区道路工程', { status: 'under_construction', plannedStartDate: '2026-11-02' });
    ids.behind = await project('城东供热管网工程', { status: 'under_construction' });
    ids.exact = await project('城西雨污分流工程', { status: 'under_construction' });
    ids.problem = await project('北郊污水处理厂扩建工程', { status: 'under_construction' });
    ids.helper = (await createDepartment(ds, { name: '区自然资源局' })).id;
    // Plan 12,000,000 yuan for 2026; by the end of October 10/12 of it (10,000,000) is expected.
    for (const id of [ids.behind, ids.exact]) await ds.query(`INSERT INTO project_annual_plans (project_id, year, amount_yuan) VALUES ($1, 2026, 12000000)`, [id]);
    await ds.query(
      `INSERT INTO project_monthly_investments (project_id, month, amount_yuan) VALUES
         ($1, '2026-03', 2000000), ($1, '2026-11', 9000000), ($1, '2025-12', 9000000),
         ($2, '2026-05', 7600000)`,
      [ids.behind, ids.exact],
    );
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('leaves the new rules off until the admin switches them on', async () => {
    const rules = await app.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: supervisor });
    expect(rules.json()).toMatchObject({ startRuleEnabled: false, investmentRuleEnabled: false, startRedWorkingDays: 10, investmentRedPoints: 20 });
    expect(await light(ids.notStarted)).toMatchObject({ light: 'green', reasons: [], start: null, investment: null, details: [] });
    expect(await light(ids.behind)).toMatchObject({ light: 'green', investment: null });
  });

  it('refuses a red threshold below the yellow one, field by field', async () => {
    const response = await putRules({ startRuleEnabled: true, startYellowWorkingDays: 5, startRedWorkingDays: 3, investmentYellowPoints: 30, investmentRedPoints: 20 });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((detail: { field: string }) => detail.field).sort()).toEqual(['investmentRedPoints', 'startRedWorkingDays']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: admin })).json()).toMatchObject({ version: 1, startRuleEnabled: false });
  });

  it('开工: a 前期 project past its planned start turns red with its reason; a started one does not', async () => {
    const response = await putRules({ startRuleEnabled: true });
    expect(response.statusCode).toBe(200);
    expect(response.json().text.join('')).toContain('开工：谋划、前期项目过计划开工日期');
    // (11-02, 11-25] = 17 working days > 10: red.
    expect(await light(ids.notStarted)).toMatchObject({
      light: 'red',
      reasons: ['start_overdue'],
      start: { plannedStartDate: '2026-11-02', source: 'project', workingDaysLate: 17, light: 'red' },
      details: ['红灯：未按计划开工——项目计划开工 2026-11-02，已过 17 个工作日仍未开工'],
    });
    // The 开工 milestone's date counts: 3 working days late is yellow for the rule, and red for the overdue milestone.
    expect(await light(ids.startMilestone)).toMatchObject({
      light: 'red',
      reasons: ['milestone_overdue', 'start_overdue'],
      start: { plannedStartDate: '2026-11-20', source: 'milestone', workingDaysLate: 3, light: 'yellow' },
    });
    expect(await light(ids.started)).toMatchObject({ light: 'green', start: null });

    // The list shows the same light with the sentence for the tooltip, and the light filter finds it.
    const list = await app.inject({ method: 'GET', url: '/api/v1/projects?light=red&pageSize=100', headers: editor });
    const row = list.json().items.find((item: { id: string }) => item.id === ids.notStarted);
    expect(row.warning).toMatchObject({ light: 'red', reasons: ['start_overdue'], details: ['红灯：未按计划开工——项目计划开工 2026-11-02，已过 17 个工作日仍未开工'] });

    // Recording the start clears it at once.
    await database.dataSource.query(`UPDATE projects SET status = 'under_construction' WHERE id = $1`, [ids.notStarted]);
    expect(await light(ids.notStarted)).toMatchObject({ light: 'green', start: null });
  });

  it('investment: completed investment behind the year\'s plan at the month end turns red, compared exactly', async () => {
    expect((await putRules({ investmentRuleEnabled: true })).statusCode).toBe(200);
    // 2,000,000 of 12,000,000 by October (November's 9,000,000 and last December's are not counted): 16.67 % vs 83.33 %.
    expect(await light(ids.behind)).toMatchObject({
      light: 'red',
      reasons: ['investment_lag'],
      investment: { year: 2026, month: '2026-10', planYuan: '12000000', completedYuan: '2000000', expectedPercent: '83.33', actualPercent: '16.67', lagPoints: '66.67', light: 'red' },
      details: ['红灯：投资完成滞后——截至 2026-10 月末完成 200 万元，占年度计划 1200 万元的 16.67%，序时 83.33%，落后 66.67 个百分点'],
    });
    // 7,600,000 is exactly 20.00 points behind: not more than 20, so yellow; one yuan less is red.
    expect(await light(ids.exact)).toMatchObject({ light: 'yellow', reasons: ['investment_lag'], investment: { lagPoints: '20.00', light: 'yellow' } });
    await database.dataSource.query(`UPDATE project_monthly_investments SET amount_yuan = 7599999 WHERE project_id = $1`, [ids.exact]);
    expect(await light(ids.exact)).toMatchObject({ light: 'red', investment: { light: 'red' } });

    // The unit enters October's figure through the API: the light follows at once.
    const put = await app.inject({ method: 'PUT', url: `/api/v1/projects/${ids.behind}/investment/monthly/2026-10`, headers: editor, payload: { amountWan: '700' } });
    expect(put.statusCode).toBe(200);
    expect(await light(ids.behind)).toMatchObject({ light: 'green', reasons: [], investment: { completedYuan: '9000000', lagPoints: '8.33', light: 'green' } });

    // Switched off again: no investment light at all.
    expect((await putRules({ investmentRuleEnabled: false })).statusCode).toBe(200);
    expect(await light(ids.exact)).toMatchObject({ light: 'green', investment: null });
  });

  it('open problems: a problem open more than N working days turns the project red with its reason; 销号 clears it', async () => {
    const raise = await app.inject({
      method: 'POST',
      url: '/api/v1/coordination-problems',
      headers: editor,
      payload: { projectId: ids.problem, typeCode: 'land', coordinatingUnitIds: [ids.helper], neededByDate: '2026-12-31', title: '用地指标未落实', need: '请区自然资源局协调用地指标' },
    });
    expect(raise.statusCode).toBe(201);
    const problemId = raise.json().id;
    // Raised today: off by default, and a new problem is green even when the rule is on.
    expect(await light(ids.problem)).toMatchObject({ light: 'green', problems: null });
    expect((await putRules({ problemRuleEnabled: true })).statusCode).toBe(200);
    expect(await light(ids.problem)).toMatchObject({ light: 'green', problems: { openCount: 1, agedCount: 0, oldestWorkingDaysOpen: 0, light: 'green' } });

    // As if raised on Tue 11-10: (11-10, 11-25] = 11 working days > 10 → red.
    await database.dataSource.query(`UPDATE coordination_problems SET raised_at = '2026-11-10T09:00:00+08:00' WHERE id = $1`, [problemId]);
    expect(await light(ids.problem)).toMatchObject({
      light: 'red',
      reasons: ['problem_overdue'],
      problems: { openCount: 1, agedCount: 1, oldestRaisedDate: '2026-11-10', oldestWorkingDaysOpen: 11, light: 'red' },
      details: ['红灯：问题久拖未决——1 个问题未解决，最早 2026-11-10 提出，已 11 个工作日'],
    });
    // Thresholds follow the admin: red only beyond 15 working days.
    expect((await putRules({ problemRedWorkingDays: 15 })).statusCode).toBe(200);
    expect(await light(ids.problem)).toMatchObject({ light: 'yellow', reasons: ['problem_overdue'] });
    expect((await putRules({ problemYellowWorkingDays: 20 })).json()).toMatchObject({ statusCode: 400, details: [{ field: 'problemRedWorkingDays' }] });

    // 挂起 takes it off the light (suspended problems do not count as open).
    await database.dataSource.query(`UPDATE coordination_problems SET state = 'suspended', suspended_from_state = state WHERE id = $1`, [problemId]);
    expect(await light(ids.problem)).toMatchObject({ light: 'green', problems: null });
  });
});
