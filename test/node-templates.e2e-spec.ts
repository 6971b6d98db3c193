import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department } from '@app/domain';
import { seedNodeTemplates } from '../seeds/node-templates.seed';
import { SEED_NODE_TEMPLATES } from '../seeds/node-templates.data';
import { createDepartment, createPlanGroup, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

type Headers = Record<string, string>;

// 2026 official calendar (国务院办公厅 放假安排): 中秋 09-25 (Fri) … 09-27 off; 国庆 10-01 … 10-07 off;
// 调休 working weekends 2026-09-20 (Sun) and 2026-10-10 (Sat).
const START = '2026-09-18'; // a Friday
const NODES = [
  // 1 working day after Fri 09-18: Sat 09-19 is off, Sun 09-20 is a 调休 working day.
  { code: 'approval', name: '立项', milestoneKind: 'project_approval', durationWorkingDays: 1, dependsOn: [] },
  // 5 after 09-20: 21, 22, 23, 24 (Mon–Thu), 25–27 中秋 off, Mon 28 → 2026-09-28.
  { code: 'land', name: '用地预审与选址意见', milestoneKind: 'custom', durationWorkingDays: 5, dependsOn: ['approval'], requiresDocument: true },
  // In parallel with 用地预审: 2 after 09-20 → 2026-09-22.
  { code: 'environment', name: '环评批复', milestoneKind: 'custom', durationWorkingDays: 2, dependsOn: ['approval'] },
  // 3 after 09-28: 29, 30, then 国庆 10-01…07 off, Thu 10-08 → 2026-10-08.
  { code: 'permit', name: '施工许可', milestoneKind: 'construction_permit', durationWorkingDays: 3, dependsOn: ['land'], isKey: true },
  // After both 施工许可 (10-08) and 环评 (09-22): 2 after 10-08 → Fri 10-09, Sat 10-10 (调休) → 2026-10-10.
  { code: 'start', name: '开工', milestoneKind: 'construction_start', durationWorkingDays: 2, dependsOn: ['permit', 'environment'] },
];
const EXPECTED: Record<string, string> = {
  立项: '2026-09-20',
  用地预审与选址意见: '2026-09-28',
  环评批复: '2026-09-22',
  施工许可: '2026-10-08',
  开工: '2026-10-10',
};

describe('node templates (节点模板)', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let unit: Department;
  let admin: Headers;
  let editor: Headers;
  let supervisor: Headers;
  let viewer: Headers;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: '2026-09-01T02:00:00Z' });
    const ds = database.dataSource;
    await createPlanGroup(ds, { number: 8, title: '基础设施建设重点工程' }, { number: 3, title: '能源基础设施建设工程' });
    unit = await createDepartment(ds, { name: '区供电分公司' });
    admin = await signIn(app, (await createUser(ds, 'admin')).username);
    editor = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: unit.id })).username);
    supervisor = await signIn(app, (await createUser(ds, 'supervisor')).username);
    viewer = await signIn(app, (await createUser(ds, 'viewer')).username);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  async function createTemplate(code: string, nodes: object[] = NODES, kind = 'substation') {
    const response = await api('POST', '/node-templates', admin, { code, name: `测试模板${code}`, kind, nodes });
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  async function createProject(headers: Headers, templateId: string, extra: object = {}) {
    return api('POST', '/projects', headers, {
      name: `玉泉变 220 千伏变电站工程${Math.random().toString(36).slice(2, 6)}`,
      columnNumber: 8,
      groupNumber: 3,
      kind: 'substation',
      attributes: { voltageKv: 220 },
      ownerUnitId: unit.id,
      plannedStartDate: START,
      templateId,
      ...extra,
    });
  }

  it('seeds the shipped templates once, each as its seed default, and a second run changes nothing', async () => {
    const first = await seedNodeTemplates(database.dataSource);
    expect(first).toEqual({ templates: SEED_NODE_TEMPLATES.length, inserted: SEED_NODE_TEMPLATES.length, newVersions: 0, unchanged: 0 });
    const second = await seedNodeTemplates(database.dataSource);
    expect(second).toEqual({ templates: SEED_NODE_TEMPLATES.length, inserted: 0, newVersions: 0, unchanged: SEED_NODE_TEMPLATES.length });

    const list = (await api('GET', '/node-templates', viewer)).json();
    expect(list.map((t: { code: string }) => t.code)).toEqual(
      expect.arrayContaining(['substation', 'school', 'pipe_network', 'road', 'resettlement_housing', 'hospital', 'park', 'general']),
    );
    const substation = list.find((t: { code: string }) => t.code === 'substation');
    expect(substation).toMatchObject({ kind: 'substation', kindLabel: '变电站/输变电', source: 'seed', currentVersionNumber: 1, versionCount: 1 });
    const detail = (await api('GET', `/node-templates/${substation.id}`, viewer)).json();
    expect(detail.versions).toEqual([expect.objectContaining({ number: 1, isSeedDefault: true, isCurrent: true, createdByName: '系统默认' })]);
    const names = detail.current.nodes.map((n: { name: string }) => n.name);
    expect(names).toEqual(expect.arrayContaining(['项目核准（立项）', '电网接入系统方案批复', '用地预审与选址意见', '施工图审查', '施工许可', '开工', '竣工验收', '投运']));
    const grid = detail.current.nodes.find((n: { code: string }) => n.code === 'grid_access_approval');
    expect(grid).toMatchObject({ isKey: true, requiresDocument: true, dependsOn: ['project_approval'] });
    const school = (await api('GET', `/node-templates/${list.find((t: { code: string }) => t.code === 'school').id}`, viewer)).json();
    expect(school.current.nodes.map((n: { name: string }) => n.name)).toContain('学位验收（办学条件核验）');

    // kind=school lists the school template and the general one (kind other), nothing else.
    const forSchools = (await api('GET', '/node-templates?kind=school', viewer)).json();
    expect(forSchools.map((t: { code: string }) => t.code)).toEqual(['school', 'general']);
  });

  it('a shipped change becomes a new seed version, current only while the office has not made its own', async () => {
    const changed = SEED_NODE_TEMPLATES.map((t) =>
      t.code === 'road' || t.code === 'hospital' ? { ...t, nodes: t.nodes.map((n) => (n.code === 'drawing_review' ? { ...n, durationWorkingDays: 12 } : n)) } : t,
    );
    const hospital = (await api('GET', '/node-templates?kind=hospital', viewer)).json().find((t: { code: string }) => t.code === 'hospital');
    const own = (await api('GET', `/node-templates/${hospital.id}`, admin)).json().current.nodes.map(asInput);
    expect((await api('POST', `/node-templates/${hospital.id}/versions`, admin, { nodes: own, note: '本办调整' })).statusCode).toBe(201);

    expect(await seedNodeTemplates(database.dataSource, changed)).toMatchObject({ newVersions: 2, inserted: 0 });
    const road = (await api('GET', '/node-templates?kind=road', viewer)).json().find((t: { code: string }) => t.code === 'road');
    expect(road.currentVersionNumber).toBe(2);
    const hospitalAfter = (await api('GET', `/node-templates/${hospital.id}`, viewer)).json();
    // The office's version 2 stays current; the seed's update waits as version 3.
    expect(hospitalAfter.currentVersionNumber).toBe(2);
    expect(hospitalAfter.versions.map((v: { number: number; isSeedDefault: boolean }) => [v.number, v.isSeedDefault])).toEqual([
      [3, true],
      [2, false],
      [1, true],
    ]);
  });

  it('a project created from a template gets its planned dates across a 调休 weekend and the 国庆 holiday, baselined, in one step', async () => {
    const template = await createTemplate('dates');
    const preview = (await api('GET', `/node-templates/${template.id}/schedule?startDate=${START}`, editor)).json();
    expect(Object.fromEntries(preview.nodes.map((n: { name: string; plannedDate: string }) => [n.name, n.plannedDate]))).toEqual(EXPECTED);
    expect(preview.endDate).toBe('2026-10-10');

    const response = await createProject(editor, template.id);
    expect(response.statusCode).toBe(201);
    const project = response.json();
    expect(Object.fromEntries(project.milestones.map((m: { name: string; plannedDate: string }) => [m.name, m.plannedDate]))).toEqual(EXPECTED);
    for (const milestone of project.milestones) expect(milestone.baselineDate).toBe(milestone.plannedDate);
    expect(project.plannedEndDate).toBe('2026-10-10');

    const milestones = (await api('GET', `/projects/${project.id}/milestones`, viewer)).json();
    const permit = milestones.find((m: { name: string }) => m.name === '施工许可');
    expect(permit).toMatchObject({ kind: 'construction_permit', isKey: true, templateNodeId: expect.any(String) });
    expect(milestones.find((m: { name: string }) => m.name === '用地预审与选址意见')).toMatchObject({ kind: 'custom', requiresDocument: true, isKey: false });
    // Key by its template node (施工许可 is not a key kind): even a one-day move goes to the 督查室.
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${permit.id}`,
      headers: { ...editor, 'if-match': `"${permit.version}"` },
      payload: { plannedDate: '2026-10-09', reason: '图审意见回复' },
    });
    expect(moved.statusCode).toBe(202);
    expect(moved.json()).toMatchObject({ requiredBecause: 'key_milestone', isKeyMilestone: true });
    const [stored] = await database.dataSource.query(
      `SELECT v.number, t.code FROM projects p JOIN node_template_versions v ON v.id = p.template_version_id JOIN node_templates t ON t.id = v.template_id WHERE p.id = $1`,
      [project.id],
    );
    expect(stored).toEqual({ number: 1, code: 'dates' });
    // Every generated milestone is audited and announced to the worker, as one added by hand.
    const [{ audits, events }] = await database.dataSource.query(
      `SELECT (SELECT count(*)::int FROM audit_log WHERE entity_type = 'milestone' AND action = 'create' AND entity_id IN (SELECT id::text FROM milestones WHERE project_id = $1)) AS audits,
              (SELECT count(*)::int FROM outbox_events WHERE aggregate_id::text IN (SELECT id::text FROM milestones WHERE project_id = $1)) AS events`,
      [project.id],
    );
    expect({ audits, events }).toEqual({ audits: 5, events: 5 });
  });

  it('a new version never rewrites the projects created from an older one', async () => {
    const template = await createTemplate('versions');
    const before = (await createProject(editor, template.id)).json();
    const longer = NODES.map((n) => (n.code === 'land' ? { ...n, durationWorkingDays: 20 } : n));
    const version = await api('POST', `/node-templates/${template.id}/versions`, admin, { nodes: longer, note: '用地预审延长' });
    expect(version.statusCode).toBe(201);
    expect(version.json()).toMatchObject({ number: 2, isCurrent: true, isSeedDefault: false, note: '用地预审延长' });

    const old = (await api('GET', `/projects/${before.id}`, viewer)).json();
    expect(Object.fromEntries(old.milestones.map((m: { name: string; plannedDate: string }) => [m.name, m.plannedDate]))).toEqual(EXPECTED);
    const after = (await createProject(editor, template.id)).json();
    expect(after.milestones.find((m: { name: string }) => m.name === '用地预审与选址意见').plannedDate).toBe('2026-10-23');

    const versions = (await api('GET', `/node-templates/${template.id}`, viewer)).json().versions;
    expect(versions.map((v: { number: number; projectCount: number }) => [v.number, v.projectCount])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    // Back to version 1 as current: new projects get its dates again; version 2 and its project stay.
    const back = await api('PUT', `/node-templates/${template.id}/current-version`, admin, { number: 1 });
    expect(back.statusCode).toBe(200);
    expect(back.json().currentVersionNumber).toBe(1);
    const third = (await createProject(editor, template.id)).json();
    expect(third.milestones.find((m: { name: string }) => m.name === '用地预审与选址意见').plannedDate).toBe('2026-09-28');
    expect((await api('GET', `/node-templates/${template.id}/versions/2`, viewer)).json().nodes.find((n: { code: string }) => n.code === 'land').durationWorkingDays).toBe(20);
    expect((await api('PUT', `/node-templates/${template.id}/current-version`, admin, { number: 9 })).statusCode).toBe(404);
  });

  it('refuses invalid node sets with 400 naming the node: a cycle, an unknown dependency, a bad duration, a duplicate code', async () => {
    const template = await createTemplate('validation');
    const post = (nodes: object[]) => api('POST', `/node-templates/${template.id}/versions`, admin, { nodes });

    const cycle = await post(NODES.map((n) => (n.code === 'approval' ? { ...n, dependsOn: ['start'] } : n)));
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().code).toBe('NODE_TEMPLATE_INVALID_NODES');
    expect(cycle.json().details[0].reason).toMatch(/「立项」 depends on itself through .*「开工」/);

    const unknown = await post(NODES.map((n) => (n.code === 'permit' ? { ...n, dependsOn: ['land', 'fire'] } : n)));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual([{ field: 'nodes[3].dependsOn[1]', reason: '「施工许可」 depends on fire, which is no node of this template' }]);

    const negative = await post(NODES.map((n) => (n.code === 'land' ? { ...n, durationWorkingDays: -3 } : n)));
    expect(negative.statusCode).toBe(400);
    expect(negative.json().details.map((d: { field: string }) => d.field)).toContain('nodes.1.durationWorkingDays');
    const tooLong = await post(NODES.map((n) => (n.code === 'land' ? { ...n, durationWorkingDays: 1001 } : n)));
    expect(tooLong.statusCode).toBe(400);

    const duplicate = await post([...NODES, { ...NODES[0], name: '立项（重复）' }]);
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json().details[0]).toMatchObject({ field: 'nodes[5].code' });
    expect((await post([])).statusCode).toBe(400);

    // Nothing was written: still one version.
    expect((await api('GET', `/node-templates/${template.id}`, viewer)).json().versionCount).toBe(1);
  });

  it('moving a node shows its dependents with their new earliest dates, and moves them only after the 督查室 approves', async () => {
    const template = await createTemplate('dependents');
    const project = (await createProject(editor, template.id)).json();
    const byName = async () =>
      Object.fromEntries(
        ((await api('GET', `/projects/${project.id}/milestones`, viewer)).json() as Array<{ name: string; id: string; plannedDate: string; version: number }>).map((m) => [m.name, m]),
      );
    let milestones = await byName();
    const land = milestones['用地预审与选址意见'];

    // 用地预审 09-28 → Fri 10-09: 施工许可 (3 days) → Sat 10-10 (调休), 10-12, 10-13; 开工 (2 days after it) → 10-15.
    const preview = await api('GET', `/milestones/${land.id}/dependents?plannedDate=2026-10-09`, editor);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ oldDate: '2026-09-28', plannedDate: '2026-10-09', requiredBecause: 'key_milestone' });
    expect(preview.json().dependents.map((d: { name: string; oldDate: string; newDate: string; workingDays: number }) => [d.name, d.oldDate, d.newDate, d.workingDays])).toEqual([
      ['施工许可', '2026-10-08', '2026-10-13', 4],
      ['开工', '2026-10-10', '2026-10-15', 4],
    ]);
    // 环评 has room: moving it to 10-09 pushes 开工 (2 after 10-09 → 10-12), nothing else.
    const environment = await api('GET', `/milestones/${milestones['环评批复'].id}/dependents?plannedDate=2026-10-09`, editor);
    expect(environment.json().dependents.map((d: { name: string; newDate: string }) => [d.name, d.newDate])).toEqual([['开工', '2026-10-12']]);

    // 一并调整: one request carries the three; nothing moves yet.
    const filed = await api('PATCH', `/milestones/${land.id}`, { ...editor, 'if-match': `"${land.version}"` }, {
      plannedDate: '2026-10-09',
      reason: '用地预审补正材料',
      withDependents: true,
    });
    expect(filed.statusCode).toBe(202);
    const request = filed.json();
    expect(request).toMatchObject({ requiredBecause: 'key_milestone', oldDate: '2026-09-28', newDate: '2026-10-09', status: 'pending' });
    expect(request.dependents.map((d: { milestoneName: string; oldDate: string; newDate: string }) => [d.milestoneName, d.oldDate, d.newDate])).toEqual([
      ['施工许可', '2026-10-08', '2026-10-13'],
      ['开工', '2026-10-10', '2026-10-15'],
    ]);
    milestones = await byName();
    expect([milestones['用地预审与选址意见'].plannedDate, milestones['施工许可'].plannedDate, milestones['开工'].plannedDate]).toEqual(['2026-09-28', '2026-10-08', '2026-10-10']);
    // A dependent carried by the pending request cannot be moved on its own meanwhile.
    const permit = milestones['施工许可'];
    const alone = await api('PATCH', `/milestones/${permit.id}`, { ...editor, 'if-match': `"${permit.version}"` }, { plannedDate: '2026-10-20', reason: '另行调整' });
    expect(alone.statusCode).toBe(409);
    // The 督查室 sees the dependents in the queue and approves them as a whole.
    const queued = (await api('GET', `/deadline-change-requests?status=pending&projectId=${project.id}`, supervisor)).json();
    expect(queued.items[0].dependents).toHaveLength(2);
    const approved = await api('POST', `/deadline-change-requests/${request.id}/approve`, supervisor, { comment: '同意一并调整' });
    expect(approved.statusCode).toBe(200);
    milestones = await byName();
    expect([milestones['用地预审与选址意见'].plannedDate, milestones['施工许可'].plannedDate, milestones['开工'].plannedDate]).toEqual(['2026-10-09', '2026-10-13', '2026-10-15']);
    // Baselines stay; each dependent's history names the approved request.
    expect(milestones['开工']).toMatchObject({ baselineDate: '2026-10-10' });
    const history = (await api('GET', `/milestones/${milestones['开工'].id}/date-history`, viewer)).json();
    expect(history.changes).toEqual([expect.objectContaining({ oldDate: '2026-10-10', newDate: '2026-10-15', changeRequestId: request.id })]);

    // Rejected as a whole: nothing moves.
    const land2 = milestones['用地预审与选址意见'];
    const second = await api('PATCH', `/milestones/${land2.id}`, { ...editor, 'if-match': `"${land2.version}"` }, {
      plannedDate: '2026-10-16',
      reason: '再次顺延',
      withDependents: true,
    });
    expect(second.statusCode).toBe(202);
    expect((await api('POST', `/deadline-change-requests/${second.json().id}/reject`, supervisor, { comment: '不同意' })).statusCode).toBe(200);
    milestones = await byName();
    expect([milestones['用地预审与选址意见'].plannedDate, milestones['施工许可'].plannedDate, milestones['开工'].plannedDate]).toEqual(['2026-10-09', '2026-10-13', '2026-10-15']);

    // Without 一并调整 a small move applies to the milestone alone: the dependents are not moved silently.
    const land3 = milestones['用地预审与选址意见'];
    const small = await api('PATCH', `/milestones/${land3.id}`, { ...editor, 'if-match': `"${land3.version}"` }, { plannedDate: '2026-10-12', reason: '材料补正' });
    expect(small.statusCode).toBe(200);
    milestones = await byName();
    expect([milestones['用地预审与选址意见'].plannedDate, milestones['施工许可'].plannedDate]).toEqual(['2026-10-12', '2026-10-13']);
  });

  it('a node that needs a document is met only with one attached', async () => {
    const template = await createTemplate('documents');
    const project = (await createProject(editor, template.id)).json();
    const land = project.milestones.find((m: { name: string }) => m.name === '用地预审与选址意见');
    const done = await api('PATCH', `/milestones/${land.id}`, { ...editor, 'if-match': `"${land.version}"` }, { actualDate: '2026-09-01' });
    expect(done.statusCode).toBe(409);
    expect(done.json().code).toBe('MILESTONE_DOCUMENT_REQUIRED');
    const approval = project.milestones.find((m: { name: string }) => m.name === '立项');
    expect((await api('PATCH', `/milestones/${approval.id}`, { ...editor, 'if-match': `"${approval.version}"` }, { actualDate: '2026-09-01' })).statusCode).toBe(200);
  });

  it('手续办结率 per node: passed, stuck (pending, predecessors met, past its date), median working days spent, filtered', async () => {
    const template = await createTemplate('statistics');
    // Started 2026-06-01; today is 2026-09-01, so every planned date of the template is past.
    const make = async () => (await createProject(editor, template.id, { plannedStartDate: '2026-06-01' })).json();
    const [p1, p2, p3, cancelled] = [await make(), await make(), await make(), await make()];
    const meet = (projectId: string, name: string, actualDate: string) =>
      database.dataSource.query(`UPDATE milestones SET status = 'done', actual_date = $3 WHERE project_id = $1 AND name = $2`, [projectId, name, actualDate]);
    await meet(p1.id, '立项', '2026-06-02'); // 1 working day after the start
    await meet(p1.id, '用地预审与选址意见', '2026-06-09'); // 06-03, 04, 05, 08, 09: 5 after 立项 was met
    await meet(p2.id, '立项', '2026-06-05'); // 4
    await meet(cancelled.id, '立项', '2026-06-02');
    await database.dataSource.query(`UPDATE projects SET status = 'cancelled' WHERE id = $1`, [cancelled.id]);

    const response = await api('GET', `/node-templates/${template.id}/statistics`, viewer);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ templateName: '测试模板statistics', today: '2026-09-01', projectCount: 3 });
    const rows = Object.fromEntries(
      body.nodes.map((n: { name: string; projects: number; passed: number; stuck: number; inProgress: number; completionRate: number; medianWorkingDays: number | null }) => [
        n.name,
        [n.projects, n.passed, n.stuck, n.completionRate, n.medianWorkingDays],
      ]),
    );
    expect(rows).toEqual({
      立项: [3, 2, 1, 0.6667, 2.5], // p3 stuck: no predecessor, past its date
      用地预审与选址意见: [3, 1, 1, 0.3333, 5], // p2 stuck (立项 met); p3 waits for 立项
      环评批复: [3, 0, 2, 0, null], // p1 and p2 stuck
      施工许可: [3, 0, 1, 0, null], // p1 stuck (用地预审 met)
      开工: [3, 0, 0, 0, null], // waits for 施工许可 everywhere
    });
    expect(body.nodes.map((n: { sortOrder: number }) => n.sortOrder)).toEqual([1, 2, 3, 4, 5]);

    const none = (await api('GET', `/node-templates/${template.id}/statistics?kind=road`, viewer)).json();
    expect(none.projectCount).toBe(0);
    expect(none.nodes[0]).toMatchObject({ name: '立项', projects: 0, passed: 0, completionRate: 0, medianWorkingDays: null });
    const unit2 = await createDepartment(database.dataSource, { name: '区住建局（统计）' });
    expect((await api('GET', `/node-templates/${template.id}/statistics?ownerUnit=${unit2.id}`, viewer)).json().projectCount).toBe(0);
    expect((await api('GET', `/node-templates/${template.id}/statistics?ownerUnit=${unit.id}&column=8`, viewer)).json().projectCount).toBe(3);
    expect((await api('GET', `/node-templates/${template.id}/statistics?column=2`, viewer)).json().projectCount).toBe(0);
    expect((await api('GET', `/node-templates/${template.id}/statistics?column=x`, viewer)).statusCode).toBe(400);
  });

  it('only an admin edits templates; everyone signed in reads them; a project needs a fitting template and a start', async () => {
    const template = await createTemplate('scoping');
    for (const headers of [editor, supervisor, viewer]) {
      expect((await api('POST', `/node-templates/${template.id}/versions`, headers, { nodes: NODES })).statusCode).toBe(403);
      expect((await api('PUT', `/node-templates/${template.id}/current-version`, headers, { number: 1 })).statusCode).toBe(403);
      expect((await api('POST', '/node-templates', headers, { code: 'x', name: 'x', kind: 'road', nodes: NODES })).statusCode).toBe(403);
      expect((await api('GET', `/node-templates/${template.id}`, headers)).statusCode).toBe(200);
    }
    expect((await api('POST', '/node-templates', admin, { code: 'scoping', name: '重复', kind: 'road', nodes: NODES })).statusCode).toBe(409);

    const noStart = await createProject(editor, template.id, { plannedStartDate: undefined });
    expect(noStart.statusCode).toBe(400);
    expect(noStart.json().details).toEqual([expect.objectContaining({ field: 'plannedStartDate' })]);
    const wrongKind = await createProject(editor, template.id, { kind: 'road', attributes: {} });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().code).toBe('NODE_TEMPLATE_KIND_MISMATCH');
    const unknown = await createProject(editor, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details).toEqual([expect.objectContaining({ field: 'templateId' })]);
    // Nothing half-made: no project of those names exists.
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM projects WHERE kind = 'road'`);
    expect(count).toBe(0);
    expect((await api('GET', '/node-templates/00000000-0000-4000-8000-000000000000', viewer)).statusCode).toBe(404);
  });
});

function asInput(node: { code: string; name: string; milestoneKind: string; durationWorkingDays: number; isKey: boolean; requiresDocument: boolean; dependsOn: string[] }) {
  return {
    code: node.code,
    name: node.name,
    milestoneKind: node.milestoneKind,
    durationWorkingDays: node.durationWorkingDays,
    isKey: node.isKey,
    requiresDocument: node.requiresDocument,
    dependsOn: node.dependsOn,
  };
}
