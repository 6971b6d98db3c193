import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Project } from '@app/domain';
import { createProject } from './support/factories';
import { apiKeyHeaders, auditRowsOf, standardCallers } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// "Today" is 2026-06-15 in Asia/Shanghai for the whole file.
const NOW = '2026-06-15T04:00:00Z';

describe('investment API: annual plans, monthly completed investment, summary', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let callers: Awaited<ReturnType<typeof standardCallers>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: NOW });
    callers = await standardCallers(app, database.dataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const projectOfA = (overrides: Partial<Project> = {}) =>
    createProject(database.dataSource, { ownerDepartmentId: callers.departmentA.id, totalInvestmentYuan: '450000000', ...overrides });
  const put = (url: string, amountWan: unknown, headers: Record<string, string> = callers.admin.headers) =>
    app.inject({ method: 'PUT', url: `/api/v1/projects/${url}`, headers, payload: { amountWan } });
  const summary = async (projectId: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/investment`, headers: callers.viewer.headers });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('keeps 万元 amounts exact: "1234.5678" 万元 is 12345678 yuan, and back', async () => {
    const project = await projectOfA();
    const response = await put(`${project.id}/investment/annual-plans/2027`, '1234.5678');
    expect(response.statusCode).toBe(200);
    expect(response.json().annualPlans).toEqual([{ year: 2027, amountYuan: '12345678', amountWan: '1234.5678' }]);
    const [row] = await database.dataSource.query(`SELECT amount_yuan FROM project_annual_plans WHERE project_id = $1 AND year = 2027`, [project.id]);
    expect(row.amount_yuan).toBe('12345678');
    const large = await put(`${project.id}/investment/annual-plans/2028`, '999999999999.9999');
    expect(large.json().annualPlans[1]).toEqual({ year: 2028, amountYuan: '9999999999999999', amountWan: '999999999999.9999' });
  });

  it('sums completed investment to date and for this year, against this year\'s plan', async () => {
    const project = await projectOfA();
    expect((await put(`${project.id}/investment/annual-plans/2026`, '1000')).statusCode).toBe(200);
    expect((await put(`${project.id}/investment/monthly/2025-12`, '50')).statusCode).toBe(200);
    expect((await put(`${project.id}/investment/monthly/2026-03`, '100.5')).statusCode).toBe(200);
    expect((await put(`${project.id}/investment/monthly/2026-06`, '200.25')).statusCode).toBe(200);

    expect(await summary(project.id)).toEqual({
      totalInvestmentYuan: '450000000',
      totalInvestmentWan: '45000',
      annualPlans: [{ year: 2026, amountYuan: '10000000', amountWan: '1000' }],
      monthly: [
        { month: '2025-12', amountYuan: '500000', amountWan: '50' },
        { month: '2026-03', amountYuan: '1005000', amountWan: '100.5' },
        { month: '2026-06', amountYuan: '2002500', amountWan: '200.25' },
      ],
      completedToDateYuan: '3507500',
      completedToDateWan: '350.75',
      // 300.75 / 1000 = 30.075 % → rounded half up to 30.08
      currentYear: { year: 2026, planYuan: '10000000', planWan: '1000', completedYuan: '3007500', completedWan: '300.75', percent: '30.08' },
    });
  });

  it('replaces a month\'s amount rather than adding to it', async () => {
    const project = await projectOfA();
    await put(`${project.id}/investment/monthly/2026-04`, '80');
    const response = await put(`${project.id}/investment/monthly/2026-04`, '120');
    expect(response.json()).toMatchObject({ monthly: [{ month: '2026-04', amountWan: '120' }], completedToDateWan: '120' });
  });

  it('has no percentage while this year has no plan, and nothing completed for a new project', async () => {
    const project = await projectOfA({ totalInvestmentYuan: null });
    expect((await summary(project.id))).toEqual({
      totalInvestmentYuan: null,
      totalInvestmentWan: null,
      annualPlans: [],
      monthly: [],
      completedToDateYuan: '0',
      completedToDateWan: '0',
      currentYear: { year: 2026, planYuan: null, planWan: null, completedYuan: '0', completedWan: '0', percent: null },
    });
    await put(`${project.id}/investment/annual-plans/2026`, '0');
    expect((await summary(project.id)).currentYear).toMatchObject({ planYuan: '0', percent: null });
  });

  it.each([
    ['annual-plans/1999', '100', 'year'],
    ['annual-plans/2101', '100', 'year'],
    ['annual-plans/20x6', '100', 'year'],
    ['monthly/2026-07', '100', 'month'],
    ['monthly/2026-13', '100', 'month'],
    ['monthly/202606', '100', 'month'],
    ['monthly/1999-12', '100', 'month'],
    ['monthly/2026-05', '1.23456', 'amountWan'],
    ['monthly/2026-05', 12, 'amountWan'],
    ['monthly/2026-05', '-5', 'amountWan'],
    ['annual-plans/2026', undefined, 'amountWan'],
  ])('refuses PUT %s with %p: 400 naming %s', async (path, amountWan, field) => {
    const project = await projectOfA();
    const response = await put(`${project.id}/investment/${path}`, amountWan);
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('names a month still to come with MONTH_IN_FUTURE', async () => {
    const project = await projectOfA();
    const response = await put(`${project.id}/investment/monthly/2026-07`, '10');
    expect(response.json()).toMatchObject({ code: 'MONTH_IN_FUTURE' });
  });

  it('lets the owning department\'s editor write, not another department, a viewer, the supervisor or an API key', async () => {
    const project = await projectOfA();
    expect((await put(`${project.id}/investment/monthly/2026-05`, '10', callers.editorA.headers)).statusCode).toBe(200);
    expect((await put(`${project.id}/investment/annual-plans/2026`, '10', callers.editorA.headers)).statusCode).toBe(200);
    for (const caller of [callers.editorB, callers.viewer, callers.supervisor]) {
      expect((await put(`${project.id}/investment/monthly/2026-05`, '99', caller.headers)).statusCode).toBe(403);
      expect((await put(`${project.id}/investment/annual-plans/2026`, '99', caller.headers)).statusCode).toBe(403);
    }
    const reader = await apiKeyHeaders(database.dataSource, ['projects:read']);
    expect((await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/investment`, headers: reader })).statusCode).toBe(200);
    expect((await put(`${project.id}/investment/monthly/2026-05`, '99', reader)).statusCode).toBe(403);
    expect((await summary(project.id)).monthly).toEqual([{ month: '2026-05', amountYuan: '100000', amountWan: '10' }]);
  });

  it('audits every write with before and after, and writes nothing when the amount is unchanged', async () => {
    const project = await projectOfA();
    await put(`${project.id}/investment/annual-plans/2026`, '500', callers.editorA.headers);
    await put(`${project.id}/investment/annual-plans/2026`, '650.5', callers.editorA.headers);
    await put(`${project.id}/investment/annual-plans/2026`, '650.5', callers.editorA.headers);
    const planAudit = await auditRowsOf(database.dataSource, 'annual_plan', `${project.id}:2026`);
    expect(planAudit).toHaveLength(2);
    expect(planAudit[0]).toMatchObject({ action: 'create', actorId: callers.editorA.userId, before: null, after: { projectId: project.id, year: 2026, amountYuan: '5000000' } });
    expect(planAudit[1]).toMatchObject({ action: 'update', before: { amountYuan: '5000000' }, after: { amountYuan: '6505000' } });

    await put(`${project.id}/investment/monthly/2026-02`, '30');
    await put(`${project.id}/investment/monthly/2026-02`, '35');
    const monthAudit = await auditRowsOf(database.dataSource, 'monthly_investment', `${project.id}:2026-02`);
    expect(monthAudit.map((row) => row.action)).toEqual(['create', 'update']);
    expect(monthAudit[1]).toMatchObject({ before: { month: '2026-02', amountYuan: '300000' }, after: { month: '2026-02', amountYuan: '350000' } });
  });

  it('shows the same summary in GET /projects/:id, whose ETag changes when investment changes', async () => {
    const project = await projectOfA();
    const before = await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: callers.viewer.headers });
    await put(`${project.id}/investment/monthly/2026-01`, '12.3456');
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/projects/${project.id}`,
      headers: { ...callers.viewer.headers, 'if-none-match': before.headers.etag as string },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(after.json().investment).toEqual(await summary(project.id));
    expect(after.json().investment.completedToDateYuan).toBe('123456');
  });

  it('answers an unknown project with 404 and a malformed id with 400', async () => {
    const unknown = await put('00000000-0000-4000-8000-000000000000/investment/monthly/2026-01', '1');
    expect(unknown.statusCode).toBe(404);
    const unknownRead = await app.inject({
      method: 'GET',
      url: '/api/v1/projects/00000000-0000-4000-8000-000000000000/investment',
      headers: callers.viewer.headers,
    });
    expect(unknownRead.statusCode).toBe(404);
    const malformed = await app.inject({ method: 'GET', url: '/api/v1/projects/abc/investment', headers: callers.viewer.headers });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});
