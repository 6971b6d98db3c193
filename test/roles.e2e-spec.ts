import type { InjectOptions } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, Milestone, Project } from '@app/domain';
import { createDepartment, createMilestone, createPlanGroup, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The read side of the role matrix: every kind of caller against the read
 * routes of a project of department A (the write side, every write route of the
 * OpenAPI document, is access-matrix.e2e-spec.ts). Each case gets a fresh
 * project with one milestone.
 *
 *   every signed-in role   reads every project
 *   API key                reads with projects:read; /users → 403
 *   /users                 admins only → 403 for the rest
 *   no credentials         401 everywhere
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
  /** read: every signed-in role and projects:read keys; admin: admins only. */
  access: 'read' | 'admin';
  /** Status of an allowed call. */
  success: number;
  request: (fixture: Fixture) => Omit<InjectOptions, 'headers'> & { headers?: Record<string, string> };
}

let sequence = 0;

const ROUTES: RouteCase[] = [
  { name: 'GET /projects', access: 'read', success: 200, request: () => ({ method: 'GET', url: '/api/v1/projects' }) },
  { name: 'GET /projects/:id', access: 'read', success: 200, request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}` }) },
  {
    name: 'GET /projects/:id/milestones',
    access: 'read',
    success: 200,
    request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}/milestones` }),
  },
  {
    name: 'GET /projects/:id/progress-reports',
    access: 'read',
    success: 200,
    request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}/progress-reports` }),
  },
  {
    name: 'GET /projects/:id/investment',
    access: 'read',
    success: 200,
    request: ({ project }) => ({ method: 'GET', url: `/api/v1/projects/${project.id}/investment` }),
  },
  { name: 'GET /users', access: 'admin', success: 200, request: () => ({ method: 'GET', url: '/api/v1/users' }) },
];

function expectedStatus(actor: Actor, route: RouteCase): number {
  if (actor === 'anonymous') return 401;
  if (actor === 'admin') return route.success;
  if (route.access === 'read') return route.success;
  return 403;
}

const CASES = ROUTES.flatMap((route) => ACTORS.map((actor) => ({ route, actor, expected: expectedStatus(actor, route) })));

describe('role matrix: who may read what', () => {
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

  it.each(CASES.map((c) => [c.actor, c.route.name, c.expected, c] as const))('%s: %s → %i', async (_actor, _route, expected, { route, actor }) => {
    const project = await createProject(database.dataSource, { ownerDepartmentId: departmentA.id, name: `角色矩阵项目${++sequence}` });
    const milestone = await createMilestone(database.dataSource, project.id, { kind: 'construction_start', plannedDate: '2026-12-15' });
    const { headers, ...request } = route.request({ project, milestone, ownDepartment: departmentA });
    const response = await app.inject({ ...request, headers: { ...headers, ...credentials[actor] } } as InjectOptions);

    expect({ status: response.statusCode, body: response.statusCode === expected ? undefined : response.body }).toEqual({
      status: expected,
      body: undefined,
    });
    if (expected === 401) expect(response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
