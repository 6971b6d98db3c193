import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, FIXED_NOW, Portfolio, REPORT_WEEK } from './weekly-report.fixture';

/**
 * A date no one would plan (9999-12-30), already stored — put there by SQL, by an
 * import, or before the API bounded dates — must not take the portfolio down: the
 * lights, the summary, the trends and the weekly report still answer for everyone,
 * and the row is flagged so the 督查室 can have it corrected.
 */
describe('a stored implausible date does not take the portfolio down', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let supervisor: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    // P2's completion milestone typed as 9999-12-30, P4's permit with a baseline from the year 1900.
    await database.dataSource.query(`UPDATE milestones SET planned_date = '9999-12-30' WHERE id = $1`, [portfolio.milestones.P2m3.id]);
    await database.dataSource.query(`UPDATE milestones SET baseline_date = '1900-01-01' WHERE id = $1`, [portfolio.milestones.P4m2.id]);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    supervisor = await signIn(app, portfolio.users.supervisor.username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: supervisor });

  it('lights every project and flags the ones with an implausible date', async () => {
    const lights = await get('/warning-lights/projects?pageSize=50');
    expect(lights.statusCode).toBe(200);
    const byName = new Map(lights.json().items.map((item: { name: string }) => [item.name, item]));
    expect(byName.get(portfolio.projects.P2.name)).toMatchObject({ light: 'red', reasons: expect.arrayContaining(['milestone_overdue', 'milestone_date_implausible']) });
    expect(byName.get(portfolio.projects.P4.name)).toMatchObject({ reasons: expect.arrayContaining(['milestone_date_implausible']) });
    expect(byName.get(portfolio.projects.P1.name)).toMatchObject({ reasons: expect.not.arrayContaining(['milestone_date_implausible']) });

    const detail = await get(`/warning-lights/projects/${portfolio.projects.P2.id}`);
    expect(detail.statusCode).toBe(200);
    const flagged = detail.json().openMilestones.find((milestone: { id: string }) => milestone.id === portfolio.milestones.P2m3.id);
    expect(flagged).toMatchObject({ plannedDate: '9999-12-30', reasons: expect.arrayContaining(['milestone_date_implausible']) });
  });

  it('answers the summary, the overdue list and the trends', async () => {
    for (const url of ['/supervision/summary?by=light', '/supervision/summary?by=column', '/supervision/overdue', '/supervision/trends']) {
      const response = await get(url);
      expect([url, response.statusCode]).toEqual([url, 200]);
    }
  });

  it('builds and serves the weekly report, listing the flagged project', async () => {
    const build = await app.inject({ method: 'POST', url: `/api/v1/reports/weekly/${REPORT_WEEK}/build`, headers: supervisor });
    expect(build.statusCode).toBeLessThan(300);
    const report = await get(`/reports/weekly/${REPORT_WEEK}`);
    expect(report.statusCode).toBe(200);
    expect(JSON.stringify(report.json())).toContain('milestone_date_implausible');
    const xlsx = await get(`/reports/weekly/${REPORT_WEEK}?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
  });
});
