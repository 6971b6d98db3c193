import type { InjectOptions } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, districtDate, Milestone, Project, UserRole } from '@app/domain';
import { onePagePdf } from './support/evidence-files';
import { createDepartment, createMilestone, createPlanGroup, createProject, createUser, signIn } from './support/factories';
import { multipart } from './support/multipart';
import { OpenApiDocument } from './support/openapi-fuzz';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The access matrix over every write route of the live OpenAPI document: each
 * route's x-roles (what @AllowRoles says) against what the route really does,
 * for every kind of caller, on a record of unit A.
 *
 *   not signed in                          401
 *   API key                                403 FORBIDDEN (keys only read)
 *   a role outside x-roles                 403 FORBIDDEN
 *   another unit's editor, on A's record   403 NOT_OWN_DEPARTMENT   ("not yours" is always 403, never 404)
 *   everyone else in x-roles               the route's success (a 2xx leaves an audit row; a refusal none)
 *
 * Every write route must have a case below (or be self-service): a route added
 * later without one fails the first test, so nobody ships a write whose rule
 * nobody checked.
 */

type Actor = 'admin' | 'supervisor' | 'editorOwn' | 'editorOther' | 'viewer' | 'leader' | 'apiKey' | 'anonymous';
const ACTORS: Actor[] = ['admin', 'supervisor', 'editorOwn', 'editorOther', 'viewer', 'leader', 'apiKey', 'anonymous'];
const ROLE_OF: Record<Exclude<Actor, 'apiKey' | 'anonymous'>, UserRole> = {
  admin: 'admin',
  supervisor: 'supervisor',
  editorOwn: 'department_editor',
  editorOther: 'department_editor',
  viewer: 'viewer',
  leader: 'leader',
};

/** Routes any signed-in user calls on their own account (no x-roles): keys refused, every role allowed. */
const SELF_SERVICE = new Set([
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password',
  'PUT /api/v1/notifications/preferences',
  'POST /api/v1/notifications/read-all',
  'POST /api/v1/notifications/{id}/read',
]);

/** Fresh records of unit A for each call, so one caller's success never changes what the next one meets. */
interface Fixture {
  unitA: Department;
  /** A third unit, the coordinating department of the problem. */
  unitC: Department;
  /** Raised by unit A's editor on the project, coordinated by unit C; new. */
  problem: { id: string; version: number };
  project: Project;
  milestone: Milestone;
  /** Issued to unit A about the project; not replied. */
  notice: { id: string; version: number; itemIds: string[] };
  reportId: string;
  attachmentId: string;
  channelId: string;
  /** Versions of the settings rows, for If-Match. */
  reminderRulesVersion: number;
  lightRulesVersion: number;
  reportingSettingsVersion: number;
}

interface WriteCase {
  /**
   * unit: a record of unit A — its editor and admins succeed, another unit's editor gets NOT_OWN_DEPARTMENT.
   * office: not a unit's record — every role in x-roles succeeds.
   */
  owner: 'unit' | 'office';
  /** What an allowed call answers. Office routes sent ids that do not exist answer 404: the call got past access. */
  success: number;
  /** Allowed roles a record's own rule still refuses, with the code it answers (e.g. a problem's step that is another unit's). */
  refused?: Partial<Record<Actor, string>>;
  request: (fixture: Fixture) => InjectOptions;
}

let sequence = 0;
const unique = () => `${process.pid}${++sequence}`;
const MISSING = '00000000-0000-4000-8000-00000000abcd';
const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });
const pdfUpload = () => multipart([{ field: 'file', name: `佐证${unique()}.pdf`, content: onePagePdf(`evidence ${unique()}`) }]);

const CASES: Record<string, WriteCase> = {
  'POST /api/v1/departments': {
    owner: 'office',
    success: 201,
    request: () => ({ method: 'POST', url: '/api/v1/departments', payload: { code: `matrix-${unique()}`, name: `矩阵测试局${unique()}`, kind: 'department' } }),
  },
  'PATCH /api/v1/departments/{id}': {
    owner: 'office',
    success: 200,
    request: ({ unitA }) => ({ method: 'PATCH', url: `/api/v1/departments/${unitA.id}`, payload: { name: `${unitA.name}${unique()}` } }),
  },
  'POST /api/v1/users': {
    owner: 'office',
    success: 201,
    request: () => ({ method: 'POST', url: '/api/v1/users', payload: { username: `matrix-${unique()}`, displayName: '矩阵', password: 'Matrix-pass-2026', role: 'viewer' } }),
  },
  'PATCH /api/v1/users/{id}': { owner: 'office', success: 404, request: () => ({ method: 'PATCH', url: `/api/v1/users/${MISSING}`, payload: { displayName: '改名' } }) },
  'POST /api/v1/api-keys': { owner: 'office', success: 201, request: () => ({ method: 'POST', url: '/api/v1/api-keys', payload: { name: `大屏${unique()}`, scopes: ['projects:read'] } }) },
  'DELETE /api/v1/api-keys/{id}': { owner: 'office', success: 404, request: () => ({ method: 'DELETE', url: `/api/v1/api-keys/${MISSING}` }) },
  'POST /api/v1/projects': {
    owner: 'unit',
    success: 201,
    request: ({ unitA }) => ({
      method: 'POST',
      url: '/api/v1/projects',
      payload: { name: `矩阵新建项目${unique()}`, columnNumber: 2, groupNumber: 1, kind: 'other', ownerUnitId: unitA.id },
    }),
  },
  'PATCH /api/v1/projects/{id}': {
    owner: 'unit',
    success: 200,
    request: ({ project }) => ({ method: 'PATCH', url: `/api/v1/projects/${project.id}`, headers: ifMatch(project.version), payload: { description: '完成施工图审查' } }),
  },
  'PUT /api/v1/projects/{id}/investment/annual-plans/{year}': {
    owner: 'unit',
    success: 200,
    request: ({ project }) => ({ method: 'PUT', url: `/api/v1/projects/${project.id}/investment/annual-plans/2026`, payload: { amountWan: '8000' } }),
  },
  'PUT /api/v1/projects/{id}/investment/monthly/{month}': {
    owner: 'unit',
    success: 200,
    request: ({ project }) => ({ method: 'PUT', url: `/api/v1/projects/${project.id}/investment/monthly/${districtDate(new Date()).slice(0, 7)}`, payload: { amountWan: '120' } }),
  },
  'POST /api/v1/projects/{projectId}/milestones': {
    owner: 'unit',
    success: 201,
    request: ({ project }) => ({ method: 'POST', url: `/api/v1/projects/${project.id}/milestones`, payload: { kind: 'completion_acceptance', plannedDate: '2027-10-29' } }),
  },
  'PATCH /api/v1/milestones/{id}': {
    owner: 'unit',
    success: 200,
    request: ({ milestone }) => ({ method: 'PATCH', url: `/api/v1/milestones/${milestone.id}`, headers: ifMatch(milestone.version), payload: { note: '已取得施工许可证' } }),
  },
  'POST /api/v1/milestones/{id}/remove': {
    owner: 'unit',
    // 开工 is a key milestone: its removal goes to the 督查室 as a request (202).
    success: 202,
    request: ({ milestone }) => ({ method: 'POST', url: `/api/v1/milestones/${milestone.id}/remove`, headers: ifMatch(milestone.version), payload: { reason: '重复录入' } }),
  },
  'POST /api/v1/deadline-change-requests/{id}/approve': {
    owner: 'office',
    success: 404,
    request: () => ({ method: 'POST', url: `/api/v1/deadline-change-requests/${MISSING}/approve`, payload: {} }),
  },
  'POST /api/v1/deadline-change-requests/{id}/reject': {
    owner: 'office',
    success: 404,
    request: () => ({ method: 'POST', url: `/api/v1/deadline-change-requests/${MISSING}/reject`, payload: { comment: '理由不充分' } }),
  },
  'PUT /api/v1/settings/deadline-changes': {
    owner: 'office',
    success: 200,
    request: () => ({ method: 'PUT', url: '/api/v1/settings/deadline-changes', payload: { maxWorkingDaysWithoutApproval: 5 } }),
  },
  'PUT /api/v1/reminder-rules': {
    owner: 'office',
    success: 200,
    request: ({ reminderRulesVersion }) => ({
      method: 'PUT',
      url: '/api/v1/reminder-rules',
      headers: ifMatch(reminderRulesVersion),
      payload: { dueSoonOffsets: [5, 3, 1], onDueDay: true, overdueRepeatEvery: 3, escalateLeadAfter: 5, escalateSupervisorAfter: 10, sendAt: '08:30' },
    }),
  },
  'POST /api/v1/projects/{projectId}/progress-reports': {
    owner: 'unit',
    success: 201,
    request: ({ project }) => ({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports`,
      payload: { period: districtDate(new Date()).slice(0, 7), text: '主体结构施工至第12层。', percentComplete: '45.5' },
    }),
  },
  'POST /api/v1/projects/{projectId}/progress-reports/{reportId}/withdraw': {
    owner: 'unit',
    success: 200,
    request: ({ project, reportId }) => ({ method: 'POST', url: `/api/v1/projects/${project.id}/progress-reports/${reportId}/withdraw`, payload: { reason: '误填' } }),
  },
  'POST /api/v1/projects/{projectId}/progress-reports/{reportId}/attachments': {
    owner: 'unit',
    success: 201,
    request: ({ project, reportId }) => ({ method: 'POST', url: `/api/v1/projects/${project.id}/progress-reports/${reportId}/attachments`, ...pdfUpload() }),
  },
  'POST /api/v1/milestones/{milestoneId}/attachments': {
    owner: 'unit',
    // 409 until the milestone is done: past the access check, the milestone's own rule answers.
    success: 409,
    request: ({ milestone }) => ({ method: 'POST', url: `/api/v1/milestones/${milestone.id}/attachments`, ...pdfUpload() }),
  },
  'POST /api/v1/supervision-notices/{noticeId}/attachments': {
    owner: 'unit',
    success: 201,
    request: ({ notice }) => ({ method: 'POST', url: `/api/v1/supervision-notices/${notice.id}/attachments`, ...pdfUpload() }),
  },
  'POST /api/v1/attachments/{id}/withdraw': {
    owner: 'unit',
    success: 200,
    request: ({ attachmentId }) => ({ method: 'POST', url: `/api/v1/attachments/${attachmentId}/withdraw`, payload: { reason: '传错文件' } }),
  },
  'POST /api/v1/departments/{departmentId}/channels': {
    owner: 'unit',
    success: 201,
    request: ({ unitA }) => ({ method: 'POST', url: `/api/v1/departments/${unitA.id}/channels`, payload: { channel: 'email', address: `office-${unique()}@yuquan.example.gov.cn` } }),
  },
  'PATCH /api/v1/department-channels/{id}': {
    owner: 'unit',
    success: 200,
    request: ({ channelId }) => ({ method: 'PATCH', url: `/api/v1/department-channels/${channelId}`, payload: { label: '办公室邮箱' } }),
  },
  'DELETE /api/v1/department-channels/{id}': {
    owner: 'unit',
    success: 204,
    request: ({ channelId }) => ({ method: 'DELETE', url: `/api/v1/department-channels/${channelId}` }),
  },
  'POST /api/v1/department-channels/{id}/test': {
    owner: 'unit',
    // E-mail is not configured in tests: 502 CHANNEL_TEST_FAILED before any connection, after the access check.
    success: 502,
    request: ({ channelId }) => ({ method: 'POST', url: `/api/v1/department-channels/${channelId}/test` }),
  },
  'POST /api/v1/admin/failed-jobs/{queue}/{jobId}/retry': {
    owner: 'office',
    success: 404,
    request: () => ({ method: 'POST', url: '/api/v1/admin/failed-jobs/reminders/no-such-job/retry' }),
  },
  'POST /api/v1/admin/jobs/{name}/run': { owner: 'office', success: 404, request: () => ({ method: 'POST', url: '/api/v1/admin/jobs/no-such-job/run', payload: {} }) },
  'POST /api/v1/supervision-notices': {
    owner: 'office',
    success: 201,
    request: ({ unitA, project }) => ({
      method: 'POST',
      url: '/api/v1/supervision-notices',
      payload: { ownerUnitId: unitA.id, title: '关于节点滞后的督办通知', body: '请报送整改措施。', items: [{ projectId: project.id }] },
    }),
  },
  'POST /api/v1/supervision-notices/{id}/reply': {
    owner: 'unit',
    success: 200,
    request: ({ notice }) => ({
      method: 'POST',
      url: `/api/v1/supervision-notices/${notice.id}/reply`,
      headers: ifMatch(notice.version),
      payload: { measures: '已组织施工单位加班赶工。', items: notice.itemIds.map((itemId) => ({ itemId, committedDate: '2027-06-30' })) },
    }),
  },
  'POST /api/v1/supervision-notices/{id}/accept': {
    owner: 'office',
    // Not replied yet (409): past the access check, the notice's own rule answers.
    success: 409,
    request: ({ notice }) => ({ method: 'POST', url: `/api/v1/supervision-notices/${notice.id}/accept`, headers: ifMatch(notice.version), payload: {} }),
  },
  'POST /api/v1/supervision-notices/{id}/return': {
    owner: 'office',
    success: 409,
    request: ({ notice }) => ({ method: 'POST', url: `/api/v1/supervision-notices/${notice.id}/return`, headers: ifMatch(notice.version), payload: { comment: '措施不具体' } }),
  },
  'PUT /api/v1/warning-light-rules': {
    owner: 'office',
    success: 200,
    request: ({ lightRulesVersion }) => ({ method: 'PUT', url: '/api/v1/warning-light-rules', headers: ifMatch(lightRulesVersion), payload: { dueSoonWorkingDays: 5, baselineSlipWorkingDays: 10, progressLagPoints: 10 } }),
  },
  'POST /api/v1/reports/weekly/{isoWeek}/build': { owner: 'office', success: 201, request: () => ({ method: 'POST', url: `/api/v1/reports/weekly/2026-W${10 + (++sequence % 30)}/build` }) },
  'POST /api/v1/imports': {
    owner: 'office',
    // A body without a workbook is refused by the importer (400), after the access check; row-level scoping is tested in imports.
    success: 400,
    request: () => ({ method: 'POST', url: '/api/v1/imports', payload: { kind: 'projects' } }),
  },
  'POST /api/v1/coordination-problems': {
    owner: 'unit',
    success: 201,
    request: ({ project, unitC }) => ({
      method: 'POST',
      url: '/api/v1/coordination-problems',
      payload: { projectId: project.id, typeCode: 'funding', title: '资金未到位', need: '需区财政局拨付', coordinatingUnitIds: [unitC.id], neededByDate: '2027-06-30' },
    }),
  },
  'POST /api/v1/projects/{projectId}/progress-reports/{reportId}/coordination-problems': {
    owner: 'unit',
    success: 201,
    request: ({ project, reportId, unitC }) => ({
      method: 'POST',
      url: `/api/v1/projects/${project.id}/progress-reports/${reportId}/coordination-problems`,
      payload: { typeCode: 'land', need: '需协调交地', coordinatingUnitIds: [unitC.id], neededByDate: '2027-06-30' },
    }),
  },
  'POST /api/v1/coordination-problems/{id}/accept': {
    owner: 'unit',
    success: 200,
    // Accepting is the coordinating department's (unit C): the raising unit's own editor is refused by the problem's rule.
    refused: { editorOwn: 'PROBLEM_STEP_NOT_YOURS' },
    request: ({ problem, unitC }) => ({
      method: 'POST',
      url: `/api/v1/coordination-problems/${problem.id}/accept`,
      headers: ifMatch(problem.version),
      payload: { measure: '已列入区财政预算调整', measureDate: '2027-03-19', departmentId: unitC.id },
    }),
  },
  'POST /api/v1/coordination-problems/{id}/claim': {
    owner: 'unit',
    success: 200,
    request: ({ problem }) => ({ method: 'POST', url: `/api/v1/coordination-problems/${problem.id}/claim`, headers: ifMatch(problem.version), payload: {} }),
  },
  'POST /api/v1/coordination-problems/{id}/close': {
    owner: 'office',
    // Nobody claimed it solved yet (409): past the access check, the problem's own rule answers.
    success: 409,
    request: ({ problem }) => ({ method: 'POST', url: `/api/v1/coordination-problems/${problem.id}/close`, headers: ifMatch(problem.version), payload: {} }),
  },
  'POST /api/v1/coordination-problems/{id}/return': {
    owner: 'office',
    success: 409,
    request: ({ problem }) => ({ method: 'POST', url: `/api/v1/coordination-problems/${problem.id}/return`, headers: ifMatch(problem.version), payload: { comment: '未见解决材料' } }),
  },
  'POST /api/v1/coordination-problems/{id}/suspend': {
    owner: 'unit',
    success: 200,
    request: ({ problem }) => ({ method: 'POST', url: `/api/v1/coordination-problems/${problem.id}/suspend`, headers: ifMatch(problem.version), payload: { comment: '等待规划调整' } }),
  },
  'POST /api/v1/coordination-problems/{id}/resume': {
    owner: 'unit',
    // Not suspended (409): past the access check.
    success: 409,
    request: ({ problem }) => ({ method: 'POST', url: `/api/v1/coordination-problems/${problem.id}/resume`, headers: ifMatch(problem.version), payload: {} }),
  },
  'POST /api/v1/problem-types': {
    owner: 'office',
    success: 201,
    request: () => ({ method: 'POST', url: '/api/v1/problem-types', payload: { code: `matrix_${unique()}`, name: `矩阵问题类型${unique()}` } }),
  },
  'PATCH /api/v1/problem-types/{code}': { owner: 'office', success: 200, request: () => ({ method: 'PATCH', url: '/api/v1/problem-types/other', payload: { sortOrder: 99 } }) },
  'PUT /api/v1/settings/coordination-problems': {
    owner: 'office',
    success: 200,
    request: () => ({ method: 'PUT', url: '/api/v1/settings/coordination-problems', payload: { stallWorkingDays: 5 } }),
  },
  'POST /api/v1/node-templates': {
    owner: 'office',
    success: 201,
    request: () => ({
      method: 'POST',
      url: '/api/v1/node-templates',
      payload: {
        code: `matrix-${unique()}`,
        name: `矩阵模板${unique()}`,
        kind: 'other',
        nodes: [{ code: 'start', name: '开工', milestoneKind: 'construction_start', durationWorkingDays: 5, dependsOn: [] }],
      },
    }),
  },
  'POST /api/v1/node-templates/{id}/versions': {
    owner: 'office',
    success: 404,
    request: () => ({
      method: 'POST',
      url: `/api/v1/node-templates/${MISSING}/versions`,
      payload: { nodes: [{ code: 'start', name: '开工', milestoneKind: 'construction_start', durationWorkingDays: 5, dependsOn: [] }] },
    }),
  },
  'PUT /api/v1/node-templates/{id}/current-version': {
    owner: 'office',
    success: 404,
    request: () => ({ method: 'PUT', url: `/api/v1/node-templates/${MISSING}/current-version`, payload: { number: 1 } }),
  },
  'PUT /api/v1/settings/reporting': {
    owner: 'office',
    success: 200,
    request: ({ reportingSettingsVersion }) => ({
      method: 'PUT',
      url: '/api/v1/settings/reporting',
      headers: ifMatch(reportingSettingsVersion),
      payload: { defaultPeriod: 'week', weeklyDeadlineWeekday: 5, deadlineTime: '17:00', staleWorkingDays: 10 },
    }),
  },
  'PUT /api/v1/projects/{id}/reporting-period': {
    owner: 'office',
    success: 200,
    request: ({ project }) => ({ method: 'PUT', url: `/api/v1/projects/${project.id}/reporting-period`, headers: ifMatch(project.version), payload: { reportingPeriod: 'month' } }),
  },
  'PUT /api/v1/calendar/years/{year}': {
    owner: 'office',
    success: 200,
    request: () => ({ method: 'PUT', url: '/api/v1/calendar/years/2030', payload: { holidays: [], workdays: [] } }),
  },
};

describe('access matrix: every write route, every caller', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let unitA: Department;
  let unitC: Department;
  let document: OpenApiDocument;
  const credentials = {} as Record<Actor, Record<string, string>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { REPORT_RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' });
    const ds = database.dataSource;
    await createPlanGroup(ds);
    unitA = await createDepartment(ds, { code: 'yq-zjj', name: '玉泉区住房和城乡建设局' });
    const unitB = await createDepartment(ds, { code: 'yq-jyj', name: '玉泉区教育局' });
    unitC = await createDepartment(ds, { code: 'yq-czj', name: '玉泉区财政局' });
    const user = async (role: UserRole, departmentId: string | null = null) => signIn(app, (await createUser(ds, role, { departmentId })).username);
    credentials.admin = await user('admin');
    credentials.supervisor = await user('supervisor');
    credentials.editorOwn = await user('department_editor', unitA.id);
    credentials.editorOther = await user('department_editor', unitB.id);
    credentials.viewer = await user('viewer');
    credentials.leader = await user('leader');
    credentials.apiKey = await apiKeyHeaders(ds, ['projects:read', 'reports:read', 'audit:read']);
    credentials.anonymous = {};
    document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  function writeOperations(): Array<{ key: string; roles: UserRole[] | undefined; apiKeyScope: string | undefined }> {
    return Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations as Record<string, Record<string, unknown>>)
        .filter(([method, operation]) => ['post', 'put', 'patch', 'delete'].includes(method) && operation['x-public'] !== true)
        .map(([method, operation]) => ({
          key: `${method.toUpperCase()} ${path}`,
          roles: operation['x-roles'] as UserRole[] | undefined,
          apiKeyScope: operation['x-api-key-scope'] as string | undefined,
        })),
    );
  }

  async function auditCount(): Promise<number> {
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM audit_log`);
    return count;
  }

  async function call(request: InjectOptions, actor: Actor) {
    return app.inject({ ...request, headers: { ...(request.headers as Record<string, string>), ...credentials[actor] } });
  }

  async function arrange(): Promise<Fixture> {
    const ds = database.dataSource;
    const project = await createProject(ds, { ownerDepartmentId: unitA.id, name: `矩阵项目${unique()}` });
    const milestone = await createMilestone(ds, project.id, { kind: 'construction_start', plannedDate: '2026-12-15' });
    const issued = await call(
      {
        method: 'POST',
        url: '/api/v1/supervision-notices',
        payload: { ownerUnitId: unitA.id, title: '关于开工节点的督办通知', body: '请报送整改措施。', items: [{ projectId: project.id, milestoneId: milestone.id }] },
      },
      'supervisor',
    );
    expect(issued.statusCode).toBe(201);
    const notice = issued.json();
    const report = await call(
      {
        method: 'POST',
        url: `/api/v1/projects/${project.id}/progress-reports`,
        payload: { period: districtDate(new Date()).slice(0, 7), text: '完成桩基施工。', percentComplete: '20' },
      },
      'editorOwn',
    );
    expect(report.statusCode).toBe(201);
    const attached = await call({ method: 'POST', url: `/api/v1/projects/${project.id}/progress-reports/${report.json().id}/attachments`, ...pdfUpload() }, 'editorOwn');
    expect(attached.statusCode).toBe(201);
    const channel = await call(
      { method: 'POST', url: `/api/v1/departments/${unitA.id}/channels`, payload: { channel: 'email', address: `fixture-${unique()}@yuquan.example.gov.cn`, enabled: false } },
      'admin',
    );
    expect(channel.statusCode).toBe(201);
    const raised = await call(
      {
        method: 'POST',
        url: '/api/v1/coordination-problems',
        payload: { projectId: project.id, typeCode: 'funding', title: '配套资金缺口', need: '需区财政局统筹', coordinatingUnitIds: [unitC.id], neededByDate: '2027-06-30' },
      },
      'editorOwn',
    );
    expect(raised.statusCode).toBe(201);
    const [{ reminderRulesVersion }] = await ds.query(`SELECT version AS "reminderRulesVersion" FROM reminder_rules`);
    const [{ lightRulesVersion }] = await ds.query(`SELECT version AS "lightRulesVersion" FROM warning_light_rules`);
    const [{ reportingSettingsVersion }] = await ds.query(`SELECT version AS "reportingSettingsVersion" FROM reporting_settings`);
    return {
      unitA,
      unitC,
      problem: { id: raised.json().id, version: raised.json().version },
      // Re-read: the progress report above moved the project's version.
      project: await ds.getRepository(Project).findOneByOrFail({ id: project.id }),
      milestone,
      reminderRulesVersion,
      lightRulesVersion,
      reportingSettingsVersion,
      notice: { id: notice.id, version: notice.version, itemIds: notice.items.map((item: { id: string }) => item.id) },
      reportId: report.json().id,
      attachmentId: attached.json().attached[0].id,
      channelId: channel.json().id,
    };
  }

  it('has a case for every write route of the document, and every write route says who may call it', () => {
    const operations = writeOperations();
    expect(operations.length).toBeGreaterThan(30);
    const uncovered = operations.filter(({ key }) => !CASES[key] && !SELF_SERVICE.has(key)).map(({ key }) => key);
    expect(uncovered).toEqual([]);
    const undeclared = operations.filter(({ key, roles }) => !SELF_SERVICE.has(key) && roles === undefined).map(({ key }) => key);
    expect(undeclared).toEqual([]);
    // No write takes an API key: machine clients only read.
    expect(operations.filter(({ apiKeyScope }) => apiKeyScope !== undefined).map(({ key }) => key)).toEqual([]);
    const stale = Object.keys(CASES).filter((key) => !operations.some((operation) => operation.key === key));
    expect(stale).toEqual([]);
  });

  it('lets every signed-in role use the self-service routes, and no API key', async () => {
    const readAll = { method: 'POST', url: '/api/v1/notifications/read-all' } as const;
    for (const actor of ACTORS) {
      const response = await call(readAll, actor);
      const expected = actor === 'anonymous' ? 401 : actor === 'apiKey' ? 403 : 200;
      expect({ actor, status: response.statusCode }).toEqual({ actor, status: expected });
    }
  });

  const expectations = (roles: UserRole[], { owner, success, refused = {} }: WriteCase) =>
    ACTORS.map((actor) => {
      if (actor === 'anonymous') return { actor, status: 401, code: 'UNAUTHENTICATED' };
      if (actor === 'apiKey') return { actor, status: 403, code: 'FORBIDDEN' };
      if (!roles.includes(ROLE_OF[actor])) return { actor, status: 403, code: 'FORBIDDEN' };
      if (owner === 'unit' && actor === 'editorOther') return { actor, status: 403, code: 'NOT_OWN_DEPARTMENT' };
      const code = refused[actor];
      if (code) return { actor, status: 403, code };
      return { actor, status: success, code: undefined };
    });

  it.each(Object.keys(CASES))('%s', async (key) => {
    const operation = writeOperations().find((candidate) => candidate.key === key);
    expect(operation?.roles).toBeDefined();
    const writeCase = CASES[key];
    // Refused callers share one fixture and must leave no trace on it; each allowed caller gets a fresh one.
    const shared = await arrange();
    for (const expected of expectations(operation!.roles!, writeCase)) {
      const refused = expected.status === 401 || expected.status === 403;
      const auditBefore = await auditCount();
      const response = await call(writeCase.request(refused ? shared : await arrange()), expected.actor);
      // A refused write leaves no trace; an allowed one that succeeds leaves its audit row.
      if (refused) expect({ actor: expected.actor, auditRows: await auditCount() }).toEqual({ actor: expected.actor, auditRows: auditBefore });
      if (response.statusCode < 300) expect({ actor: expected.actor, audited: (await auditCount()) > auditBefore }).toEqual({ actor: expected.actor, audited: true });
      const code = response.statusCode >= 400 ? response.json().code : undefined;
      const seen = { actor: expected.actor, status: response.statusCode, code: expected.code === undefined ? undefined : code };
      expect({ ...seen, body: seen.status === expected.status ? undefined : response.body.slice(0, 300) }).toEqual({ ...expected, body: undefined });
    }
  });
});
