import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Plan, PlanIndicator } from '@app/domain';
import { createPlanGroup, createProject } from './support/factories';
import { apiKeyHeaders, signedIn, standardCallers } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

describe('plan catalogue: GET /plan, /columns, /columns/:number, /indicators', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let callers: Awaited<ReturnType<typeof standardCallers>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    callers = await standardCallers(app, database.dataSource);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (url: string, headers: Record<string, string> = callers.viewer.headers) => app.inject({ method: 'GET', url, headers });

  it('answers 404 PLAN_NOT_FOUND before a plan is loaded, and empty lists', async () => {
    const plan = await get('/api/v1/plan');
    expect(plan.statusCode).toBe(404);
    expect(plan.json()).toMatchObject({ code: 'PLAN_NOT_FOUND' });
    expect((await get('/api/v1/columns')).json()).toEqual([]);
  });

  describe('with a plan', () => {
    beforeAll(async () => {
      const { dataSource } = database;
      const ecology1 = await createPlanGroup(dataSource, { number: 2, title: '美丽玉泉建设重点工程' }, { number: 1, title: '山水林田湖草沙保护和系统修复工程' });
      const ecology2 = await createPlanGroup(dataSource, { number: 2 }, { number: 2, title: '污染防治工程' });
      await createPlanGroup(dataSource, { number: 2 }, { number: 3, title: '绿色低碳工程' });
      const energy = await createPlanGroup(dataSource, { number: 8, title: '基础设施建设重点工程' }, { number: 3, title: '能源基础设施建设工程' });
      await createProject(dataSource, { groupId: ecology1.id, name: '大青山前坡生态保护修复工程' });
      await createProject(dataSource, { groupId: ecology1.id, name: '小黑河生态治理工程' });
      await createProject(dataSource, { groupId: ecology2.id, name: '城区雨污分流改造工程' });
      await createProject(dataSource, { groupId: energy.id, name: '玉泉变 220 千伏变电站工程', kind: 'substation', attributes: { voltageKv: 220 } });

      const plan = await dataSource.getRepository(Plan).findOneByOrFail({ code: 'test-plan' });
      await dataSource.getRepository(PlanIndicator).insert([
        { planId: plan.id, number: 2, category: '经济发展', name: '固定资产投资增速', unit: '%', value2025: '（4.47）', target2030: '与经济增长相协调', annualOrCumulative: '年均', nature: 'expected' },
        { planId: plan.id, number: 1, category: '经济发展', name: '地区生产总值增速', unit: '%', value2025: '5.5', target2030: '5 左右', annualOrCumulative: '年均', nature: 'expected' },
        { planId: plan.id, number: 3, category: '绿色生态', name: '单位地区生产总值能耗降低', unit: '%', value2025: null, target2030: '完成自治区、市下达任务', annualOrCumulative: '累计', nature: 'binding' },
      ]);
    });

    it('GET /columns lists the columns in order with group and project counts', async () => {
      const response = await get('/api/v1/columns');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual([
        { number: 2, title: '美丽玉泉建设重点工程', groupCount: 3, projectCount: 3 },
        { number: 8, title: '基础设施建设重点工程', groupCount: 1, projectCount: 1 },
      ]);
    });

    it('GET /columns/:number lists the groups with their project counts, empty groups included', async () => {
      const response = await get('/api/v1/columns/2');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        number: 2,
        title: '美丽玉泉建设重点工程',
        groupCount: 3,
        projectCount: 3,
        groups: [
          { number: 1, title: '山水林田湖草沙保护和系统修复工程', projectCount: 2 },
          { number: 2, title: '污染防治工程', projectCount: 1 },
          { number: 3, title: '绿色低碳工程', projectCount: 0 },
        ],
      });
    });

    it('answers an unknown column with 404 and a malformed number with 400 naming it', async () => {
      const unknown = await get('/api/v1/columns/99');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'COLUMN_NOT_FOUND' });
      const malformed = await get('/api/v1/columns/abc');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'number' })]);
    });

    it('GET /indicators lists 专栏 1 in the plan\'s order, values as written', async () => {
      const response = await get('/api/v1/indicators');
      expect(response.statusCode).toBe(200);
      const indicators = response.json();
      expect(indicators.map((indicator: { number: number }) => indicator.number)).toEqual([1, 2, 3]);
      expect(indicators[1]).toEqual({
        number: 2,
        category: '经济发展',
        name: '固定资产投资增速',
        unit: '%',
        value2025: '（4.47）',
        target2030: '与经济增长相协调',
        annualOrCumulative: '年均',
        nature: 'expected',
        natureLabel: '预期性',
      });
      expect(indicators[2]).toMatchObject({ nature: 'binding', natureLabel: '约束性', value2025: null });
    });

    it('GET /plan gives the plan with its columns and indicators', async () => {
      const response = await get('/api/v1/plan');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        code: 'test-plan',
        title: '测试规划',
        startYear: 2026,
        endYear: 2030,
        columns: [expect.objectContaining({ number: 2, projectCount: 3 }), expect.objectContaining({ number: 8, projectCount: 1 })],
        indicators: [expect.objectContaining({ number: 1 }), expect.objectContaining({ number: 2 }), expect.objectContaining({ number: 3 })],
      });
    });

    it('is readable by every signed-in role and by API keys with projects:read only', async () => {
      for (const caller of [callers.admin, callers.supervisor, callers.viewer, callers.editorA]) {
        expect((await get('/api/v1/columns', caller.headers)).statusCode).toBe(200);
      }
      const reader = await apiKeyHeaders(database.dataSource, ['projects:read']);
      for (const url of ['/api/v1/plan', '/api/v1/columns', '/api/v1/columns/8', '/api/v1/indicators']) {
        expect((await get(url, reader)).statusCode).toBe(200);
      }
      const reportsOnly = await apiKeyHeaders(database.dataSource, ['reports:read']);
      const refused = await get('/api/v1/columns', reportsOnly);
      expect(refused.statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/v1/columns' })).statusCode).toBe(401);
      const editor = await signedIn(app, database.dataSource, 'department_editor', callers.departmentB);
      expect((await get('/api/v1/indicators', editor.headers)).statusCode).toBe(200);
    });
  });
});
