import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createDepartment, createMilestone, createPlanGroup, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * 按时填报 (#12 part 3): periods per 专栏 and project, deadlines (Friday 17:00, working-day aware), the 未按时填报
 * list, the per-unit 按时填报率, and 久未更新 (stale). The clock is Monday 2026-11-30 09:00 (Asia/Shanghai);
 * November 2026 has no holiday. Reports are stamped by the database (created_at), so those of past weeks are
 * written with their instant; the projects existed since 2026-01-01 unless said otherwise.
 *
 * Weeks: W46 11-09…15 (due Fri 11-13 17:00), W47 11-16…22 (11-20), W48 11-23…29 (11-27). November's monthly
 * deadline is Mon 11-30 17:00: not passed at 09:00.
 */
const NOW = '2026-11-30T09:00:00+08:00';

async function report(ds: DataSource, projectId: string, authorId: string, at: string): Promise<void> {
  await ds.query(
    `INSERT INTO progress_reports (project_id, period, text, author_id, author_name, created_at) VALUES ($1, $2, '本周完成桩基施工', $3, 'editor', $4)`,
    [projectId, at.slice(0, 7), authorId, at],
  );
}

/** Sets when a project was last active, as if long ago (the database's triggers would stamp now()). */
async function backdateActivity(ds: DataSource, projectId: string, at: string): Promise<void> {
  await ds.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(`UPDATE projects SET last_activity_at = $2 WHERE id = $1`, [projectId, at]);
  });
}

describe('reporting discipline (按时填报) and stale projects (久未更新)', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let admin: { authorization: string };
  let supervisor: { authorization: string };
  let editorA: { authorization: string };
  let editorAId: string;
  const unit: Record<string, { id: string; name: string }> = {};
  const ids: Record<string, string> = {};

  const get = async (url: string, headers = supervisor) => {
    const response = await app.inject({ method: 'GET', url, headers });
    expect(response.statusCode).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const ds = database.dataSource;
    unit.A = await createDepartment(ds, { name: '区城市管理局' });
    unit.B = await createDepartment(ds, { name: '区水务局' });
    app = await createTestApp(database, { KPT_FIXED_NOW: NOW });
    admin = await signIn(app, (await createUser(ds, 'admin')).username);
    supervisor = await signIn(app, (await createUser(ds, 'supervisor')).username);
    const editor = await createUser(ds, 'department_editor', { departmentId: unit.A.id });
    editorAId = editor.id;
    editorA = await signIn(app, editor.username);
    const column2 = await createPlanGroup(ds, { number: 2, title: '美丽玉泉建设重点工程' });
    const column3 = await createPlanGroup(ds, { number: 3, title: '生态公园建设重点工程' });
    let order = 0;
    const project = async (key: string, owner: string, overrides: Record<string, unknown> = {}) => {
      const created = await createProject(ds, { name: `项目${key}`, ownerDepartmentId: unit[owner].id, groupId: column2.id, sortOrder: order++, ...overrides });
      await ds.query(`UPDATE projects SET created_at = $2 WHERE id = $1`, [created.id, (overrides.createdAt as string | undefined) ?? '2026-01-01T00:00:00+08:00']);
      ids[key] = created.id;
    };
    await project('PA1', 'A');
    await project('PA2', 'A');
    await project('PC', 'A', { status: 'planning' });
    await project('PD', 'A', { createdAt: '2026-11-18T10:00:00+08:00' });
    await project('PB1', 'B', { groupId: column3.id });
    await project('PB2', 'B');
    await project('PB3', 'B');
    const editorId = editor.id;
    await report(ds, ids.PA1, editorId, '2026-11-12T10:00:00+08:00'); // W46 on time
    await report(ds, ids.PA1, editorId, '2026-11-20T17:00:00+08:00'); // W47 at the deadline exactly: on time
    await report(ds, ids.PA1, editorId, '2026-11-28T10:00:00+08:00'); // W48 Saturday: late (迟报)
    for (const at of ['2026-11-13T09:00:00+08:00', '2026-11-19T09:00:00+08:00', '2026-11-27T16:59:59+08:00']) await report(ds, ids.PB3, editorId, at);
    await report(ds, ids.PB2, editorId, '2026-11-05T10:00:00+08:00');
    // A withdrawn (撤回) report counts nowhere: PA2's W46 report does not make it on time.
    await report(ds, ids.PA2, editorId, '2026-11-10T10:00:00+08:00');
    const [withdrawn] = await ds.query(`SELECT id FROM progress_reports WHERE project_id = $1`, [ids.PA2]);
    await ds.query(`INSERT INTO progress_report_withdrawals (report_id, reason, withdrawn_by_id, withdrawn_by_name) VALUES ($1, '填错项目', $2, 'editor')`, [withdrawn.id, editorId]);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('lets the admin set the default, a 专栏 and a project to monthly under If-Match, audited; refuses bad input field by field', async () => {
    const settings = await app.inject({ method: 'GET', url: '/api/v1/settings/reporting', headers: supervisor });
    expect(settings.statusCode).toBe(200);
    expect(settings.headers.etag).toBe('"1"');
    expect(settings.json()).toMatchObject({
      defaultPeriod: 'week',
      weeklyDeadlineWeekday: 5,
      deadlineTime: '17:00',
      staleWorkingDays: 10,
      columns: [
        { number: 2, reportingPeriod: null, effectivePeriod: 'week' },
        { number: 3, reportingPeriod: null, effectivePeriod: 'week' },
      ],
    });
    const body = { defaultPeriod: 'week', weeklyDeadlineWeekday: 5, deadlineTime: '17:00', staleWorkingDays: 10, columns: [{ number: 3, reportingPeriod: 'month' }] };
    expect((await app.inject({ method: 'PUT', url: '/api/v1/settings/reporting', headers: { ...supervisor, 'if-match': '"1"' }, payload: body })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/settings/reporting', headers: admin, payload: body })).statusCode).toBe(428);
    expect((await app.inject({ method: 'PUT', url: '/api/v1/settings/reporting', headers: { ...admin, 'if-match': '"9"' }, payload: body })).statusCode).toBe(412);
    const invalid = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings/reporting',
      headers: { ...admin, 'if-match': '"1"' },
      payload: { ...body, deadlineTime: '25:00', weeklyDeadlineWeekday: 8 },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().details.map((detail: { field: string }) => detail.field).sort()).toEqual(['deadlineTime', 'weeklyDeadlineWeekday']);
    const unknownColumn = await app.inject({ method: 'PUT', url: '/api/v1/settings/reporting', headers: { ...admin, 'if-match': '"1"' }, payload: { ...body, columns: [{ number: 9, reportingPeriod: 'month' }] } });
    expect(unknownColumn.statusCode).toBe(400);
    expect(unknownColumn.json()).toMatchObject({ details: [{ field: 'columns[0].number' }] });

    const changed = await app.inject({ method: 'PUT', url: '/api/v1/settings/reporting', headers: { ...admin, 'if-match': '"1"' }, payload: body });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({ version: 2, columns: [{ number: 2, effectivePeriod: 'week' }, { number: 3, reportingPeriod: 'month', effectivePeriod: 'month' }] });
    expect(changed.json().text[0]).toContain('每月填报：专栏3');

    // PB2 (专栏2, weekly) gets its own monthly period.
    const project = await app.inject({ method: 'GET', url: `/api/v1/projects/${ids.PB2}`, headers: admin });
    const own = await app.inject({
      method: 'PUT',
      url: `/api/v1/projects/${ids.PB2}/reporting-period`,
      headers: { ...admin, 'if-match': project.headers.etag as string },
      payload: { reportingPeriod: 'month' },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ reportingPeriod: 'month', effectivePeriod: 'month', source: 'project' });
    const again = await app.inject({ method: 'PUT', url: `/api/v1/projects/${ids.PB2}/reporting-period`, headers: { ...admin, 'if-match': project.headers.etag as string }, payload: { reportingPeriod: null } });
    expect(again.statusCode).toBe(412);
    const bad = await app.inject({ method: 'PUT', url: `/api/v1/projects/${ids.PB2}/reporting-period`, headers: { ...admin, 'if-match': own.headers.etag as string }, payload: { reportingPeriod: 'year' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ details: [{ field: 'reportingPeriod' }] });

    const audits = await database.dataSource.query(`SELECT entity_type, after FROM audit_log WHERE entity_type IN ('reporting_settings', 'project_reporting_period') ORDER BY id`);
    expect(audits).toMatchObject([
      { entity_type: 'reporting_settings', after: { columns: [{ number: 2, reportingPeriod: null }, { number: 3, reportingPeriod: 'month' }] } },
      { entity_type: 'project_reporting_period', after: { reportingPeriod: 'month' } },
    ]);
  });

  it('lists 未按时填报 newest deadline first: 迟报 after the deadline, 未报 without a report; monthly projects not yet due', async () => {
    const page = await get('/api/v1/reporting-discipline/late?from=2026-11-09&to=2026-11-30', editorA);
    expect(page).toMatchObject({ from: '2026-11-09', to: '2026-11-30', total: 5 });
    expect(page.items.map((item: { project: { name: string }; period: { key: string }; status: string }) => [item.project.name, item.period.key, item.status])).toEqual([
      ['项目PA1', '2026-W48', 'late'],
      ['项目PA2', '2026-W48', 'missing'],
      ['项目PD', '2026-W48', 'missing'], // created 11-18: owes W48, not W47
      ['项目PA2', '2026-W47', 'missing'],
      ['项目PA2', '2026-W46', 'missing'], // its W46 report was withdrawn
    ]);
    expect(page.items[0]).toMatchObject({
      project: { ownerUnit: { id: unit.A.id, name: '区城市管理局' }, column: { number: 2 } },
      period: { kind: 'week', label: '2026年第48周（11-23—11-29）', start: '2026-11-23', end: '2026-11-29', deadlineDate: '2026-11-27', deadline: '2026-11-27T09:00:00.000Z' },
      statusLabel: '迟报',
      firstReportAt: '2026-11-28T02:00:00.000Z',
    });
    const missing = await get(`/api/v1/reporting-discipline/late?from=2026-11-09&to=2026-11-30&status=missing&ownerUnit=${unit.A.id}&pageSize=2&page=2`);
    expect(missing).toMatchObject({ total: 4, items: [{ project: { name: '项目PA2' }, period: { key: '2026-W47' } }, { period: { key: '2026-W46' } }] });
    const bad = await app.inject({ method: 'GET', url: '/api/v1/reporting-discipline/late?from=2026-12-01&to=2026-11-30', headers: supervisor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ details: [{ field: 'from' }] });
    expect((await app.inject({ method: 'GET', url: '/api/v1/reporting-discipline/late?from=2026-02-30', headers: supervisor })).statusCode).toBe(400);
  });

  it("gives each unit's 按时填报率 over the periods past their deadline", async () => {
    const rates = await get('/api/v1/reporting-discipline/units?from=2026-11-09&to=2026-11-30');
    // A: PA1 on time ×2 + late W48, PA2 missing ×3, PD missing W48 → 2 of 7. B: PB3 on time ×3; PB1 and PB2 are monthly, November not due yet.
    expect(rates.items).toEqual([
      { ownerUnit: { id: unit.A.id, name: '区城市管理局' }, due: 7, onTime: 2, late: 1, missing: 4, onTimeRate: '28.57' },
      { ownerUnit: { id: unit.B.id, name: '区水务局' }, due: 3, onTime: 3, late: 0, missing: 0, onTimeRate: '100.00' },
    ]);
    expect(rates.total).toEqual({ ownerUnit: null, due: 10, onTime: 5, late: 1, missing: 4, onTimeRate: '50.00' });
    // October (monthly, due Fri 10-30 17:00): PB1 and PB2 never reported in October.
    const october = await get('/api/v1/reporting-discipline/late?from=2026-10-26&to=2026-10-31&status=missing');
    expect(october.items.filter((item: { period: { kind: string } }) => item.period.kind === 'month').map((item: { project: { name: string } }) => item.project.name)).toEqual(['项目PB2', '项目PB1']) // plan order: 专栏2 before 专栏3;
  });

  it('moves the weekly deadline before a holiday Friday: 国庆 week W40 is due Wednesday 09-30 17:00', async () => {
    const ds = database.dataSource;
    await report(ds, ids.PA1, editorAId, '2026-09-30T16:30:00+08:00'); // before the moved deadline: on time
    await report(ds, ids.PB3, editorAId, '2026-10-01T10:00:00+08:00'); // on the holiday, after it: late
    const page = await get('/api/v1/reporting-discipline/late?from=2026-09-28&to=2026-10-04');
    const byName = new Map(page.items.map((item: { project: { name: string } }) => [item.project.name, item]));
    expect(byName.get('项目PA1')).toBeUndefined();
    expect(byName.get('项目PB3')).toMatchObject({ status: 'late', period: { key: '2026-W40', deadlineDate: '2026-09-30', deadline: '2026-09-30T09:00:00.000Z' } });
    expect(byName.get('项目PA2')).toMatchObject({ status: 'missing', period: { deadlineDate: '2026-09-30' } });
  });

  it('flags a project stale after more than N working days without any update, in the list (field and filter) and on its page', async () => {
    const ds = database.dataSource;
    // Monday 11-30, N = 10: active on Fri 11-13 is 11 working days ago (stale), Mon 11-16 is 10 (not).
    await backdateActivity(ds, ids.PA2, '2026-11-13T18:00:00+08:00');
    await backdateActivity(ds, ids.PB3, '2026-11-16T08:00:00+08:00');
    await backdateActivity(ds, ids.PC, '2026-06-01T08:00:00+08:00'); // 谋划 counts too
    await ds.query(`UPDATE projects SET status = 'completed' WHERE id = $1`, [ids.PD]);
    await backdateActivity(ds, ids.PD, '2026-06-01T08:00:00+08:00'); // 竣工: never stale

    const stale = await get('/api/v1/projects?stale=true&pageSize=100');
    expect(stale.items.map((item: { name: string }) => item.name)).toEqual(['项目PA2', '项目PC']);
    expect(stale.items[0]).toMatchObject({ stale: true, lastActivityAt: '2026-11-13T10:00:00.000Z' });
    const all = await get('/api/v1/projects?pageSize=100');
    expect(all.items.find((item: { id: string }) => item.id === ids.PB3)).toMatchObject({ stale: false });
    expect((await get('/api/v1/projects?stale=false&pageSize=100')).total).toBe(all.total - 2);
    expect(await get(`/api/v1/projects/${ids.PA2}/activity`)).toEqual({
      projectId: ids.PA2,
      lastActivityAt: '2026-11-13T10:00:00.000Z',
      workingDaysSinceActivity: 11,
      staleWorkingDays: 10,
      stale: true,
    });

    // Any update clears it: a progress report through the API, a milestone written by SQL.
    const filed = await app.inject({ method: 'POST', url: `/api/v1/projects/${ids.PA2}/progress-reports`, headers: editorA, payload: { period: '2026-11', text: '完成主体结构验收准备' } });
    expect(filed.statusCode).toBe(201);
    await createMilestone(ds, ids.PC, { kind: 'project_approval', plannedDate: '2027-03-01' });
    expect((await get('/api/v1/projects?stale=true&pageSize=100')).items).toEqual([]);
    expect(await get(`/api/v1/projects/${ids.PA2}/activity`)).toMatchObject({ stale: false, workingDaysSinceActivity: 0 });

    // A larger N (admin) makes fewer projects stale.
    await backdateActivity(ds, ids.PA2, '2026-11-13T18:00:00+08:00');
    const settings = await app.inject({ method: 'GET', url: '/api/v1/settings/reporting', headers: admin });
    const changed = await app.inject({
      method: 'PUT',
      url: '/api/v1/settings/reporting',
      headers: { ...admin, 'if-match': settings.headers.etag as string },
      payload: { defaultPeriod: 'week', weeklyDeadlineWeekday: 5, deadlineTime: '17:00', staleWorkingDays: 11 },
    });
    expect(changed.statusCode).toBe(200);
    expect((await get('/api/v1/projects?stale=true')).total).toBe(0);
  });
});
