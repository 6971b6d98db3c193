import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, createApiKey, FIXED_NOW, Portfolio, TODAY } from './weekly-report.fixture';

/** Today is Wednesday 2026-11-25 (see weekly-report.fixture.ts for the portfolio and the hand-worked figures). */
describe('warning lights (红黄绿灯): rules editable by admin, lights of projects today', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let admin: { authorization: string };
  let supervisor: { authorization: string };
  let editor: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    admin = await signIn(app, portfolio.users.admin.username);
    supervisor = await signIn(app, portfolio.users.supervisor.username);
    editor = await signIn(app, portfolio.users.editor.username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lists every live project with its light today, worst first', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/warning-lights/projects', headers: supervisor });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ asOf: TODAY, total: 6, page: 1 });
    // Red by days late: P4 18, P2 9, P3 1; then green in plan order (专栏2: P1; 专栏8: P5, P7). P6 is cancelled.
    expect(body.items.map((item: { name: string; light: string; worstWorkingDaysLate: number }) => [item.name, item.light, item.worstWorkingDaysLate])).toEqual([
      ['学府路道路拓宽改造工程', 'red', 18],
      ['玉泉变 220 千伏变电站工程', 'red', 9],
      ['玉祥·安泽园（范家营棚改回迁房）项目', 'red', 1],
      ['昭君路小学新建项目', 'green', 0],
      ['片区综合管网更新改造工程', 'green', 0],
      ['未明确责任单位的测试学校项目', 'green', 0],
    ]);
    // P1: 序时进度 Mar 1 → Nov 25 = 269 of 365 days = 73.70 %, against 60.00: lag 13.70, not more than 15.
    expect(body.items[3]).toMatchObject({ progress: { expectedPercent: '73.70', actualPercent: '60.00', lagPoints: '13.70', lagging: false }, scheduleIndex: 1 });

    const red = await app.inject({ method: 'GET', url: '/api/v1/warning-lights/projects?light=red&column=2&pageSize=1&page=2', headers: supervisor });
    expect(red.json()).toMatchObject({ total: 2, items: [{ name: '玉祥·安泽园（范家营棚改回迁房）项目' }] });
  });

  it("explains one project's light with its open milestones", async () => {
    const { P2 } = portfolio.projects;
    const response = await app.inject({ method: 'GET', url: `/api/v1/warning-lights/projects/${P2.id}`, headers: editor });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      asOf: TODAY,
      projectId: P2.id,
      light: 'red',
      reasons: ['milestone_overdue'],
      overdueCount: 2,
      worstWorkingDaysLate: 9,
      slipWorkingDays: 10,
      scheduleIndex: 0,
      progress: null,
      ownerUnit: { id: portfolio.units.A.id, name: '区住房和城乡建设局' },
      column: { number: 8, title: '基础设施建设重点工程' },
      openMilestones: [
        { id: portfolio.milestones.P2m1.id, light: 'red', workingDaysLate: 9, slipWorkingDays: 10, workingDaysUntilDue: null },
        { id: portfolio.milestones.P2m2.id, light: 'red', workingDaysLate: 6, slipWorkingDays: 0 },
        { id: portfolio.milestones.P2m3.id, light: 'green', workingDaysLate: null, reasons: [] },
      ],
    });
    const missing = await app.inject({ method: 'GET', url: '/api/v1/warning-lights/projects/00000000-0000-4000-8000-000000000000', headers: editor });
    expect(missing.statusCode).toBe(404);
    const malformed = await app.inject({ method: 'GET', url: '/api/v1/warning-lights/projects/not-a-uuid', headers: editor });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ details: [{ field: 'projectId' }] });
  });

  it('reads the rules with their text; an API key needs reports:read', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: supervisor });
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe('"1"');
    expect(response.json()).toMatchObject({ dueSoonWorkingDays: 5, baselineSlipWorkingDays: 10, progressLagPoints: 15, version: 1, updatedByName: null });
    expect(response.json().text[1]).toContain('5 个工作日内到期');

    const key = await createApiKey(database.dataSource, ['reports:read']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: { 'x-api-key': key } })).statusCode).toBe(200);
    const other = await createApiKey(database.dataSource, ['projects:read']);
    expect((await app.inject({ method: 'GET', url: '/api/v1/warning-light-rules', headers: { 'x-api-key': other } })).statusCode).toBe(403);
  });

  it('lets only an admin change the rules, with If-Match (428 without, 412 when stale), audited; lights follow at once', async () => {
    const body = { dueSoonWorkingDays: 5, baselineSlipWorkingDays: 50, progressLagPoints: 10 };
    const bySupervisor = await app.inject({ method: 'PUT', url: '/api/v1/warning-light-rules', headers: { ...supervisor, 'if-match': '"1"' }, payload: body });
    expect(bySupervisor.statusCode).toBe(403);
    const withoutVersion = await app.inject({ method: 'PUT', url: '/api/v1/warning-light-rules', headers: admin, payload: body });
    expect(withoutVersion.statusCode).toBe(428);
    const stale = await app.inject({ method: 'PUT', url: '/api/v1/warning-light-rules', headers: { ...admin, 'if-match': '"7"' }, payload: body });
    expect(stale.statusCode).toBe(412);
    const invalid = await app.inject({ method: 'PUT', url: '/api/v1/warning-light-rules', headers: { ...admin, 'if-match': '"1"' }, payload: { ...body, progressLagPoints: 101 } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'progressLagPoints' }] });

    const changed = await app.inject({ method: 'PUT', url: '/api/v1/warning-light-rules', headers: { ...admin, 'if-match': '"1"' }, payload: body });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({ ...body, version: 2, updatedByName: portfolio.users.admin.username });
    const [audit] = await database.dataSource.query(`SELECT action, before, after FROM audit_log WHERE entity_type = 'warning_light_rules'`);
    expect(audit).toMatchObject({ action: 'update', before: { progressLagPoints: 15, version: 1 }, after: { progressLagPoints: 10, version: 2 } });

    // P1's lag of 13.70 points is now more than P = 10: yellow. P4's slip of 34 working days is no longer more than M = 50.
    const p1 = await app.inject({ method: 'GET', url: `/api/v1/warning-lights/projects/${portfolio.projects.P1.id}`, headers: supervisor });
    expect(p1.json()).toMatchObject({ light: 'yellow', reasons: ['progress_lag'] });
    const p4 = await app.inject({ method: 'GET', url: `/api/v1/warning-lights/projects/${portfolio.projects.P4.id}`, headers: supervisor });
    expect(p4.json()).toMatchObject({ light: 'red', reasons: ['milestone_overdue'], slipWorkingDays: 34 });
  });
});
