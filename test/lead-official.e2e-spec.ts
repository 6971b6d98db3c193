import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, Project, User } from '@app/domain';
import { createDepartment, createPlanGroup, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The lead official (包联领导) as a person in the system: set through the API by
 * an admin or the owner unit's editor, an active user only; a leader role that
 * reads and never writes; ?mine=true; the notices of the projects they lead.
 */
describe('lead official and the leader role', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let unitA: Department;
  let unitB: Department;
  let leader: User;
  let retired: User;
  let projectA: Project;
  let projectB: Project;
  const headers = {} as Record<'admin' | 'editorA' | 'editorB' | 'leader' | 'supervisor', { authorization: string }>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: '2026-11-25T10:00:00+08:00' });
    const ds = database.dataSource;
    const group = await createPlanGroup(ds);
    unitA = await createDepartment(ds, { name: '区住房和城乡建设局' });
    unitB = await createDepartment(ds, { name: '区教育局' });
    leader = await createUser(ds, 'leader', { displayName: '王某某（副区长）' });
    retired = await createUser(ds, 'leader', { isActive: false });
    projectA = await createProject(ds, { groupId: group.id, ownerDepartmentId: unitA.id, name: '玉泉变 220 千伏变电站工程' });
    projectB = await createProject(ds, { groupId: group.id, ownerDepartmentId: unitB.id, name: '昭君路小学新建项目' });
    await createProject(ds, { groupId: group.id, ownerDepartmentId: unitB.id, name: '学府路道路拓宽改造工程' });
    headers.admin = await signIn(app, (await createUser(ds, 'admin')).username);
    headers.supervisor = await signIn(app, (await createUser(ds, 'supervisor')).username);
    headers.editorA = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: unitA.id })).username);
    headers.editorB = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: unitB.id })).username);
    headers.leader = await signIn(app, leader.username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const patch = async (project: Project, who: keyof typeof headers, payload: Record<string, unknown>) => {
    const current = await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: headers.admin });
    return app.inject({ method: 'PATCH', url: `/api/v1/projects/${project.id}`, headers: { ...headers[who], 'if-match': current.headers.etag as string }, payload });
  };

  it("lets the owner unit's editor set an active user as lead official, with the change in the audit trail", async () => {
    const response = await patch(projectA, 'editorA', { leadOfficialUserId: leader.id });
    expect(response.statusCode).toBe(200);
    expect(response.json().leadOfficialUser).toEqual({ id: leader.id, displayName: '王某某（副区长）' });
    const [audit] = await database.dataSource.query(
      `SELECT before ->> 'leadOfficialUserId' AS before, after ->> 'leadOfficialUserId' AS after FROM audit_log WHERE entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [projectA.id],
    );
    expect(audit).toEqual({ before: null, after: leader.id });
  });

  it('refuses an inactive or unknown user with 400 naming the field, and another unit\'s editor with 403', async () => {
    for (const id of [retired.id, '00000000-0000-4000-8000-000000000000']) {
      const response = await patch(projectB, 'admin', { leadOfficialUserId: id });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_LEAD_OFFICIAL', details: [{ field: 'leadOfficialUserId' }] });
    }
    expect((await patch(projectB, 'editorA', { leadOfficialUserId: leader.id })).statusCode).toBe(403);
    const bad = await patch(projectB, 'admin', { leadOfficialUserId: 'someone' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual([expect.objectContaining({ field: 'leadOfficialUserId' })]);
    // The admin sets it for any unit's project.
    expect((await patch(projectB, 'admin', { leadOfficialUserId: leader.id })).statusCode).toBe(200);
  });

  it('lists ?mine=true: my unit\'s projects plus those I lead', async () => {
    const names = async (who: keyof typeof headers) => {
      const response = await app.inject({ method: 'GET', url: '/api/v1/projects?mine=true&sort=name', headers: headers[who] });
      expect(response.statusCode).toBe(200);
      return response.json().items.map((item: { name: string }) => item.name).sort();
    };
    expect(await names('leader')).toEqual(['昭君路小学新建项目', '玉泉变 220 千伏变电站工程'].sort());
    expect(await names('editorA')).toEqual(['玉泉变 220 千伏变电站工程']);
    expect(await names('editorB')).toEqual(['学府路道路拓宽改造工程', '昭君路小学新建项目'].sort());
    const all = await app.inject({ method: 'GET', url: '/api/v1/projects', headers: headers.leader });
    expect(all.json().total).toBe(3);
  });

  it('gives the leader the notices of the projects they lead, and no write', async () => {
    const issue = async (unit: Department, project: Project) => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/supervision-notices',
        headers: headers.supervisor,
        payload: { ownerUnitId: unit.id, title: '关于加快推进项目的督办单', body: '请于期限内报送整改措施', items: [{ projectId: project.id }] },
      });
      expect(response.statusCode).toBe(201);
      return response.json().id as string;
    };
    const led = await issue(unitA, projectA);
    // A third project, not led by them.
    const [other] = await database.dataSource.query(`SELECT id FROM projects WHERE name = '学府路道路拓宽改造工程'`);
    const notLed = await issue(unitB, { id: other.id } as Project);
    const list = await app.inject({ method: 'GET', url: '/api/v1/supervision-notices', headers: headers.leader });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { id: string }) => item.id)).toEqual([led]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/supervision-notices/${led}`, headers: headers.leader })).statusCode).toBe(200);
    const notTheirs = await app.inject({ method: 'GET', url: `/api/v1/supervision-notices/${notLed}`, headers: headers.leader });
    expect({ status: notTheirs.statusCode, code: notTheirs.json().code }).toEqual({ status: 403, code: 'NOT_LEAD_OFFICIAL' });
    expect((await patch(projectA, 'leader', { description: '领导批示' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/reports/weekly', headers: headers.leader })).statusCode).toBe(200);
  });
});
