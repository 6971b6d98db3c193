import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, Project } from '@app/domain';
import { createDepartment, createProject, createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { createTestWorker, obliterateQueues, TestWorker, waitFor } from './support/worker-app';

// Wednesday 2026-11-25, 10:00 in Shanghai: the last completed ISO week is 2026-W47 (16–22 November).
const NOW = '2026-11-25T02:00:00Z';

type Headers = Record<string, string>;
interface MilestoneBody {
  id: string;
  version: number;
  status: string;
  removal: { reason: string; statusBefore: string; removedById: string; changeRequestId: string | null } | null;
}

/**
 * 删除节点: a milestone added by mistake is removed softly, with a reason and the
 * trail; a key milestone only with the 督查室's approval. The removed milestone
 * leaves the lists, the lights, the reminders (the real worker), the weekly report
 * and the supervision views, and shows with includeWithdrawn=true.
 */
describe('milestone removal (删除节点)', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let worker: TestWorker;
  let unit: Department;
  let otherUnit: Department;
  let admin: Headers;
  let editor: Headers;
  let editorId: string;
  let otherEditor: Headers;
  let supervisor: Headers;
  let viewer: Headers;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await createTestApp(database, { KPT_FIXED_NOW: NOW });
    worker = await createTestWorker(database, { now: NOW });
    const ds = database.dataSource;
    unit = await createDepartment(ds, { name: '区住房和城乡建设局' });
    otherUnit = await createDepartment(ds, { name: '区教育局' });
    admin = await signIn(app, (await createUser(ds, 'admin')).username);
    const editorUser = await createUser(ds, 'department_editor', { departmentId: unit.id, displayName: '住建局 王工' });
    editorId = editorUser.id;
    editor = await signIn(app, editorUser.username);
    otherEditor = await signIn(app, (await createUser(ds, 'department_editor', { departmentId: otherUnit.id })).username);
    supervisor = await signIn(app, (await createUser(ds, 'supervisor')).username);
    viewer = await signIn(app, (await createUser(ds, 'viewer')).username);
  });

  afterAll(async () => {
    if (worker) {
      await worker.close();
      await obliterateQueues(worker.prefix);
    }
    await app?.close();
    await database?.drop();
  });

  let projects = 0;
  const newProject = (): Promise<Project> => createProject(database.dataSource, { name: `玉祥·安泽园（范家营棚改回迁房）项目 ${++projects}期`, ownerDepartmentId: unit.id });
  async function newMilestone(projectId: string, payload: object): Promise<MilestoneBody> {
    const response = await app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/milestones`, headers: editor, payload });
    expect(response.statusCode).toBe(201);
    return response.json();
  }
  const remove = (headers: Headers, milestone: { id: string; version: number }, payload: object = { reason: '误添加：该节点属于另一项目' }, ifMatch: string | null = `"${milestone.version}"`) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/milestones/${milestone.id}/remove`,
      headers: ifMatch === null ? headers : { ...headers, 'if-match': ifMatch },
      payload,
    });
  const listed = async (projectId: string, query = ''): Promise<MilestoneBody[]> =>
    (await app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/milestones${query}`, headers: viewer })).json();
  const removalRows = async (milestoneId: string): Promise<number> =>
    (await database.dataSource.query(`SELECT count(*)::int AS n FROM milestone_removals WHERE milestone_id = $1`, [milestoneId]))[0].n;
  const auditActions = async (milestoneId: string): Promise<string[]> =>
    (await database.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'milestone' AND entity_id = $1 ORDER BY id`, [milestoneId])).map(
      (row: { action: string }) => row.action,
    );
  const lightOf = async (projectId: string): Promise<{ light: string; overdueCount: number }> =>
    (await app.inject({ method: 'GET', url: `/api/v1/warning-lights/projects/${projectId}`, headers: viewer })).json();

  it('removes a milestone added by mistake: gone from the lists, the project, the lights and the overdue list; shown with includeWithdrawn=true; audited before/after', async () => {
    const project = await newProject();
    const keep = await newMilestone(project.id, { kind: 'construction_permit', plannedDate: '2026-12-20' });
    const mistake = await newMilestone(project.id, { kind: 'custom', name: '误录节点：管线迁改', plannedDate: '2026-11-23' });
    expect((await lightOf(project.id)).light).toBe('red');
    const overdueBefore = (await app.inject({ method: 'GET', url: `/api/v1/supervision/overdue?pageSize=100`, headers: supervisor })).json();
    expect(JSON.stringify(overdueBefore)).toContain(mistake.id);

    const response = await remove(editor, mistake);
    expect(response.statusCode).toBe(200);
    expect(response.headers.etag).toBe(`"${mistake.version + 1}"`);
    expect(response.json()).toMatchObject({
      id: mistake.id,
      status: 'removed',
      version: mistake.version + 1,
      removal: { reason: '误添加：该节点属于另一项目', statusBefore: 'pending', removedById: editorId, removedByName: '住建局 王工', changeRequestId: null },
    });

    expect((await listed(project.id)).map((m) => m.id)).toEqual([keep.id]);
    const all = await listed(project.id, '?includeWithdrawn=true');
    expect(all.map((m) => [m.id, m.status])).toEqual([
      [mistake.id, 'removed'],
      [keep.id, 'pending'],
    ]);
    expect(all[0].removal).toMatchObject({ reason: '误添加：该节点属于另一项目' });
    const detail = (await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: viewer })).json();
    expect(detail.milestones.map((m: { id: string }) => m.id)).toEqual([keep.id]);
    const one = (await app.inject({ method: 'GET', url: `/api/v1/milestones/${mistake.id}`, headers: viewer })).json();
    expect(one).toMatchObject({ status: 'removed', removal: { reason: '误添加：该节点属于另一项目' } });
    expect(await lightOf(project.id)).toMatchObject({ light: 'green', overdueCount: 0 });
    const overdueAfter = (await app.inject({ method: 'GET', url: `/api/v1/supervision/overdue?pageSize=100`, headers: supervisor })).json();
    expect(JSON.stringify(overdueAfter)).not.toContain(mistake.id);

    const [audit] = await database.dataSource.query(
      `SELECT before, after FROM audit_log WHERE entity_type = 'milestone' AND entity_id = $1 AND action = 'remove'`,
      [mistake.id],
    );
    expect(audit.before).toMatchObject({ status: 'pending', removal: null });
    expect(audit.after).toMatchObject({ status: 'removed', removal: { reason: '误添加：该节点属于另一项目' } });

    // Removed is final: no change, no second removal.
    const patched = await app.inject({ method: 'PATCH', url: `/api/v1/milestones/${mistake.id}`, headers: { ...editor, 'if-match': `"${mistake.version + 1}"` }, payload: { status: 'pending' } });
    expect(patched.statusCode).toBe(409);
    expect(patched.json()).toMatchObject({ code: 'MILESTONE_REMOVED' });
    const again = await remove(editor, { id: mistake.id, version: mistake.version + 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'MILESTONE_REMOVED' });
    expect(await removalRows(mistake.id)).toBe(1);
  });

  it('stops its reminders: queued ones are cancelled by the worker, and the scan plans none for it', async () => {
    const project = await newProject();
    const late = await newMilestone(project.id, { kind: 'custom', name: '临电接入', plannedDate: '2026-11-24' });
    // Creating the milestone re-plans its reminders in the worker (through the outbox), which may plan and send the
    // rule's own one: let that job finish first, then hold a queued reminder of our own (no delivery job) that only
    // the removal can change.
    await waitFor(async () => {
      const [event] = await database.dataSource.query(
        `SELECT id FROM outbox_events WHERE topic = 'milestone.changed' AND payload->>'milestoneId' = $1 AND published_at IS NOT NULL ORDER BY id LIMIT 1`,
        [late.id],
      );
      const job = event ? await worker.queues.queue('domain-events').getJob(`outbox-${event.id}`) : undefined;
      return job && (await job.getState()) === 'completed' ? job : undefined;
    }, { what: 'the creation re-planned' });
    const queuedId = `reminder-${late.id}-overdue-20261125-inbox-${editorId}-held`;
    await database.dataSource.query(
      `INSERT INTO reminders (id, project_id, milestone_id, rule, kind, occurrence_date, planned_date, working_days_late, escalation_level, channel, recipient_key, recipient_user_id)
       VALUES ($1, $2, $3, 'overdue', 'overdue', '2026-11-25', '2026-11-24', 1, 0, 'inbox', $4, $5)`,
      [queuedId, project.id, late.id, `inbox-${editorId}-held`, editorId],
    );
    expect((await remove(editor, late)).statusCode).toBe(200);
    const cancelled = await waitFor(async () => {
      const [row] = await database.dataSource.query(`SELECT status, reason FROM reminders WHERE id = $1`, [queuedId]);
      return row.status === 'cancelled' ? row : undefined;
    });
    expect(cancelled).toEqual({ status: 'cancelled', reason: 'milestone_removed' });
    const before = await database.dataSource.query(`SELECT id FROM reminders WHERE milestone_id = $1 ORDER BY id`, [late.id]);
    await worker.scan();
    // Overdue and still pending it would be reminded today; removed, the scan plans nothing more for it.
    expect(await database.dataSource.query(`SELECT id FROM reminders WHERE milestone_id = $1 ORDER BY id`, [late.id])).toEqual(before);
    const queued = await database.dataSource.query(`SELECT id FROM reminders WHERE milestone_id = $1 AND status = 'queued'`, [late.id]);
    expect(queued).toEqual([]);
  });

  it('leaves the weekly report: the week is counted without it', async () => {
    const project = await newProject();
    await newMilestone(project.id, { kind: 'custom', name: '周内节点甲', plannedDate: '2026-11-18' });
    const mistake = await newMilestone(project.id, { kind: 'custom', name: '周内节点乙（误录）', plannedDate: '2026-11-19' });
    expect((await remove(editor, mistake)).statusCode).toBe(200);
    const built = await app.inject({ method: 'POST', url: '/api/v1/reports/weekly/2026-W47/build', headers: supervisor });
    expect(built.statusCode).toBe(201);
    const report = (await app.inject({ method: 'GET', url: '/api/v1/reports/weekly/2026-W47', headers: supervisor })).json().report;
    expect(report.overview.milestones.dueInWeek).toBe(1);
    expect(JSON.stringify(report)).not.toContain('周内节点乙');
    expect(JSON.stringify(report)).toContain('周内节点甲');
  });

  it("files a key milestone's removal for the 督查室 (202): it stays until approved, then goes with the request in its trail; a rejection keeps it", async () => {
    const project = await newProject();
    const key = await newMilestone(project.id, { kind: 'construction_start', plannedDate: '2026-12-15' });
    const filed = await remove(editor, key, { reason: '开工节点重复录入' });
    expect(filed.statusCode).toBe(202);
    expect(filed.json()).toMatchObject({ kind: 'removal', milestoneId: key.id, oldDate: '2026-12-15', newDate: null, requiredBecause: 'key_milestone', status: 'pending' });
    const requestId = filed.json().id;
    expect((await listed(project.id)).map((m) => [m.id, m.status])).toEqual([[key.id, 'pending']]);
    expect(await removalRows(key.id)).toBe(0);
    // One request at a time: another removal or a move waits for the decision.
    expect((await remove(editor, key)).json()).toMatchObject({ code: 'DEADLINE_CHANGE_PENDING' });
    const history = (await app.inject({ method: 'GET', url: `/api/v1/milestones/${key.id}/date-history`, headers: viewer })).json();
    expect(history.pendingRequest).toMatchObject({ id: requestId, kind: 'removal', newDate: null });
    // The 督查室 hears of it like of a move, told what is asked.
    const told = await waitFor(async () => {
      const rows: Array<{ body: string }> = await database.dataSource.query(`SELECT body FROM notifications WHERE event_key = $1`, [`event-deadline_change_requested-${requestId}`]);
      return rows.length > 0 ? rows : undefined;
    });
    expect(told).toHaveLength(1);
    expect(told![0].body).toContain('申请删除节点（计划日期 2026-12-15）');
    const queue = (await app.inject({ method: 'GET', url: `/api/v1/deadline-change-requests?status=pending&projectId=${project.id}`, headers: supervisor })).json();
    expect(queue.items).toEqual([expect.objectContaining({ id: requestId, kind: 'removal' })]);

    // The editor cannot approve; the 督查室 can.
    expect((await app.inject({ method: 'POST', url: `/api/v1/deadline-change-requests/${requestId}/approve`, headers: editor, payload: {} })).statusCode).toBe(403);
    const approved = await app.inject({ method: 'POST', url: `/api/v1/deadline-change-requests/${requestId}/approve`, headers: supervisor, payload: { comment: '同意删除' } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ kind: 'removal', status: 'approved' });
    const after = (await app.inject({ method: 'GET', url: `/api/v1/milestones/${key.id}`, headers: viewer })).json();
    expect(after).toMatchObject({ status: 'removed', removal: { reason: '开工节点重复录入', removedById: editorId, changeRequestId: requestId } });
    expect(await listed(project.id)).toEqual([]);
    expect(await auditActions(key.id)).toEqual(['create', 'remove']);

    const kept = await newMilestone(project.id, { kind: 'completion_acceptance', plannedDate: '2027-06-30' });
    const second = (await remove(editor, kept, { reason: '误删申请' })).json();
    const rejected = await app.inject({ method: 'POST', url: `/api/v1/deadline-change-requests/${second.id}/reject`, headers: supervisor, payload: { comment: '竣工验收节点不可删除' } });
    expect(rejected.statusCode).toBe(200);
    expect((await listed(project.id)).map((m) => [m.id, m.status])).toEqual([[kept.id, 'pending']]);
    expect(await removalRows(kept.id)).toBe(0);
  });

  it('refuses an approval when the key milestone changed since the request (409) and removes nothing', async () => {
    const project = await newProject();
    const key = await newMilestone(project.id, { kind: 'handover', plannedDate: '2027-03-01' });
    const requestId = (await remove(editor, key)).json().id;
    await database.dataSource.query(`UPDATE milestones SET note = '已更新', version = version + 1 WHERE id = $1`, [key.id]);
    const approved = await app.inject({ method: 'POST', url: `/api/v1/deadline-change-requests/${requestId}/approve`, headers: supervisor, payload: {} });
    expect(approved.statusCode).toBe(409);
    expect(approved.json()).toMatchObject({ code: 'DEADLINE_CHANGE_STALE' });
    expect(await removalRows(key.id)).toBe(0);
    expect((await app.inject({ method: 'GET', url: `/api/v1/milestones/${key.id}`, headers: viewer })).json().status).toBe('pending');
  });

  it('refuses with 400/403/404/409/412/428 and writes nothing', async () => {
    const project = await newProject();
    const milestone = await newMilestone(project.id, { kind: 'custom', name: '临时道路', plannedDate: '2026-12-10' });
    const done = await newMilestone(project.id, { kind: 'custom', name: '场地平整', plannedDate: '2026-11-20' });
    const completed = await app.inject({ method: 'PATCH', url: `/api/v1/milestones/${done.id}`, headers: { ...editor, 'if-match': `"${done.version}"` }, payload: { actualDate: '2026-11-20' } });
    expect(completed.statusCode).toBe(200);

    for (const payload of [{}, { reason: '' }, { reason: '  ' }, { reason: 7 }]) {
      const response = await remove(editor, milestone, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().details.map((detail: { field: string }) => detail.field)).toContain('reason');
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/milestones?includeWithdrawn=yes`, headers: viewer })).statusCode).toBe(400);
    for (const headers of [otherEditor, viewer, supervisor]) expect((await remove(headers, milestone)).statusCode).toBe(403);
    expect((await remove(editor, { id: '00000000-0000-4000-8000-000000000000', version: 1 })).json()).toMatchObject({ statusCode: 404, code: 'MILESTONE_NOT_FOUND' });
    expect((await remove(editor, milestone, undefined, null)).statusCode).toBe(428);
    expect((await remove(editor, milestone, undefined, `"${milestone.version + 5}"`)).statusCode).toBe(412);
    const doneRemoval = await remove(editor, { id: done.id, version: completed.json().version });
    expect(doneRemoval.statusCode).toBe(409);
    expect(doneRemoval.json()).toMatchObject({ code: 'MILESTONE_HAS_ACTUAL_DATE' });

    for (const id of [milestone.id, done.id]) expect(await removalRows(id)).toBe(0);
    expect(await auditActions(milestone.id)).toEqual(['create']);
    expect((await listed(project.id)).map((m) => m.status).sort()).toEqual(['done', 'pending']);
    // The admin may remove any project's milestone.
    expect((await remove(admin, milestone)).statusCode).toBe(200);
  });
});
