import type { InjectOptions } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, districtDate, Milestone, Project } from '@app/domain';
import { createDepartment, createMilestone, createPlanGroup, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The role matrix: every kind of caller against the real routes, reading and
 * writing, on a project of its own department and of another. Each case gets a
 * fresh project (owned by department A) with one milestone.
 *
 *   admin              writes everything
 *   supervisor (督查室)  reads everything, writes none of these routes → 403
 *   editor of A        writes A's projects
 *   editor of B        reads, but writing A's projects → 403
 *   viewer             reads; writes → 403
 *   leader (区领导)     reads; writes → 403
 *   API key            reads with projects:read; writes (and /users) → 403
 *   no credentials     401 everywhere
 */

type Actor = 'admin' | 'supervisor' | 'editorOwn' | 'editorOther' | 'viewer' | 'leader' | 'apiKey' | 'anonymous';
const ACTORS: Actor[] = ['admin', 'supervisor', 'editorOwn', 'editorOther', 'viewer', 'leader', 'apiKey', 'anonymous'];

interface Fixture {
  project: Project;
  milestone: Milestone;
  ownDepartment: Department;
}

interface RouteCase {
  name: string;
  /** read: every signed-in role and projects:read keys; write: admin and the owning department's editor; admin: admins only. */
  access: 'read' | 'write' | 'admin';
  /** Status of an allowed call. */
  success: number;
  request: (fixture: Fixture) => Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> };
}

const currentMonth = () => districtDate(new Date()).slice(0, 7);
let sequence = 0;

const ROUTES: RouteCase[] = [
  { name: 'GET /projects', access: 'read', success: 200, request: () => ({ method: 'GET', url: '/api/v1/projects' }) },
  { name: 'GET /projects/:id', access: 'read', success: 200, request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}` }) },
  {
    name: 'POST /projects (owner: department A)',
    access: 'write',
    success: 201,
    request: ({ ownDepartment }) => ({
      method: 'POST',
      url: '/api/v1/projects',
      payload: { name: `角色矩阵新建项目${++sequence}`, columnNumber: 2, groupNumber: 1, kind: 'other', ownerUnitId: ownDepartment.id },
    }),
  },
  {
    name: 'PATCH /projects/:id',
    access: 'write',
    success: 200,
    request: ({ project }) => ({
      method: 'PATCH',
      url: `/api/v1/projects/${project.id}`,
      headers: { 'if-match': `"${project.version}"` },
      payload: { description: '完成施工图审查' },
    }),
  },
  {
    name: 'GET /projects/:id/milestones',
    access: 'read',
    success: 200,
    request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}/milestones` }),
  },
  {
    name: 'POST /projects/:id/milestones',
    access: 'write',
    success: 201,
    request: ({ project }) => ({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/milestones`,
      payload: { kind: 'completion_acceptance', plannedDate: '2027-10-31' },
    }),
  },
  {
    name: 'PATCH /milestones/:id',
    access: 'write',
    success: 200,
    request: ({ milestone }) => ({
      method: 'PATCH',
      url: `/api/v1/milestones/${milestone.id}`,
      headers: { 'if-match': `"${milestone.version}"` },
      payload: { note: '已取得施工许可证' },
    }),
  },
  {
    name: 'GET /projects/:id/progress-reports',
    access: 'read',
    success: 200,
    request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}/progress-reports` }),
  },
  {
    name: 'POST /projects/:id/progress-reports',
    access: 'write',
    success: 201,
    request: ({ project }) => ({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports`,
      payload: { period: currentMonth(), text: '主体结构施工至第12层。', percentComplete: '45.5', investmentCompletedWan: '120' },
    }),
  },
  {
    name: 'GET /projects/:id/investment',
    access: 'read',
    success: 200,
    request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}/investment` }),
  },
  {
    name: 'PUT /projects/:id/investment/annual-plans/:year',
    access: 'write',
    success: 200,
    request: ({ project }) => ({
      method: 'PUT',
      url: `/api/v1/projects/${project.id}/investment/annual-plans/2026`,
      payload: { amountWan: '8000' },
    }),
  },
  { name: 'GET /users', access: 'admin', success: 200, request: () => ({ method: 'GET', url: '/api/v1/users' }) },
];

function expectedStatus(actor: Actor, route: RouteCase): number {
  if (actor === 'anonymous') return 401;
  if (actor === 'admin') return route.success;
  if (route.access === 'read') return route.success;
  if (route.access === 'write' && actor === 'editorOwn') return route.success;
  return 403;
}

const CASES = ROUTES.flatMap((route) => ACTORS.map((actor) => ({ route, actor, expected: expectedStatus(actor, route) })));

describe('role matrix: who may read and write what', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let departmentA: Department;
  let departmentB: Department;
  const credentials = {} as Record<Actor, Record<string, string>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database);
    const ds = database.dataSource;
    await createPlanGroup(ds);
    departmentA = await createDepartment(ds, { code: 'yq-zjj', name: '玉泉区住房和城乡建设局' });
    departmentB = await createDepartment(ds, { code: 'yq-jyj', name: '玉泉区教育局' });
    await createUser(ds, 'admin', { username: 'admin' });
    await createUser(ds, 'supervisor', { username: 'supervisor' });
    await createUser(ds, 'department_editor', { username: 'editor-zjj', departmentId: departmentA.id });
    await createUser(ds, 'department_editor', { username: 'editor-jyj', departmentId: departmentB.id });
    await createUser(ds, 'viewer', { username: 'viewer' });
    await createUser(ds, 'leader', { username: 'leader' });
    credentials.admin = await signIn(app, 'admin');
    credentials.supervisor = await signIn(app, 'supervisor');
    credentials.editorOwn = await signIn(app, 'editor-zjj');
    credentials.editorOther = await signIn(app, 'editor-jyj');
    credentials.viewer = await signIn(app, 'viewer');
    credentials.leader = await signIn(app, 'leader');
    credentials.anonymous = {};
    const key = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: credentials.admin,
      payload: { name: '区政府调度大屏', scopes: ['projects:read'] },
    });
    expect(key.statusCode).toBe(201);
    credentials.apiKey = { 'x-api-key': key.json().key };
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  async function auditCount(): Promise<number> {
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM audit_log`);
    return count;
  }

  it.each(CASES.map((c) => [c.actor, c.route.name, c.expected, c] as const))('%s: %s → %i', async (_actor, _route, expected, { route, actor }) => {
    const project = await createProject(database.dataSource, { ownerDepartmentId: departmentA.id, name: `角色矩阵项目${++sequence}` });
    const milestone = await createMilestone(database.dataSource, project.id, { kind: 'construction_start', plannedDate: '2026-12-15' });
    const { headers, ...request } = route.request({ project, milestone, ownDepartment: departmentA });
    const auditBefore = await auditCount();

    const response = await app.inject({ ...request, headers: { ...headers, ...credentials[actor] } } as InjectOptions);

    expect({ status: response.statusCode, body: response.statusCode === expected ? undefined : response.body }).toEqual({
      status: expected,
      body: undefined,
    });
    if (route.access === 'write') {
      // A refused write leaves no trace; an allowed one leaves its audit row.
      const auditAfter = await auditCount();
      if (expected >= 400) expect(auditAfter).toBe(auditBefore);
      else expect(auditAfter).toBeGreaterThan(auditBefore);
    }
    if (expected === 401) expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
