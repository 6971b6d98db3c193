import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, FixedClock } from '@app/calendar';
import { Department, Project, User } from '@app/domain';
import { createDepartment, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Auth = { authorization: string };

/**
 * 问题台账 end to end on the real stack: raise (also from a progress report's 需协调事项), accept by a coordinating
 * department, claim solved, return, close (销号), suspend and resume; who may see and do what (403 outside one's
 * scope, 403 for a step that is not one's own), validation with fields, 409 on a wrong state, If-Match (428/412),
 * the filters and the week's counts, the codelist and the settings. Fixed clock in March 2026 (Mon 9 … Fri 13).
 */
describe('coordination problems (问题台账)', () => {
  const MONDAY_10AM = '2026-03-09T02:00:00Z';
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let clock: FixedClock;
  let supervisor: Auth;
  let admin: Auth;
  let viewer: Auth;
  let supervisorUser: User;

  /** A raising unit with its project, two coordinating departments and a stranger unit, each with an editor. */
  interface World {
    unit: Department;
    unitEditor: Auth;
    unitEditorUser: User;
    project: Project;
    land: Department;
    landEditor: Auth;
    finance: Department;
    financeEditor: Auth;
    stranger: Auth;
    leader: Auth;
    leaderUser: User;
  }

  async function arrange(): Promise<World> {
    const ds = database.dataSource;
    const unit = await createDepartment(ds, { name: `小召前街街道${Math.random().toString(36).slice(2, 7)}` });
    const land = await createDepartment(ds, { name: `区自然资源局${Math.random().toString(36).slice(2, 7)}` });
    const finance = await createDepartment(ds, { name: `区财政局${Math.random().toString(36).slice(2, 7)}` });
    const strangerUnit = await createDepartment(ds);
    const unitEditorUser = await createUser(ds, 'department_editor', { departmentId: unit.id, displayName: '街道王工' });
    const landEditorUser = await createUser(ds, 'department_editor', { departmentId: land.id, displayName: '自然资源局李科长' });
    const financeEditorUser = await createUser(ds, 'department_editor', { departmentId: finance.id });
    const strangerUser = await createUser(ds, 'department_editor', { departmentId: strangerUnit.id });
    const leaderUser = await createUser(ds, 'leader', { displayName: '张副区长' });
    const project = await createProject(ds, {
      ownerDepartmentId: unit.id,
      name: `玉祥·安泽园（范家营棚改回迁房）项目${unit.code}`,
      leadOfficial: '张副区长',
      leadOfficialUserId: leaderUser.id,
    });
    return {
      unit,
      unitEditor: await signIn(app, unitEditorUser.username),
      unitEditorUser,
      project,
      land,
      landEditor: await signIn(app, landEditorUser.username),
      finance,
      financeEditor: await signIn(app, financeEditorUser.username),
      stranger: await signIn(app, strangerUser.username),
      leader: await signIn(app, leaderUser.username),
      leaderUser,
    };
  }

  const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Auth, payload?: object, extra: Record<string, string> = {}) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { ...headers, ...extra }, ...(payload !== undefined && { payload }) });

  const step = (id: string, name: string, as: Auth, version: number, payload: object = {}) =>
    api('POST', `/coordination-problems/${id}/${name}`, as, payload, { 'if-match': `"${version}"` });

  async function raise(world: World, overrides: object = {}, as: Auth = world.unitEditor) {
    const response = await api('POST', '/coordination-problems', as, {
      projectId: world.project.id,
      typeCode: 'land',
      title: '临时用地手续未批复',
      need: '需区自然资源局协调办理 2.3 亩临时用地审批',
      coordinatingUnitIds: [world.land.id, world.finance.id],
      neededByDate: '2026-03-31',
      severity: 'major',
      ...overrides,
    });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: MONDAY_10AM });
    clock = app.get(Clock) as FixedClock;
    supervisorUser = await createUser(database.dataSource, 'supervisor', { displayName: '督查室张科长' });
    supervisor = await signIn(app, supervisorUser.username);
    admin = await signIn(app, (await createUser(database.dataSource, 'admin')).username);
    viewer = await signIn(app, (await createUser(database.dataSource, 'viewer')).username);
  });

  beforeEach(() => clock.set(MONDAY_10AM));

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("a progress report's 需协调事项 → problem → accepted → claimed → returned → claimed → closed (销号), history and links complete", async () => {
    const world = await arrange();
    const filed = await api('POST', `/projects/${world.project.id}/progress-reports`, world.unitEditor, {
      period: '2026-03',
      text: '主体结构施工至第12层。',
      coordinationNeeds: '需区自然资源局协调临时用地手续\n涉及 2.3 亩',
    });
    expect(filed.statusCode).toBe(201);
    const report = filed.json();
    const [{ state_version: versionBefore }] = await database.dataSource.query(`SELECT state_version FROM projects WHERE id = $1`, [world.project.id]);

    const raised = await api('POST', `/projects/${world.project.id}/progress-reports/${report.id}/coordination-problems`, world.unitEditor, {
      typeCode: 'land',
      coordinatingUnitIds: [world.land.id],
      neededByDate: '2026-03-20',
    });
    expect(raised.statusCode).toBe(201);
    expect(raised.headers.etag).toBe('"1"');
    const problem = raised.json();
    expect(problem).toMatchObject({
      number: expect.stringMatching(/^2026-\d{4}$/),
      project: { id: world.project.id, name: world.project.name },
      raisingUnit: { id: world.unit.id, name: world.unit.name },
      leadOfficial: { name: '张副区长', userId: world.leaderUser.id },
      type: { code: 'land', name: '用地/征拆' },
      // The report's words: the first line as the title, the whole text as the need.
      title: '需区自然资源局协调临时用地手续',
      need: '需区自然资源局协调临时用地手续\n涉及 2.3 亩',
      neededByDate: '2026-03-20',
      severity: 'general',
      state: 'new',
      stateLabel: '新增',
      progressReportId: report.id,
      progressReport: { id: report.id, period: '2026-03' },
      coordinatingUnits: [{ id: world.land.id, name: world.land.name, lead: true, measure: null, acceptedAt: null }],
      raisedBy: { id: world.unitEditorUser.id, name: '街道王工' },
      raisedAt: '2026-03-09T02:00:00.000Z',
      workingDaysSinceMove: 0,
      climbStep: 0,
      version: 1,
      // The raising unit may claim it solved or suspend it; accepting is the coordinating department's.
      actions: ['claim', 'suspend'],
    });
    // The report shows its problem.
    const reports = await api('GET', `/projects/${world.project.id}/progress-reports`, world.unitEditor);
    expect(reports.json().items[0].coordinationProblems).toEqual([
      { id: problem.id, number: problem.number, title: problem.title, state: 'new', stateLabel: '新增' },
    ]);
    // The project's state changed: a cached light keyed on state_version is recomputed.
    const [{ state_version: versionAfter }] = await database.dataSource.query(`SELECT state_version FROM projects WHERE id = $1`, [world.project.id]);
    expect(Number(versionAfter)).toBeGreaterThan(Number(versionBefore));

    // The coordinating department sees it with the accept button, and accepts with its measure.
    clock.set('2026-03-10T03:00:00Z');
    const asLand = await api('GET', `/coordination-problems/${problem.id}`, world.landEditor);
    expect(asLand.json().actions).toEqual(['accept']);
    const accepted = await step(problem.id, 'accept', world.landEditor, 1, { measure: '已安排专人对接，本周完成临时用地预审', measureDate: '2026-03-18' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({
      state: 'coordinating',
      stateLabel: '协调中',
      version: 2,
      lastMovedAt: '2026-03-10T03:00:00.000Z',
      coordinatingUnits: [{ id: world.land.id, measure: '已安排专人对接，本周完成临时用地预审', measureDate: '2026-03-18', acceptedAt: '2026-03-10T03:00:00.000Z', acceptedByName: '自然资源局李科长' }],
    });

    clock.set('2026-03-11T03:00:00Z');
    const claimed = await step(problem.id, 'claim', world.unitEditor, 2, { comment: '临时用地已批复' });
    expect(claimed.json()).toMatchObject({ state: 'resolved', stateLabel: '已解决', version: 3, resolvedAt: '2026-03-11T03:00:00.000Z' });
    expect((await api('GET', `/coordination-problems/${problem.id}`, supervisor)).json().actions).toEqual(['close', 'return', 'suspend']);

    const returned = await step(problem.id, 'return', supervisor, 3, { comment: '批复文件未上传，请补充后再申报' });
    expect(returned.json()).toMatchObject({ state: 'coordinating', version: 4, resolvedAt: null });

    clock.set('2026-03-12T03:00:00Z');
    await step(problem.id, 'claim', world.unitEditor, 4, { comment: '已上传批复文件' });
    clock.set('2026-03-13T03:00:00Z');
    const closed = await step(problem.id, 'close', supervisor, 5, { comment: '同意销号' });
    expect(closed.statusCode).toBe(200);
    expect(closed.headers.etag).toBe('"6"');
    const final = closed.json();
    expect(final).toMatchObject({
      state: 'closed',
      stateLabel: '已销号',
      closedAt: '2026-03-13T03:00:00.000Z',
      closedBy: { id: supervisorUser.id, name: '督查室张科长' },
      workingDaysSinceMove: null,
      actions: [],
    });
    expect(final.events.map((event: { type: string; fromState: string | null; toState: string }) => [event.type, event.fromState, event.toState])).toEqual([
      ['raised', null, 'new'],
      ['accepted', 'new', 'coordinating'],
      ['claimed', 'coordinating', 'resolved'],
      ['returned', 'resolved', 'coordinating'],
      ['claimed', 'coordinating', 'resolved'],
      ['closed', 'resolved', 'closed'],
    ]);
    expect(final.events[1]).toMatchObject({
      typeLabel: '受理',
      actor: { name: '自然资源局李科长' },
      department: { id: world.land.id, name: world.land.name },
      at: '2026-03-10T03:00:00.000Z',
      comment: '已安排专人对接，本周完成临时用地预审',
      measureDate: '2026-03-18',
    });
    expect(final.events[3]).toMatchObject({ actor: { id: supervisorUser.id, name: '督查室张科长' }, comment: '批复文件未上传，请补充后再申报' });

    // Every step audited; the history cannot be rewritten.
    const audit = await database.dataSource.query(
      `SELECT action FROM audit_log WHERE entity_type = 'coordination_problem' AND entity_id = $1 ORDER BY id`,
      [problem.id],
    );
    expect(audit.map((row: { action: string }) => row.action)).toEqual(['create', 'accepted', 'claimed', 'returned', 'claimed', 'closed']);
    await expect(database.dataSource.query(`DELETE FROM coordination_problem_events WHERE problem_id = $1`, [problem.id])).rejects.toThrow(/append-only/);

    // The people each step concerns are told (outbox, in the step's transaction).
    const kinds = await database.dataSource.query(
      `SELECT payload->>'kind' AS kind, payload->'audience' AS audience FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [problem.id],
    );
    expect(kinds.map((row: { kind: string }) => row.kind)).toEqual([
      'problem_raised',
      'problem_accepted',
      'problem_claimed',
      'problem_returned',
      'problem_claimed',
      'problem_closed',
    ]);
    expect(kinds[0].audience).toEqual({ unitIds: [world.land.id] });
    expect(kinds[2].audience).toEqual({ supervisors: true });
  });

  it('scopes reads and steps: 403 outside one\'s scope (never 404), 403 for a step that is not one\'s own, roles refused', async () => {
    const world = await arrange();
    const problem = await raise(world);

    // A unit that neither raised nor coordinates it, and whose project it is not: not theirs (403, as everywhere).
    const strangerRead = await api('GET', `/coordination-problems/${problem.id}`, world.stranger);
    expect({ status: strangerRead.statusCode, code: strangerRead.json().code }).toEqual({ status: 403, code: 'NOT_OWN_DEPARTMENT' });
    const strangerAccept = await step(problem.id, 'accept', world.stranger, 1, { measure: '试图受理', measureDate: '2026-03-20' });
    expect({ status: strangerAccept.statusCode, code: strangerAccept.json().code }).toEqual({ status: 403, code: 'NOT_OWN_DEPARTMENT' });
    const strangerList = await api('GET', `/coordination-problems?projectId=${world.project.id}`, world.stranger);
    expect(strangerList.json()).toMatchObject({ total: 0, items: [] });

    // The raising unit sees it but does not accept it; the coordinating department does not claim it.
    const ownAccept = await step(problem.id, 'accept', world.unitEditor, 1, { measure: '自己受理', measureDate: '2026-03-20' });
    expect(ownAccept.statusCode).toBe(403);
    expect(ownAccept.json().code).toBe('PROBLEM_STEP_NOT_YOURS');
    expect((await step(problem.id, 'claim', world.landEditor, 1)).statusCode).toBe(403);
    // Closing is the 督查室's: a department editor's role is refused before anything is read.
    expect((await step(problem.id, 'close', world.unitEditor, 1)).statusCode).toBe(403);
    // Viewers and leaders read, never write.
    expect((await api('GET', `/coordination-problems/${problem.id}`, viewer)).json().actions).toEqual([]);
    expect((await step(problem.id, 'suspend', viewer, 1, { comment: '挂起' })).statusCode).toBe(403);
    expect((await raise(world, {}, world.unitEditor)).state).toBe('new');
    expect((await api('POST', '/coordination-problems', world.leader, { projectId: world.project.id })).statusCode).toBe(403);

    // An editor raises only on their own unit's projects.
    const foreign = await api('POST', '/coordination-problems', world.landEditor, {
      projectId: world.project.id,
      typeCode: 'funding',
      title: '资金未到位',
      need: '需区财政局拨付',
      coordinatingUnitIds: [world.finance.id],
      neededByDate: '2026-03-31',
    });
    expect({ status: foreign.statusCode, code: foreign.json().code }).toEqual({ status: 403, code: 'NOT_OWN_DEPARTMENT' });

    // The lead official sees the problems of their projects, other leaders do not.
    expect((await api('GET', `/coordination-problems/${problem.id}`, world.leader)).statusCode).toBe(200);
    const otherLeader = await signIn(app, (await createUser(database.dataSource, 'leader')).username);
    const notLed = await api('GET', `/coordination-problems/${problem.id}`, otherLeader);
    expect({ status: notLed.statusCode, code: notLed.json().code }).toEqual({ status: 403, code: 'NOT_LEAD_OFFICIAL' });

    // The coordinating department lists it; an admin accepts for a named coordinating department only.
    const landList = await api('GET', `/coordination-problems?coordinatingUnit=${world.land.id}`, world.landEditor);
    expect(landList.json().items.map((item: { id: string }) => item.id)).toContain(problem.id);
    const adminNoUnit = await step(problem.id, 'accept', admin, 1, { measure: '代为受理', measureDate: '2026-03-20' });
    expect(adminNoUnit.statusCode).toBe(400);
    expect(adminNoUnit.json().details).toEqual([{ field: 'departmentId', reason: expect.any(String) }]);
    const adminForFinance = await step(problem.id, 'accept', admin, 1, { measure: '代为受理', measureDate: '2026-03-20', departmentId: world.finance.id });
    expect(adminForFinance.statusCode).toBe(200);
  });

  it('refuses bad input with the field and reason, a wrong state with 409, a stale or missing version with 412 / 428', async () => {
    const world = await arrange();
    const bad = await api('POST', '/coordination-problems', world.unitEditor, {
      projectId: world.project.id,
      typeCode: 'nosuchtype',
      title: '临时用地',
      need: '需协调',
      coordinatingUnitIds: [world.unit.id, '00000000-0000-4000-8000-000000000000'],
      neededByDate: '2026-03-06',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toEqual(
      expect.arrayContaining([
        { field: 'typeCode', reason: expect.stringContaining('no problem type') },
        { field: 'neededByDate', reason: expect.stringContaining('2026-03-09') },
        { field: 'coordinatingUnitIds[0]', reason: expect.stringContaining('raising unit') },
        { field: 'coordinatingUnitIds[1]', reason: 'no department with this id' },
      ]),
    );
    const shape = await api('POST', '/coordination-problems', world.unitEditor, {
      projectId: 'not-a-uuid',
      typeCode: 'land',
      title: ' ',
      need: '需协调',
      coordinatingUnitIds: [],
      neededByDate: '2026-02-30',
      severity: 'huge',
    });
    expect(shape.statusCode).toBe(400);
    expect(shape.json().details.map((detail: { field: string }) => detail.field).sort()).toEqual(
      ['coordinatingUnitIds', 'neededByDate', 'projectId', 'severity', 'title'].sort(),
    );
    expect((await api('GET', '/coordination-problems/not-a-uuid', supervisor)).statusCode).toBe(400);
    expect((await api('GET', '/coordination-problems?state=open', supervisor)).json().details[0].field).toBe('state');

    const problem = await raise(world);
    // 销号 of a problem nobody claimed solved.
    const early = await step(problem.id, 'close', supervisor, 1);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('PROBLEM_WRONG_STATE');
    // Without a version: 428; with an old one: 412, and nothing changes.
    expect((await api('POST', `/coordination-problems/${problem.id}/claim`, world.unitEditor, {})).statusCode).toBe(428);
    await step(problem.id, 'suspend', world.unitEditor, 1, { comment: '等待规划调整方案批复' });
    const stale = await step(problem.id, 'resume', world.unitEditor, 1);
    expect(stale.statusCode).toBe(412);
    expect((await api('GET', `/coordination-problems/${problem.id}`, world.unitEditor)).json()).toMatchObject({ state: 'suspended', suspendedFromState: 'new', version: 2 });
    // Suspended problems are not claimed, accepted or closed until resumed.
    expect((await step(problem.id, 'accept', world.landEditor, 2, { measure: '受理', measureDate: '2026-03-20' })).statusCode).toBe(409);
    const blank = await step(problem.id, 'return', supervisor, 2, { comment: '  ' });
    expect(blank.statusCode).toBe(400);
    const resumed = await step(problem.id, 'resume', supervisor, 2, { comment: '规划方案已批复' });
    expect(resumed.json()).toMatchObject({ state: 'new', suspendedFromState: null, version: 3 });

    // A withdrawn report cannot be turned into a problem; a report of another project is not found.
    const filed = await api('POST', `/projects/${world.project.id}/progress-reports`, world.unitEditor, { period: '2026-03', text: '进展', coordinationNeeds: '需协调资金' });
    const reportId = filed.json().id;
    const otherProject = await createProject(database.dataSource, { ownerDepartmentId: world.unit.id });
    const wrongProject = await api('POST', `/projects/${otherProject.id}/progress-reports/${reportId}/coordination-problems`, world.unitEditor, {
      typeCode: 'funding',
      coordinatingUnitIds: [world.finance.id],
      neededByDate: '2026-03-31',
    });
    expect(wrongProject.statusCode).toBe(404);
    await api('POST', `/projects/${world.project.id}/progress-reports/${reportId}/withdraw`, world.unitEditor, { reason: '误填' });
    const withdrawn = await api('POST', `/projects/${world.project.id}/progress-reports/${reportId}/coordination-problems`, world.unitEditor, {
      typeCode: 'funding',
      coordinatingUnitIds: [world.finance.id],
      neededByDate: '2026-03-31',
    });
    expect(withdrawn.statusCode).toBe(409);
  });

  it('lists by unit, coordinating department, type, state and lead official; the week counts 新增 / 推进中 / 已销号', async () => {
    const world = await arrange();
    const a = await raise(world, { typeCode: 'land', coordinatingUnitIds: [world.land.id] });
    const b = await raise(world, { typeCode: 'funding', coordinatingUnitIds: [world.finance.id], neededByDate: '2026-03-10' });
    await step(b.id, 'claim', world.unitEditor, 1);
    await step(b.id, 'close', supervisor, 2);
    clock.set('2026-03-16T02:00:00Z'); // the next Monday
    const c = await raise(world, { typeCode: 'land', coordinatingUnitIds: [world.land.id, world.finance.id] });

    const ids = async (query: string, as: Auth = supervisor) =>
      (await api('GET', `/coordination-problems?raisingUnit=${world.unit.id}&${query}`, as)).json().items.map((item: { id: string }) => item.id);
    expect(await ids('')).toEqual([c.id, b.id, a.id]);
    expect(await ids('sort=oldest-open')).toEqual([a.id, c.id, b.id]);
    expect(await ids('type=land')).toEqual([c.id, a.id]);
    expect(await ids('state=closed')).toEqual([b.id]);
    expect(await ids('state=new,coordinating')).toEqual([c.id, a.id]);
    expect(await ids(`coordinatingUnit=${world.finance.id}`)).toEqual([c.id, b.id]);
    expect(await ids(`leadOfficialUserId=${world.leaderUser.id}`)).toEqual([c.id, b.id, a.id]);
    expect(await ids('mine=true', world.leader)).toEqual([c.id, b.id, a.id]);
    expect(await ids('mine=true', supervisor)).toEqual([]);
    const paged = await api('GET', `/coordination-problems?raisingUnit=${world.unit.id}&pageSize=2&page=2`, supervisor);
    expect(paged.json()).toMatchObject({ total: 3, page: 2, pageSize: 2, items: [{ id: a.id }] });
    // The list says how long an open problem has stood still, in working days.
    expect((await api('GET', `/coordination-problems/${a.id}`, supervisor)).json()).toMatchObject({ workingDaysSinceMove: 5, neededByOverdue: false });

    const week10 = await api('GET', `/coordination-problems/week-counts?raisingUnit=${world.unit.id}&week=2026-W11`, supervisor);
    expect(week10.json()).toEqual({ week: '2026-W11', weekStart: '2026-03-09', weekEnd: '2026-03-15', raised: 2, inProgress: 1, closed: 1, suspended: 0, overdue: 0 });
    const current = await api('GET', `/coordination-problems/week-counts?raisingUnit=${world.unit.id}`, supervisor);
    expect(current.json()).toMatchObject({ week: '2026-W12', raised: 1, inProgress: 2, closed: 0 });
    expect((await api('GET', '/coordination-problems/week-counts?week=2026-W54', supervisor)).statusCode).toBe(400);
  });

  it('the codelist and the climb setting are the admin\'s to extend and change', async () => {
    const types = await api('GET', '/problem-types', viewer);
    expect(types.json().map((type: { name: string }) => type.name)).toEqual(['资金', '用地/征拆', '前期手续', '规划', '施工条件', '其他']);
    expect((await api('POST', '/problem-types', supervisor, { code: 'energy', name: '要素保障' })).statusCode).toBe(403);
    const added = await api('POST', '/problem-types', admin, { code: 'energy', name: '要素保障' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ code: 'energy', name: '要素保障', sortOrder: 70, isActive: true });
    expect((await api('POST', '/problem-types', admin, { code: 'energy2', name: '要素保障' })).statusCode).toBe(409);
    expect((await api('POST', '/problem-types', admin, { code: 'Energy', name: '能源' })).json().details[0].field).toBe('code');

    const world = await arrange();
    await raise(world, { typeCode: 'energy' });
    const retired = await api('PATCH', '/problem-types/energy', admin, { isActive: false });
    expect(retired.json().isActive).toBe(false);
    expect((await api('GET', '/problem-types', viewer)).json().map((type: { code: string }) => type.code)).not.toContain('energy');
    const onRetired = await api('POST', '/coordination-problems', world.unitEditor, {
      projectId: world.project.id,
      typeCode: 'energy',
      title: '供电接入',
      need: '需协调',
      coordinatingUnitIds: [world.land.id],
      neededByDate: '2026-03-31',
    });
    expect(onRetired.json().details).toEqual([{ field: 'typeCode', reason: expect.stringContaining('retired') }]);

    expect((await api('GET', '/settings/coordination-problems', viewer)).json()).toMatchObject({ stallWorkingDays: 5 });
    expect((await api('PUT', '/settings/coordination-problems', supervisor, { stallWorkingDays: 3 })).statusCode).toBe(403);
    expect((await api('PUT', '/settings/coordination-problems', admin, { stallWorkingDays: 0 })).json().details[0].field).toBe('stallWorkingDays');
    const set = await api('PUT', '/settings/coordination-problems', admin, { stallWorkingDays: 3 });
    expect(set.json()).toMatchObject({ stallWorkingDays: 3, updatedByName: expect.any(String) });
    await api('PUT', '/settings/coordination-problems', admin, { stallWorkingDays: 5 });
  });
});
