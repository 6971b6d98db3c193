import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createMilestone, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, createApiKey, FIXED_NOW, Portfolio, REPORT_WEEK, TODAY } from './weekly-report.fixture';

/**
 * 督查室 views, today = Wednesday 2026-11-25 (portfolio and hand-worked figures in weekly-report.fixture.ts).
 * Overdue today: P4m1 (10-30) 18 working days late, P2m1 (11-12) 9, P2m2 (11-17) 6, P3m2 (11-24) 1.
 * Lights today: red P2, P3, P4; green P1 (m4 done 11-23), P5, P7; P6 is cancelled.
 */
describe('supervision views: overdue milestones, lights by bucket, week-on-week trends', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let supervisor: { authorization: string };
  let viewer: { authorization: string };
  let editor: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    supervisor = await signIn(app, portfolio.users.supervisor.username);
    viewer = await signIn(app, portfolio.users.viewer.username);
    editor = await signIn(app, portfolio.users.editor.username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const names = (items: Array<{ projectName: string; milestoneName: string; workingDaysLate: number }>) =>
    items.map((item) => [item.projectName, item.milestoneName, item.workingDaysLate]);

  it('lists overdue milestones, most working days late first, with project, owner unit and column', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue', headers: supervisor });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ asOf: TODAY, total: 4, page: 1, pageSize: 20 });
    expect(names(body.items)).toEqual([
      ['学府路道路拓宽改造工程', '可研批复', 18],
      ['玉泉变 220 千伏变电站工程', '施工许可', 9],
      ['玉泉变 220 千伏变电站工程', '开工', 6],
      ['玉祥·安泽园（范家营棚改回迁房）项目', '交付', 1],
    ]);
    expect(body.items[0]).toEqual({
      milestoneId: portfolio.milestones.P4m1.id,
      milestoneName: '可研批复',
      milestoneKind: 'feasibility_approval',
      plannedDate: '2026-10-30',
      baselineDate: '2026-10-01',
      workingDaysLate: 18,
      workingDaysSlipped: 18, // (10-01, 10-30]: 8, 9, 10 (调休 Saturday), 12–16, 19–23, 26–30 — National Day off
      isKeyMilestone: false,
      projectId: portfolio.projects.P4.id,
      projectName: '学府路道路拓宽改造工程',
      projectKind: 'road',
      projectStatus: 'preparation',
      column: { number: 2, title: '民生保障重点工程' },
      ownerUnit: { id: portfolio.units.A.id, name: '区住房和城乡建设局' },
      leadOfficial: null,
    });
    // 开工 is a key milestone (关键节点).
    expect(body.items[2]).toMatchObject({ milestoneName: '开工', isKeyMilestone: true });
  });

  it('keeps the overdue milestones at least N working days late (minWorkingDaysLate), and names the lead official', async () => {
    const get = async (query: string) => (await app.inject({ method: 'GET', url: `/api/v1/supervision/overdue?${query}`, headers: supervisor })).json();
    const lateness = async (n: number) => (await get(`minWorkingDaysLate=${n}`)).items.map((item: { workingDaysLate: number }) => item.workingDaysLate);
    await expect(lateness(1)).resolves.toEqual([18, 9, 6, 1]);
    await expect(lateness(6)).resolves.toEqual([18, 9, 6]);
    await expect(lateness(7)).resolves.toEqual([18, 9]);
    await expect(lateness(9)).resolves.toEqual([18, 9]);
    await expect(lateness(10)).resolves.toEqual([18]);
    await expect(lateness(19)).resolves.toEqual([]);
    expect((await get('minWorkingDaysLate=7')).total).toBe(2);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue?minWorkingDaysLate=0', headers: supervisor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ details: [{ field: 'minWorkingDaysLate' }] });

    const lead = await createUser(database.dataSource, 'leader', { displayName: '王某某（副区长）' });
    await database.dataSource.query(`UPDATE projects SET lead_official = '李某', lead_official_user_id = $2 WHERE id = $1`, [portfolio.projects.P2.id, lead.id]);
    await database.dataSource.query(`UPDATE projects SET lead_official = '张某（区长助理）' WHERE id = $1`, [portfolio.projects.P4.id]);
    const items = (await get('')).items;
    expect(items.map((item: { leadOfficial: string | null }) => item.leadOfficial)).toEqual(['张某（区长助理）', '王某某（副区长）', '王某某（副区长）', null]);
    await database.dataSource.query(`UPDATE projects SET lead_official = NULL, lead_official_user_id = NULL WHERE id = ANY($1)`, [[portfolio.projects.P2.id, portfolio.projects.P4.id]]);
  });

  it('filters the overdue list by column, owner unit and kind, and pages it', async () => {
    const get = async (query: string) => (await app.inject({ method: 'GET', url: `/api/v1/supervision/overdue?${query}`, headers: viewer })).json();
    expect(names((await get(`ownerUnit=${portfolio.units.A.id}`)).items).map((row) => row[2])).toEqual([18, 9, 6]);
    expect(names((await get('column=8')).items).map((row) => row[1])).toEqual(['施工许可', '开工']);
    expect(names((await get('kind=resettlement_housing')).items)).toEqual([['玉祥·安泽园（范家营棚改回迁房）项目', '交付', 1]]);
    const page2 = await get('pageSize=3&page=2');
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(names(page2.items)).toEqual([['玉祥·安泽园（范家营棚改回迁房）项目', '交付', 1]]);
    const bad = await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue?kind=castle&ownerUnit=x', headers: viewer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.map((detail: { field: string }) => detail.field).sort()).toEqual(['kind', 'ownerUnit']);
  });

  it("gives a department editor its own unit's overdue list by default, and the district's with scope=all", async () => {
    // The fixture's editor belongs to unit A.
    const own = await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue', headers: editor });
    expect(own.statusCode).toBe(200);
    expect(own.json().total).toBe(3);
    expect(own.json().items.map((item: { ownerUnit: { id: string } }) => item.ownerUnit.id)).toEqual(Array(3).fill(portfolio.units.A.id));
    const district = (await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue?scope=all', headers: editor })).json();
    expect(district.total).toBe(4);
    const otherUnit = await app.inject({ method: 'GET', url: `/api/v1/supervision/overdue?ownerUnit=${portfolio.units.C.id}`, headers: editor });
    expect(otherUnit.statusCode).toBe(400);
    expect(otherUnit.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'ownerUnit' }] });
    const otherUnitAll = (await app.inject({ method: 'GET', url: `/api/v1/supervision/overdue?scope=all&ownerUnit=${portfolio.units.C.id}`, headers: editor })).json();
    expect(otherUnitAll.total).toBe(1);
    // The supervisor has no unit: the district by default, and scope=unit is a 400 that says why.
    expect((await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue', headers: supervisor })).json().total).toBe(4);
    const noUnit = await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue?scope=unit', headers: supervisor });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json()).toMatchObject({ details: [{ field: 'scope' }] });
  });

  it('counts projects by light within each bucket', async () => {
    const summary = async (by: string, extra = '') => (await app.inject({ method: 'GET', url: `/api/v1/supervision/summary?by=${by}${extra}`, headers: supervisor })).json();
    const counts = (body: { buckets: Array<{ key: string | null; label: string; red: number; yellow: number; green: number; total: number }> }) =>
      body.buckets.map((b) => [b.key, b.label, b.red, b.yellow, b.green, b.total]);

    const byUnit = await summary('ownerUnit');
    expect(byUnit).toMatchObject({ asOf: TODAY, by: 'ownerUnit', totals: { red: 3, yellow: 0, green: 3, total: 6 } });
    expect(counts(byUnit)).toEqual([
      [portfolio.units.B.id, '区教育局', 0, 0, 1, 1],
      [portfolio.units.A.id, '区住房和城乡建设局', 2, 0, 0, 2],
      [portfolio.units.C.id, '小召前街街道', 1, 0, 1, 2],
      [null, '未明确责任单位', 0, 0, 1, 1],
    ]);
    expect(counts(await summary('column'))).toEqual([
      ['2', '专栏2 民生保障重点工程', 2, 0, 1, 3],
      ['8', '专栏8 基础设施建设重点工程', 1, 0, 2, 3],
    ]);
    expect(counts(await summary('group'))).toEqual([
      ['2.1', '专栏2 1.教育和道路工程', 1, 0, 1, 2],
      ['2.2', '专栏2 2.棚户区改造工程', 1, 0, 0, 1],
      ['8.3', '专栏8 3.能源基础设施建设工程', 1, 0, 2, 3],
    ]);
    expect(counts(await summary('kind'))).toEqual([
      ['substation', '变电站/输变电', 1, 0, 0, 1],
      ['school', '学校/幼儿园', 0, 0, 2, 2],
      ['pipe_network', '管网', 0, 0, 1, 1],
      ['road', '道路', 1, 0, 0, 1],
      ['resettlement_housing', '回迁房/棚改', 1, 0, 0, 1],
    ]);
    expect(counts(await summary('light'))).toEqual([
      ['red', '红灯', 3, 0, 0, 3],
      ['yellow', '黄灯', 0, 0, 0, 0],
      ['green', '绿灯', 0, 0, 3, 3],
    ]);
    expect(counts(await summary('light', '&column=8'))).toEqual([
      ['red', '红灯', 1, 0, 0, 1],
      ['yellow', '黄灯', 0, 0, 0, 0],
      ['green', '绿灯', 0, 0, 2, 2],
    ]);
    const missing = await app.inject({ method: 'GET', url: '/api/v1/supervision/summary', headers: supervisor });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ details: [{ field: 'by' }] });
  });

  // Last week = 2026-W47, as of Sunday 11-22: P1 1 overdue (m4, 1 day), P2 2 (worst 6), P4 1 (15); P3 none.
  // This week (today): P2 2 (worst 9), P3 1 (1), P4 1 (18); P1 none (m4 done 11-23).
  const expectedTrends = (p: Portfolio) => [
    [p.projects.P4.id, 'worse', { overdueCount: 1, worstWorkingDaysLate: 18 }, { overdueCount: 1, worstWorkingDaysLate: 15 }],
    [p.projects.P2.id, 'worse', { overdueCount: 2, worstWorkingDaysLate: 9 }, { overdueCount: 2, worstWorkingDaysLate: 6 }],
    [p.projects.P3.id, 'worse', { overdueCount: 1, worstWorkingDaysLate: 1 }, { overdueCount: 0, worstWorkingDaysLate: 0 }],
    [p.projects.P1.id, 'better', { overdueCount: 0, worstWorkingDaysLate: 0 }, { overdueCount: 1, worstWorkingDaysLate: 1 }],
  ];
  const trendRows = (body: { items: Array<{ projectId: string; trend: string; thisWeek: object; lastWeek: object }> }) =>
    body.items.map((item) => [item.projectId, item.trend, item.thisWeek, item.lastWeek]);

  it('compares late projects with last week, computed from dates when no report of last week is stored', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/supervision/trends', headers: supervisor });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      asOf: TODAY,
      lastWeek: { isoWeek: REPORT_WEEK, asOf: '2026-11-22', source: 'computed' },
      totals: { worse: 3, unchanged: 0, better: 1 },
      total: 4,
    });
    expect(trendRows(body)).toEqual(expectedTrends(portfolio));
    expect(body.items[0]).toMatchObject({ projectName: '学府路道路拓宽改造工程', projectKind: 'road', columnNumber: 2, ownerUnit: { id: portfolio.units.A.id } });
  });

  it("compares with the stored report of last week when there is one (what was reported then), even after later edits", async () => {
    const built = await app.inject({ method: 'POST', url: `/api/v1/reports/weekly/${REPORT_WEEK}/build`, headers: supervisor });
    expect(built.statusCode).toBe(201);
    const snapshot = (await app.inject({ method: 'GET', url: '/api/v1/supervision/trends', headers: supervisor })).json();
    expect(snapshot.lastWeek).toEqual({ isoWeek: REPORT_WEEK, asOf: '2026-11-22', source: 'snapshot' });
    expect(trendRows(snapshot)).toEqual(expectedTrends(portfolio));

    // P4m1 is recorded as done on 11-20: computed from dates, last week would no longer show P4 late; the snapshot still does.
    await database.dataSource.query(`UPDATE milestones SET status = 'done', actual_date = '2026-11-20' WHERE id = $1`, [portfolio.milestones.P4m1.id]);
    const after = (await app.inject({ method: 'GET', url: `/api/v1/supervision/trends?ownerUnit=${portfolio.units.A.id}`, headers: supervisor })).json();
    expect(after).toMatchObject({ totals: { worse: 1, unchanged: 0, better: 1 }, total: 2 });
    expect(trendRows(after)).toEqual([
      [portfolio.projects.P2.id, 'worse', { overdueCount: 2, worstWorkingDaysLate: 9 }, { overdueCount: 2, worstWorkingDaysLate: 6 }],
      [portfolio.projects.P4.id, 'better', { overdueCount: 0, worstWorkingDaysLate: 0 }, { overdueCount: 1, worstWorkingDaysLate: 15 }],
    ]);
  });

  it('does not call a project worse for one more overdue milestone while it is no more working days late', async () => {
    // After the test above: the W47 snapshot is stored, P2 was late there with 2 overdue, worst 6 working days (P2m1).
    // P2m1 is done on 11-24; two milestones fell due on 11-23 and 11-24: today P2 has 3 overdue, the worst P2m2 at 6 days.
    const { P2m1 } = portfolio.milestones;
    await database.dataSource.query(`UPDATE milestones SET status = 'done', actual_date = '2026-11-24' WHERE id = $1`, [P2m1.id]);
    await createMilestone(database.dataSource, portfolio.projects.P2.id, { kind: 'custom', name: '管线迁改', plannedDate: '2026-11-23' });
    await createMilestone(database.dataSource, portfolio.projects.P2.id, { kind: 'custom', name: '临电接入', plannedDate: '2026-11-24' });
    const body = (await app.inject({ method: 'GET', url: `/api/v1/supervision/trends?ownerUnit=${portfolio.units.A.id}`, headers: supervisor })).json();
    expect(trendRows(body)).toEqual([
      [portfolio.projects.P2.id, 'unchanged', { overdueCount: 3, worstWorkingDaysLate: 6 }, { overdueCount: 2, worstWorkingDaysLate: 6 }],
      [portfolio.projects.P4.id, 'better', { overdueCount: 0, worstWorkingDaysLate: 0 }, { overdueCount: 1, worstWorkingDaysLate: 15 }],
    ]);
  });

  it('is for supervisors, admins, viewers, leaders and reports:read keys; editors only read the overdue list', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/supervision/summary?by=light', headers: editor })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/supervision/trends', headers: editor })).statusCode).toBe(403);
    const leader = await signIn(app, (await createUser(database.dataSource, 'leader')).username);
    for (const url of ['/api/v1/supervision/overdue', '/api/v1/supervision/summary?by=light', '/api/v1/supervision/trends']) {
      expect((await app.inject({ method: 'GET', url, headers: leader })).statusCode).toBe(200);
    }
    const reader = await createApiKey(database.dataSource, ['reports:read']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/supervision/summary?by=light', headers: { 'x-api-key': reader } })).statusCode).toBe(200);
    const other = await createApiKey(database.dataSource, ['audit:read']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/supervision/trends', headers: { 'x-api-key': other } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/supervision/overdue' })).statusCode).toBe(401);
  });
});
