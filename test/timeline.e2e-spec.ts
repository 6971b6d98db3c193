import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, createApiKey, FIXED_NOW, Portfolio, TODAY } from './weekly-report.fixture';

/**
 * 挂图作战 (GET /api/v1/timeline): a column's projects with all their milestones and today's lights in one read, the
 * lights equal to the project list's and the warning-light view's. Portfolio: weekly-report.fixture.ts, today 2026-11-25.
 */
describe('timeline: a column of projects with their milestones', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let viewer: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    viewer = await signIn(app, portfolio.users.viewer.username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (query: string, headers: Record<string, string> = viewer) => app.inject({ method: 'GET', url: `/api/v1/timeline${query}`, headers });

  it('answers the column asked for: live projects in plan order, every pending and done milestone, lights as the list has them', async () => {
    const response = await get('?column=2');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ asOf: TODAY, column: { number: 2, title: '民生保障重点工程' }, ownerUnit: null, projectCount: 3, milestoneCount: 8 });
    const { P1, P3, P4, P6 } = portfolio.projects;
    expect(body.projects.map((p: { id: string }) => p.id).sort()).toEqual([P1.id, P3.id, P4.id].sort());
    expect(body.projects.map((p: { id: string }) => p.id)).not.toContain(P6.id); // cancelled: not on the wall

    // The same order and lights as the project list of the column (plan order).
    const list = (await app.inject({ method: 'GET', url: '/api/v1/projects?column=2&status=planning,preparation,under_construction,completed,in_service,suspended', headers: viewer })).json();
    expect(body.projects.map((p: { id: string }) => p.id)).toEqual(list.items.map((p: { id: string }) => p.id));
    for (const project of body.projects) expect(project.warning).toEqual(list.items.find((p: { id: string }) => p.id === project.id).warning);

    const road = body.projects.find((p: { id: string }) => p.id === P4.id);
    expect(road).toMatchObject({ statusLabel: '前期', group: { number: 1, title: '教育和道路工程' }, ownerUnit: { id: portfolio.units.A.id, name: '区住房和城乡建设局' } });
    expect(road.milestones).toEqual([
      expect.objectContaining({ id: portfolio.milestones.P4m1.id, baselineDate: '2026-10-01', plannedDate: '2026-10-30', actualDate: null, light: 'red', reasons: ['milestone_overdue'], workingDaysLate: 18 }),
      expect.objectContaining({ id: portfolio.milestones.P4m2.id, plannedDate: '2026-12-18', light: 'yellow', reasons: ['milestone_slipped'], workingDaysLate: null }),
    ]);
    const school = body.projects.find((p: { id: string }) => p.id === P1.id);
    expect(school.milestones.map((m: { plannedDate: string }) => m.plannedDate)).toEqual(['2026-03-10', '2026-11-18', '2026-11-19', '2027-01-15']);
    expect(school.milestones.filter((m: { status: string }) => m.status === 'done').every((m: { light: string; actualDate: string }) => m.light === 'green' && m.actualDate)).toBe(true);
  });

  it('each open milestone has the light GET /warning-lights/projects/:id gives it; cancelled milestones stay off the axis', async () => {
    const body = (await get('?column=8')).json();
    expect(body).toMatchObject({ column: { number: 8 }, projectCount: 3, milestoneCount: 4 });
    const { P2, P5, P7 } = portfolio.projects;
    const substation = body.projects.find((p: { id: string }) => p.id === P2.id);
    const lights = (await app.inject({ method: 'GET', url: `/api/v1/warning-lights/projects/${P2.id}`, headers: viewer })).json();
    for (const open of lights.openMilestones) {
      expect(substation.milestones.find((m: { id: string }) => m.id === open.id)).toMatchObject({ light: open.light, reasons: open.reasons, workingDaysLate: open.workingDaysLate });
    }
    expect(body.projects.find((p: { id: string }) => p.id === P5.id).milestones.map((m: { name: string }) => m.name)).toEqual(['竣工验收']);
    expect(body.projects.find((p: { id: string }) => p.id === P7.id)).toMatchObject({ ownerUnit: null, milestones: [], warning: { light: 'green' } });
  });

  it('without a column shows the one with the most projects; with an owner unit only its projects', async () => {
    const columns = (await app.inject({ method: 'GET', url: '/api/v1/columns', headers: viewer })).json();
    const largest = [...columns].sort((a: { projectCount: number; number: number }, b: { projectCount: number; number: number }) => b.projectCount - a.projectCount || a.number - b.number)[0];
    expect((await get('')).json().column.number).toBe(largest.number);

    const { A } = portfolio.units;
    const mine = (await get(`?column=2&ownerUnit=${A.id}`)).json();
    expect(mine).toMatchObject({ ownerUnit: { id: A.id, name: A.name }, projectCount: 1, milestoneCount: 2 });
    expect(mine.projects[0].id).toBe(portfolio.projects.P4.id);
  });

  it('refuses bad filters with 400 naming the parameter', async () => {
    const cases: Array<[string, string]> = [
      ['?column=99', 'column'],
      ['?column=0', 'column'],
      ['?column=abc', 'column'],
      ['?ownerUnit=not-a-uuid', 'ownerUnit'],
      ['?ownerUnit=00000000-0000-4000-8000-000000000000', 'ownerUnit'],
      ['?columns=2', 'columns'],
    ];
    for (const [query, field] of cases) {
      const response = await get(query);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      expect(response.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    }
  });

  it('reads like the project list: every role, API keys with projects:read, nobody signed out', async () => {
    for (const user of Object.values(portfolio.users)) {
      expect((await get('?column=2', await signIn(app, user.username))).statusCode).toBe(200);
    }
    expect((await get('?column=2', { 'x-api-key': await createApiKey(database.dataSource, ['projects:read']) })).statusCode).toBe(200);
    expect((await get('?column=2', { 'x-api-key': await createApiKey(database.dataSource, ['reports:read']) })).statusCode).toBe(403);
    expect((await get('?column=2', {})).statusCode).toBe(401);
  });
});
