import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Project } from '@app/domain';
import { createMilestone, createPlanGroup, createProject } from './support/factories';
import { apiKeyHeaders, auditRowsOf, standardCallers } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const SUBSTATION_220 = '玉泉变 220 千伏变电站工程';
const ANZEYUAN = '玉祥·安泽园（范家营棚改回迁房）项目';

describe('projects API', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let callers: Awaited<ReturnType<typeof standardCallers>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: '2026-06-15T04:00:00Z' });
    callers = await standardCallers(app, database.dataSource);
    // The plan the tests place projects in: 专栏 8 groups 1 and 3, 专栏 4 group 2.
    await createPlanGroup(database.dataSource, { number: 8, title: '基础设施建设重点工程' }, { number: 3, title: '能源基础设施建设工程' });
    await createPlanGroup(database.dataSource, { number: 8 }, { number: 1, title: '交通基础设施建设工程' });
    await createPlanGroup(database.dataSource, { number: 4, title: '民生保障重点工程' }, { number: 2, title: '棚户区改造工程' });
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const list = async (query: string, headers: Record<string, string> = callers.viewer.headers) => {
    const response = await app.inject({ method: 'GET', url: `/api/v1/projects?${query}`, headers });
    return response;
  };
  const names = async (query: string) => {
    const response = await list(query);
    expect(response.statusCode).toBe(200);
    return response.json().items.map((item: { name: string }) => item.name) as string[];
  };
  const group = (columnNumber: number, groupNumber: number, title?: string) =>
    createPlanGroup(database.dataSource, { number: columnNumber }, { number: groupNumber, title });

  it('documents its routes in the OpenAPI document, with the contract shape of a project', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
    for (const path of ['/api/v1/projects', '/api/v1/projects/{id}', '/api/v1/projects/{id}/investment', '/api/v1/projects/{id}/investment/monthly/{month}', '/api/v1/columns']) {
      expect(document.paths).toHaveProperty([path]);
    }
    expect(Object.keys(document.components.schemas.ProjectDetailResponseDto.properties)).toEqual(
      expect.arrayContaining(['kindLabel', 'allowedNextStatuses', 'totalInvestmentWan', 'fundingSources', 'milestones', 'investment']),
    );
  });

  describe('search by name', () => {
    beforeAll(async () => {
      const energy = await group(8, 3);
      const housing = await group(4, 2);
      await createProject(database.dataSource, { groupId: energy.id, name: SUBSTATION_220, kind: 'substation', attributes: { voltageKv: 220 } });
      await createProject(database.dataSource, { groupId: energy.id, name: '小召变 110 千伏变电站工程', kind: 'substation', attributes: { voltageKv: 110 } });
      await createProject(database.dataSource, { groupId: housing.id, name: ANZEYUAN, kind: 'resettlement_housing' });
      await createProject(database.dataSource, { groupId: housing.id, name: '玉祥润泽园回迁房项目', kind: 'resettlement_housing' });
    });

    it.each(['220 千伏', '220千伏', '２２０千伏', '２２０　千伏', '220-千伏'])('finds the 220 kV substation with %p', async (q) => {
      await expect(names(`q=${encodeURIComponent(q)}`)).resolves.toEqual([SUBSTATION_220]);
    });

    it.each(['·安泽园', '安泽园', '范家营棚改', '玉祥·安泽园（范家营', '（范家营棚改回迁房）'])('finds 玉祥·安泽园 with %p', async (q) => {
      await expect(names(`q=${encodeURIComponent(q)}`)).resolves.toEqual([ANZEYUAN]);
    });

    it('finds several projects by a shared word and nothing for a word no name has', async () => {
      await expect(names(`q=${encodeURIComponent('千伏变电站')}&sort=name`)).resolves.toHaveLength(2);
      await expect(names(`q=${encodeURIComponent('回迁房')}`)).resolves.toEqual(expect.arrayContaining([ANZEYUAN, '玉祥润泽园回迁房项目']));
      await expect(names(`q=${encodeURIComponent('地铁')}`)).resolves.toEqual([]);
    });

    it('ignores % and _ like other punctuation instead of taking them as wildcards', async () => {
      await expect(names(`q=${encodeURIComponent('%')}&column=8&group=3`)).resolves.toHaveLength(2);
      await expect(names(`q=${encodeURIComponent('千_伏')}`)).resolves.toHaveLength(2);
      await expect(names(`q=${encodeURIComponent('玉%变')}`)).resolves.toEqual([]);
    });
  });

  describe('filters', () => {
    beforeAll(async () => {
      const roads = await group(8, 1);
      const { dataSource } = database;
      const { departmentA, departmentB } = callers;
      await createProject(dataSource, { groupId: roads.id, sortOrder: 1, name: '昭君路（二环路至南二环）改造工程', kind: 'road', status: 'under_construction', ownerDepartmentId: departmentA.id, location: '小召前街街道' });
      await createProject(dataSource, { groupId: roads.id, sortOrder: 2, name: '南二环快速路玉泉段工程', kind: 'road', status: 'preparation', ownerDepartmentId: departmentB.id, location: '昭君路街道' });
      await createProject(dataSource, { groupId: roads.id, sortOrder: 3, name: '大召片区供热管网改造工程', kind: 'pipe_network', attributes: { medium: 'heating' }, status: 'planning', ownerDepartmentId: departmentA.id, location: '大召街道' });
      await createProject(dataSource, { groupId: roads.id, sortOrder: 4, name: '西菜园片区雨污管网工程', kind: 'pipe_network', attributes: { medium: 'sewage' }, status: 'suspended', ownerDepartmentId: departmentB.id, location: '小召前街街道' });
    });

    it('by column and group, kind, owner unit, status (one or several) and location', async () => {
      const { departmentA } = callers;
      await expect(names('column=8&group=1&sort=name')).resolves.toHaveLength(4);
      await expect(names('column=8&group=1&kind=road')).resolves.toEqual(['昭君路（二环路至南二环）改造工程', '南二环快速路玉泉段工程']);
      await expect(names(`column=8&group=1&ownerUnit=${departmentA.id}`)).resolves.toEqual(['昭君路（二环路至南二环）改造工程', '大召片区供热管网改造工程']);
      await expect(names('column=8&group=1&status=preparation')).resolves.toEqual(['南二环快速路玉泉段工程']);
      await expect(names('column=8&group=1&status=preparation,suspended')).resolves.toEqual(['南二环快速路玉泉段工程', '西菜园片区雨污管网工程']);
      await expect(names('column=8&group=1&status=preparation&status=planning')).resolves.toEqual(['南二环快速路玉泉段工程', '大召片区供热管网改造工程']);
      await expect(names(`column=8&location=${encodeURIComponent('小召前街街道')}`)).resolves.toEqual([
        '昭君路（二环路至南二环）改造工程',
        '西菜园片区雨污管网工程',
      ]);
      await expect(names('column=8&group=1&kind=road&status=under_construction')).resolves.toEqual(['昭君路（二环路至南二环）改造工程']);
      await expect(names('column=4&group=1')).resolves.toEqual([]);
    });

    it.each([
      ['status=under_construction,finished', 'status'],
      ['kind=bridge', 'kind'],
      ['column=abc', 'column'],
      ['column=0', 'column'],
      ['group=1', 'group'],
      ['ownerUnit=not-a-uuid', 'ownerUnit'],
      ['sort=cost', 'sort'],
      ['order=up', 'order'],
      ['pageSize=201', 'pageSize'],
      ['page=0', 'page'],
      ['colour=red', 'colour'],
    ])('refuses %p with 400 naming %p', async (query, field) => {
      const response = await list(query);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field })]) });
    });
  });

  describe('sorting and paging', () => {
    beforeAll(async () => {
      const first = await group(9, 1, '排序测试一');
      const second = await group(9, 2, '排序测试二');
      const { dataSource } = database;
      await createProject(dataSource, { groupId: second.id, sortOrder: 1, name: '丙项目', totalInvestmentYuan: '300000000', plannedEndDate: '2027-06-30' });
      await createProject(dataSource, { groupId: first.id, sortOrder: 2, name: '乙项目', totalInvestmentYuan: null, plannedEndDate: '2026-12-31' });
      await createProject(dataSource, { groupId: first.id, sortOrder: 1, name: '甲项目', totalInvestmentYuan: '50000000', plannedEndDate: null });
      await createProject(dataSource, { groupId: second.id, sortOrder: 2, name: '丁项目', totalInvestmentYuan: '1200000000', plannedEndDate: '2028-12-31' });
    });

    it('defaults to the plan order: column, group, position in the group', async () => {
      await expect(names('column=9')).resolves.toEqual(['甲项目', '乙项目', '丙项目', '丁项目']);
      await expect(names('column=9&order=desc')).resolves.toEqual(['丁项目', '丙项目', '乙项目', '甲项目']);
    });

    it('sorts by total investment and planned end date with unknown values last', async () => {
      await expect(names('column=9&sort=totalInvestment&order=desc')).resolves.toEqual(['丁项目', '丙项目', '甲项目', '乙项目']);
      await expect(names('column=9&sort=totalInvestment')).resolves.toEqual(['甲项目', '丙项目', '丁项目', '乙项目']);
      await expect(names('column=9&sort=plannedEndDate')).resolves.toEqual(['乙项目', '丙项目', '丁项目', '甲项目']);
    });

    it('sorts by name and by last change', async () => {
      const byName = await names('column=9&sort=name');
      expect(byName).toEqual([...byName].sort());
      await database.dataSource.query(`UPDATE projects SET updated_at = now() + interval '1 hour' WHERE name = '乙项目'`);
      const byUpdate = await names('column=9&sort=updatedAt&order=desc');
      expect(byUpdate[0]).toBe('乙项目');
    });

    it('pages with the total of all matches', async () => {
      const paging = await group(10, 1, '分页测试');
      for (let index = 1; index <= 25; index++) {
        await createProject(database.dataSource, { groupId: paging.id, sortOrder: index, name: `分页项目${String(index).padStart(2, '0')}` });
      }
      const page2 = (await list('column=10&page=2&pageSize=10')).json();
      expect(page2).toMatchObject({ total: 25, page: 2, pageSize: 10 });
      expect(page2.items.map((item: { name: string }) => item.name)).toEqual(
        Array.from({ length: 10 }, (_, i) => `分页项目${String(i + 11).padStart(2, '0')}`),
      );
      const page3 = (await list('column=10&page=3&pageSize=10')).json();
      expect(page3).toMatchObject({ total: 25, page: 3 });
      expect(page3.items).toHaveLength(5);
      const beyond = (await list('column=10&page=9&pageSize=10')).json();
      expect(beyond).toEqual({ items: [], total: 25, page: 9, pageSize: 10 });
      const defaults = (await list('column=10')).json();
      expect(defaults).toMatchObject({ total: 25, page: 1, pageSize: 20 });
      expect(defaults.items).toHaveLength(20);
    });
  });

  describe('GET /projects/:id', () => {
    it('gives the project in the contract shape, with milestones by planned date and the investment summary', async () => {
      const energy = await group(8, 3);
      const project = await createProject(database.dataSource, {
        groupId: energy.id,
        name: '察素齐变 220 千伏输变电工程',
        kind: 'substation',
        attributes: { voltageKv: 220, capacityMva: '480' },
        ownerDepartmentId: callers.departmentA.id,
        status: 'under_construction',
        location: '小召前街街道',
        leadOfficial: '王某某',
        plannedStartDate: '2026-03-01',
        plannedEndDate: '2027-12-31',
        totalInvestmentYuan: '450000000',
        fundingSources: [
          { source: '专项债', amountYuan: '300000000' },
          { source: '自筹', amountYuan: null },
        ],
      });
      await createMilestone(database.dataSource, project.id, { kind: 'completion_acceptance', plannedDate: '2027-12-20' });
      await createMilestone(database.dataSource, project.id, { kind: 'construction_start', plannedDate: '2026-03-01', actualDate: '2026-03-05' });
      await createMilestone(database.dataSource, project.id, { kind: 'main_structure_done', plannedDate: '2026-11-30' });

      const response = await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: callers.viewer.headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe('"1"');
      const body = response.json();
      expect(body).toEqual({
        id: project.id,
        name: '察素齐变 220 千伏输变电工程',
        kind: 'substation',
        kindLabel: '变电站/输变电',
        column: { number: 8, title: '基础设施建设重点工程' },
        group: { number: 3, title: '能源基础设施建设工程' },
        ownerUnit: { id: callers.departmentA.id, name: callers.departmentA.name, kind: 'department' },
        status: 'under_construction',
        statusLabel: '在建',
        allowedNextStatuses: ['completed', 'suspended', 'cancelled'],
        attributes: { voltageKv: 220, capacityMva: '480' },
        description: null,
        location: '小召前街街道',
        leadOfficial: '王某某',
        leadOfficialUser: null,
        plannedStartDate: '2026-03-01',
        plannedEndDate: '2027-12-31',
        totalInvestmentYuan: '450000000',
        totalInvestmentWan: '45000',
        fundingSources: [
          { source: '专项债', amountYuan: '300000000', amountWan: '30000' },
          { source: '自筹', amountYuan: null, amountWan: null },
        ],
        percentComplete: null,
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        milestones: [
          expect.objectContaining({ kind: 'construction_start', kindLabel: '开工', plannedDate: '2026-03-01', actualDate: '2026-03-05', status: 'done', version: 1 }),
          expect.objectContaining({ kind: 'main_structure_done', kindLabel: '主体完工', plannedDate: '2026-11-30', actualDate: null, status: 'pending' }),
          expect.objectContaining({ kind: 'completion_acceptance', plannedDate: '2027-12-20', baselineDate: '2027-12-20' }),
        ],
        investment: expect.objectContaining({ totalInvestmentYuan: '450000000', totalInvestmentWan: '45000', annualPlans: [], monthly: [] }),
      });
      // One representation of a milestone: the project's list holds what GET /milestones/:id answers, field for field.
      for (const milestone of body.milestones) {
        const alone = await app.inject({ method: 'GET', url: `/api/v1/milestones/${milestone.id}`, headers: callers.viewer.headers });
        expect(milestone).toEqual(alone.json());
      }
    });

    it('answers If-None-Match with the current ETag with 304, and a stale one with the project', async () => {
      const project = await createProject(database.dataSource, { name: '缓存测试项目' });
      const url = `/api/v1/projects/${project.id}`;
      const notModified = await app.inject({ method: 'GET', url, headers: { ...callers.viewer.headers, 'if-none-match': '"1"' } });
      expect(notModified.statusCode).toBe(304);
      expect(notModified.body).toBe('');
      expect(notModified.headers.etag).toBe('"1"');
      await database.dataSource.getRepository(Project).update(project.id, { leadOfficial: '李某某' });
      const changed = await app.inject({ method: 'GET', url, headers: { ...callers.viewer.headers, 'if-none-match': '"1"' } });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).toBe('"2"');
      expect(changed.json().leadOfficial).toBe('李某某');
    });

    it('answers an unknown id with 404 and a malformed one with 400', async () => {
      const unknown = await app.inject({ method: 'GET', url: '/api/v1/projects/00000000-0000-4000-8000-000000000000', headers: callers.viewer.headers });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
      const malformed = await app.inject({ method: 'GET', url: '/api/v1/projects/123', headers: callers.viewer.headers });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'id' })]);
    });

    it('is readable with an API key holding projects:read, which cannot write', async () => {
      const project = await createProject(database.dataSource, { name: '接口读取项目' });
      const reader = await apiKeyHeaders(database.dataSource, ['projects:read']);
      expect((await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: reader })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/v1/projects', headers: reader })).statusCode).toBe(200);
      const write = await app.inject({
        method: 'PATCH',
        url: `/api/v1/projects/${project.id}`,
        headers: { ...reader, 'if-match': '"1"' },
        payload: { leadOfficial: '某某' },
      });
      expect(write.statusCode).toBe(403);
      const otherScope = await apiKeyHeaders(database.dataSource, ['audit:read']);
      expect((await app.inject({ method: 'GET', url: '/api/v1/projects', headers: otherScope })).statusCode).toBe(403);
    });
  });

  describe('POST /projects', () => {
    const substation = (overrides: Record<string, unknown> = {}) => ({
      name: `新建 110 千伏变电站工程-${Math.random().toString(36).slice(2, 8)}`,
      columnNumber: 8,
      groupNumber: 3,
      kind: 'substation',
      attributes: { voltageKv: 110, capacityMva: '126' },
      ...overrides,
    });
    const post = (payload: object, headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/v1/projects', headers, payload });

    it('lets an admin create a project; money in 万元 is stored exactly in yuan; audited', async () => {
      const response = await post(
        substation({
          name: '裕隆变 220 千伏变电站工程',
          attributes: { voltageKv: 220 },
          ownerUnitId: callers.departmentB.id,
          location: '昭君路街道',
          leadOfficial: '张某某（副区长）',
          plannedStartDate: '2026-04-01',
          plannedEndDate: '2027-10-31',
          totalInvestmentWan: '45123.4567',
          fundingSources: [{ source: '超长期特别国债', amountWan: '20000.5' }, { source: '自筹' }],
        }),
        callers.admin.headers,
      );
      expect(response.statusCode).toBe(201);
      const body = response.json();
      expect(response.headers.etag).toBe('"1"');
      expect(body).toMatchObject({
        name: '裕隆变 220 千伏变电站工程',
        column: { number: 8 },
        group: { number: 3, title: '能源基础设施建设工程' },
        ownerUnit: { id: callers.departmentB.id, kind: 'subdistrict' },
        status: 'planning',
        statusLabel: '谋划',
        attributes: { voltageKv: 220 },
        totalInvestmentYuan: '451234567',
        totalInvestmentWan: '45123.4567',
        fundingSources: [
          { source: '超长期特别国债', amountYuan: '200005000', amountWan: '20000.5' },
          { source: '自筹', amountYuan: null, amountWan: null },
        ],
        milestones: [],
        version: 1,
      });
      const [row] = await database.dataSource.query(`SELECT total_investment_yuan, search_text FROM projects WHERE id = $1`, [body.id]);
      expect(row).toEqual({ total_investment_yuan: '451234567', search_text: '裕隆变220千伏变电站工程' });
      const audit = await auditRowsOf(database.dataSource, 'project', body.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'create', actorId: callers.admin.userId, before: null, after: expect.objectContaining({ name: '裕隆变 220 千伏变电站工程', totalInvestmentYuan: '451234567' }) });
    });

    it('puts a new project after the last one of its group', async () => {
      const first = (await post(substation({ columnNumber: 4, groupNumber: 2, kind: 'other', attributes: {} }), callers.admin.headers)).json();
      const second = (await post(substation({ columnNumber: 4, groupNumber: 2, kind: 'other', attributes: {} }), callers.admin.headers)).json();
      const [a, b] = await Promise.all(
        [first.id, second.id].map((id) => database.dataSource.getRepository(Project).findOneByOrFail({ id })),
      );
      expect(b.sortOrder).toBe(a.sortOrder + 1);
    });

    it.each([
      [{ attributes: {} }, 'attributes.voltageKv'],
      [{ attributes: { voltageKv: '220' } }, 'attributes.voltageKv'],
      [{ attributes: { voltageKv: 220, places: 30 } }, 'attributes.places'],
      [{ kind: 'school', attributes: { schoolType: 'primary', places: -3 } }, 'attributes.places'],
      [{ kind: 'other', attributes: { voltageKv: 220 } }, 'attributes.voltageKv'],
      [{ plannedStartDate: '2027-01-01', plannedEndDate: '2026-12-31' }, 'plannedEndDate'],
      [{ plannedEndDate: '2026-02-30' }, 'plannedEndDate'],
      [{ totalInvestmentWan: 45000 }, 'totalInvestmentWan'],
      [{ totalInvestmentWan: '1.23456' }, 'totalInvestmentWan'],
      [{ fundingSources: [{ source: '专项债', amountWan: 'many' }] }, 'fundingSources.0.amountWan'],
      [{ kind: 'bridge' }, 'kind'],
      [{ status: 'done' }, 'status'],
      [{ name: '' }, 'name'],
      [{ columnNumber: 99 }, 'columnNumber'],
      [{ groupNumber: 99 }, 'groupNumber'],
      [{ ownerUnitId: '00000000-0000-4000-8000-000000000000' }, 'ownerUnitId'],
      [{ colour: 'red' }, 'colour'],
    ])('refuses %j with 400 naming %s', async (overrides, field) => {
      const response = await post(substation(overrides), callers.admin.headers);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });

    it('refuses a second project of the same name in the same group with 409, and allows it in another group', async () => {
      const payload = substation({ name: '同名测试变电站工程' });
      expect((await post(payload, callers.admin.headers)).statusCode).toBe(201);
      const duplicate = await post(payload, callers.admin.headers);
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json()).toMatchObject({ code: 'PROJECT_NAME_TAKEN', details: [expect.objectContaining({ field: 'name' })] });
      expect((await post({ ...payload, groupNumber: 1 }, callers.admin.headers)).statusCode).toBe(201);
    });

    it('lets a department editor create only for its own department', async () => {
      const own = await post(substation({ ownerUnitId: callers.departmentA.id }), callers.editorA.headers);
      expect(own.statusCode).toBe(201);
      expect(own.json().ownerUnit.id).toBe(callers.departmentA.id);
      const other = await post(substation({ ownerUnitId: callers.departmentB.id }), callers.editorA.headers);
      expect(other.statusCode).toBe(403);
      const none = await post(substation(), callers.editorA.headers);
      expect(none.statusCode).toBe(403);
    });

    it('refuses viewers and the supervisory office with 403', async () => {
      expect((await post(substation(), callers.viewer.headers)).statusCode).toBe(403);
      expect((await post(substation(), callers.supervisor.headers)).statusCode).toBe(403);
    });
  });

  describe('PATCH /projects/:id', () => {
    const patch = (id: string, payload: object, headers: Record<string, string>) =>
      app.inject({ method: 'PATCH', url: `/api/v1/projects/${id}`, headers, payload });
    const fresh = (overrides: Partial<Project> = {}) =>
      createProject(database.dataSource, { ownerDepartmentId: callers.departmentA.id, status: 'preparation', ...overrides });

    it('requires If-Match (or version): 428 without it', async () => {
      const project = await fresh();
      const response = await patch(project.id, { leadOfficial: '赵某某' }, callers.admin.headers);
      expect(response.statusCode).toBe(428);
      expect(response.json()).toMatchObject({ code: 'PRECONDITION_REQUIRED' });
    });

    it('applies a change with the current ETag, bumps the version and returns the new ETag; audited with before and after', async () => {
      const project = await fresh({ leadOfficial: '赵某某' });
      const response = await patch(project.id, { leadOfficial: '钱某某', totalInvestmentWan: '1234.5678' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.json()).toMatchObject({ leadOfficial: '钱某某', totalInvestmentYuan: '12345678', totalInvestmentWan: '1234.5678', version: 2 });
      const audit = await auditRowsOf(database.dataSource, 'project', project.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'update',
        before: expect.objectContaining({ leadOfficial: '赵某某', totalInvestmentYuan: null, version: 1 }),
        after: expect.objectContaining({ leadOfficial: '钱某某', totalInvestmentYuan: '12345678', version: 2 }),
      });
      const byBodyVersion = await patch(project.id, { location: '大召街道', version: 2 }, callers.admin.headers);
      expect(byBodyVersion.statusCode).toBe(200);
      expect(byBodyVersion.json()).toMatchObject({ location: '大召街道', version: 3 });
    });

    it('refuses a stale write with 412 and leaves the record unchanged', async () => {
      const project = await fresh({ leadOfficial: '孙某某' });
      expect((await patch(project.id, { leadOfficial: '周某某' }, { ...callers.admin.headers, 'if-match': '"1"' })).statusCode).toBe(200);
      const stale = await patch(project.id, { leadOfficial: '吴某某' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'STALE_VERSION' });
      const stored = await database.dataSource.getRepository(Project).findOneByOrFail({ id: project.id });
      expect(stored).toMatchObject({ leadOfficial: '周某某', version: 2 });
      expect(await auditRowsOf(database.dataSource, 'project', project.id)).toHaveLength(1);
    });

    it('lets only one of two concurrent writes with the same ETag through', async () => {
      const project = await fresh();
      const headers = { ...callers.admin.headers, 'if-match': '"1"' };
      const results = await Promise.all([
        patch(project.id, { leadOfficial: '甲' }, headers),
        patch(project.id, { leadOfficial: '乙' }, headers),
      ]);
      expect(results.map((result) => result.statusCode).sort()).toEqual([200, 412]);
      const stored = await database.dataSource.getRepository(Project).findOneByOrFail({ id: project.id });
      expect(stored.version).toBe(2);
    });

    it('follows the allowed status moves: 409 INVALID_STATUS_TRANSITION naming the allowed ones', async () => {
      const project = await fresh({ status: 'preparation' });
      const jump = await patch(project.id, { status: 'in_service' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(jump.statusCode).toBe(409);
      expect(jump.json()).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
      expect(jump.json().message).toEqual(expect.stringContaining('under_construction'));
      const move = await patch(project.id, { status: 'under_construction' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(move.statusCode).toBe(200);
      expect(move.json()).toMatchObject({ status: 'under_construction', statusLabel: '在建', allowedNextStatuses: ['completed', 'suspended', 'cancelled'] });
      const [audit] = await auditRowsOf(database.dataSource, 'project', project.id);
      expect(audit).toMatchObject({ action: 'status_change', before: expect.objectContaining({ status: 'preparation' }), after: expect.objectContaining({ status: 'under_construction' }) });
    });

    it('re-checks the attributes when the kind changes', async () => {
      const project = await fresh({ kind: 'substation', attributes: { voltageKv: 220 } });
      const headers = { ...callers.admin.headers, 'if-match': '"1"' };
      const keepOld = await patch(project.id, { kind: 'school' }, headers);
      expect(keepOld.statusCode).toBe(400);
      expect(keepOld.json().details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'attributes.voltageKv' }), expect.objectContaining({ field: 'attributes.schoolType' })]),
      );
      const wrongType = await patch(project.id, { attributes: { voltageKv: 'high' } }, headers);
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().details).toEqual([expect.objectContaining({ field: 'attributes.voltageKv' })]);
      const changed = await patch(project.id, { kind: 'school', attributes: { schoolType: 'nine_year', places: 1620 } }, headers);
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ kind: 'school', kindLabel: '学校/幼儿园', attributes: { schoolType: 'nine_year', places: 1620 } });
    });

    it('checks the planned dates against the stored ones', async () => {
      const project = await fresh({ plannedStartDate: '2026-05-01', plannedEndDate: '2027-05-01' });
      const response = await patch(project.id, { plannedEndDate: '2026-04-30' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'plannedEndDate' })]);
    });

    it('moves a project to another group and refuses a name its owner unit already has there', async () => {
      const roads = await group(8, 1);
      await createProject(database.dataSource, { groupId: roads.id, name: '重名迁移测试工程', ownerDepartmentId: callers.departmentA.id });
      const project = await fresh({ name: '重名迁移测试工程' });
      const clash = await patch(project.id, { columnNumber: 8, groupNumber: 1 }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(clash.statusCode).toBe(409);
      expect(clash.json()).toMatchObject({ code: 'PROJECT_NAME_TAKEN' });
      const moved = await patch(project.id, { columnNumber: 8, groupNumber: 3, name: '迁移后工程' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(moved.statusCode).toBe(200);
      expect(moved.json()).toMatchObject({ name: '迁移后工程', column: { number: 8 }, group: { number: 3 } });
    });

    it("lets the owner unit's editor correct a typo in the name (更正), with before and after in the audit trail under the editor's name", async () => {
      const project = await fresh({ name: '玉泉变 220 千伏变电站工承' });
      const response = await patch(project.id, { name: '玉泉变 220 千伏变电站工程' }, { ...callers.editorA.headers, 'if-match': '"1"' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ name: '玉泉变 220 千伏变电站工程', version: 2 });
      const audit = await auditRowsOf(database.dataSource, 'project', project.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: 'update',
        actorType: 'user',
        before: expect.objectContaining({ name: '玉泉变 220 千伏变电站工承', version: 1 }),
        after: expect.objectContaining({ name: '玉泉变 220 千伏变电站工程', version: 2 }),
      });
      const trail = await app.inject({ method: 'GET', url: `/api/v1/audit?entity=project&entityId=${project.id}`, headers: callers.admin.headers });
      expect(trail.statusCode).toBe(200);
      expect(trail.json().items).toHaveLength(1);
    });

    it('lets a department editor change its own department\'s projects only, and not hand them to another department', async () => {
      const own = await fresh();
      const ownResponse = await patch(own.id, { description: '东区管线迁改完成' }, { ...callers.editorA.headers, 'if-match': '"1"' });
      expect(ownResponse.statusCode).toBe(200);
      const handOver = await patch(own.id, { ownerUnitId: callers.departmentB.id }, { ...callers.editorA.headers, 'if-match': '"2"' });
      expect(handOver.statusCode).toBe(403);
      const others = await fresh({ ownerDepartmentId: callers.departmentB.id });
      const otherResponse = await patch(others.id, { description: '越权修改' }, { ...callers.editorA.headers, 'if-match': '"1"' });
      expect(otherResponse.statusCode).toBe(403);
      expect((await database.dataSource.getRepository(Project).findOneByOrFail({ id: others.id })).description).toBeNull();
      const adminHandOver = await patch(own.id, { ownerUnitId: callers.departmentB.id }, { ...callers.admin.headers, 'if-match': '"2"' });
      expect(adminHandOver.statusCode).toBe(200);
      expect(adminHandOver.json().ownerUnit.id).toBe(callers.departmentB.id);
    });

    it('refuses viewers and the supervisory office with 403', async () => {
      const project = await fresh();
      for (const caller of [callers.viewer, callers.supervisor]) {
        const response = await patch(project.id, { description: 'x' }, { ...caller.headers, 'if-match': '"1"' });
        expect(response.statusCode).toBe(403);
      }
    });

    it('writes nothing for a change that changes nothing', async () => {
      const project = await fresh({ leadOfficial: '郑某某' });
      const response = await patch(project.id, { leadOfficial: '郑某某' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(response.statusCode).toBe(200);
      expect(response.json().version).toBe(1);
      expect(await auditRowsOf(database.dataSource, 'project', project.id)).toHaveLength(0);
    });

    it('answers 404 for an unknown project and 400 for a malformed If-Match', async () => {
      const unknown = await patch('00000000-0000-4000-8000-000000000000', { description: 'x' }, { ...callers.admin.headers, 'if-match': '"1"' });
      expect(unknown.statusCode).toBe(404);
      const project = await fresh();
      const malformed = await patch(project.id, { description: 'x' }, { ...callers.admin.headers, 'if-match': 'yesterday' });
      expect(malformed.statusCode).toBe(400);
    });
  });
});
