import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, FIXED_NOW, Portfolio } from './weekly-report.fixture';

/**
 * The project list (项目库) carries each row's light today and filters by it, with the same assessment as
 * GET /warning-lights/projects (the web workbench shows these and computes nothing). Portfolio and figures:
 * weekly-report.fixture.ts, today Wednesday 2026-11-25.
 */
describe('project list: warning light per row and the light filter', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let supervisor: { authorization: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW });
    supervisor = await signIn(app, portfolio.users.supervisor.username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const list = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/projects?${query}`, headers: supervisor });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  it('gives every row the light and the worst days late that the warning-light view gives', async () => {
    const lights = (await app.inject({ method: 'GET', url: '/api/v1/warning-lights/projects?pageSize=100', headers: supervisor })).json();
    const expected = new Map<string, unknown>(
      lights.items.map((item: { projectId: string; light: string; reasons: string[]; overdueCount: number; worstWorkingDaysLate: number; details: string[] }) => [
        item.projectId,
        { light: item.light, reasons: item.reasons, overdueCount: item.overdueCount, worstWorkingDaysLate: item.worstWorkingDaysLate, details: item.details },
      ]),
    );
    const page = await list('pageSize=100');
    expect(page.items.length).toBe(7);
    for (const item of page.items) {
      if (item.status === 'cancelled') expect(item.warning).toBeNull();
      else expect(item.warning).toEqual(expected.get(item.id));
    }
    const road = page.items.find((item: { name: string }) => item.name === '学府路道路拓宽改造工程');
    expect(road.warning).toMatchObject({ light: 'red', worstWorkingDaysLate: 18 });
  });

  it('filters by light together with the other filters, search and paging', async () => {
    const red = await list('light=red&sort=name');
    expect(red.total).toBe(3);
    expect(red.items.every((item: { warning: { light: string } }) => item.warning.light === 'red')).toBe(true);

    const redInColumn2 = await list('light=red&column=2&pageSize=1&page=2&sort=name');
    expect(redInColumn2.total).toBe(2);
    expect(redInColumn2.items).toHaveLength(1);

    const searched = await list(`light=red&q=${encodeURIComponent('安泽园')}`);
    expect(searched.items.map((item: { name: string }) => item.name)).toEqual(['玉祥·安泽园（范家营棚改回迁房）项目']);
    await expect(list(`light=green&q=${encodeURIComponent('安泽园')}`)).resolves.toMatchObject({ total: 0, items: [] });
  });

  it('refuses an unknown light with 400 naming the field', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/projects?light=blue', headers: supervisor });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'light' })] });
  });
});
