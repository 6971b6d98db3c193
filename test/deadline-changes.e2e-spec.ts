import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, Project } from '@app/domain';
import { createProject } from './support/factories';
import { Headers, TestApi } from './support/test-api';
import type { TestDatabase } from './support/test-database';

// 10:00 on 2026-03-10 in Asia/Shanghai.
const NOW = '2026-03-10T02:00:00Z';

// Working days of the 2026 official calendar (workingDaysBetween counts (from, to]):
// 2026-04-15 → 2026-04-29 is 10 working days, → 2026-04-30 is 11 (劳动节 follows).
const PLANNED = '2026-04-15';
const TEN_WORKING_DAYS_LATER = '2026-04-29';
const ELEVEN_WORKING_DAYS_LATER = '2026-04-30';

describe('deadline changes (节点延期)', () => {
  let api: TestApi;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let departmentA: Department;
  let project: Project;
  let admin: Headers;
  let editorA: Headers;
  let editorB: Headers;
  let supervisor: Headers;
  let viewer: Headers;
  let apiKey: Headers;
  let supervisorId: string;

  beforeAll(async () => {
    api = await TestApi.start({ env: { KPT_FIXED_NOW: NOW }, apiKeyScopes: ['projects:read'], displayNames: { editorA: '住建局 王工', supervisor: '区委督查室' } });
    ({ app, database, unitA: departmentA } = api);
    ({ admin, editorA, editorB, supervisor, viewer, apiKey } = api.as);
    supervisorId = api.users.supervisor.id;
    project = await createProject(database.dataSource, { name: '玉祥·安泽园（范家营棚改回迁房）项目', kind: 'resettlement_housing', ownerDepartmentId: departmentA.id });
  });

  afterAll(() => api?.close());

  async function newMilestone(kind = 'construction_permit', plannedDate = PLANNED, projectId = project.id): Promise<{ id: string; version: number }> {
    const response = await app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/milestones`, headers: admin, payload: { kind, plannedDate } });
    expect(response.statusCode).toBe(201);
    return response.json();
  }
  const patch = (headers: Headers, id: string, payload: object, version: number) =>
    app.inject({ method: 'PATCH', url: `/api/v1/milestones/${id}`, headers: { ...headers, 'if-match': `"${version}"` }, payload });
  const getMilestone = async (id: string) => (await app.inject({ method: 'GET', url: `/api/v1/milestones/${id}`, headers: viewer })).json();
  const history = (id: string, headers: Headers = viewer) => app.inject({ method: 'GET', url: `/api/v1/milestones/${id}/date-history`, headers });
  const decide = (headers: Headers, requestId: string, decision: 'approve' | 'reject', comment?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/deadline-change-requests/${requestId}/${decision}`,
      headers,
      payload: comment === undefined ? {} : { comment },
    });
  const listRequests = (headers: Headers, query = '') => app.inject({ method: 'GET', url: `/api/v1/deadline-change-requests${query}`, headers });
  async function outboxChanges(milestoneId: string): Promise<string[]> {
    const rows = await database.dataSource.query(`SELECT payload->>'change' AS change FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [milestoneId]);
    return rows.map((row: { change: string }) => row.change);
  }

  /** Files a request by moving the milestone more than the threshold; returns the request. */
  async function fileRequest(milestoneId: string, newDate = ELEVEN_WORKING_DAYS_LATER, version = 1) {
    const response = await patch(editorA, milestoneId, { plannedDate: newDate, reason: '征拆未完成，开工顺延' }, version);
    expect(response.statusCode).toBe(202);
    return response.json();
  }

  describe('moving a planned date', () => {
    it('needs a reason (400 naming reason) and leaves the milestone as it was', async () => {
      const milestone = await newMilestone();
      for (const payload of [{ plannedDate: '2026-04-16' }, { plannedDate: '2026-04-16', reason: '   ' }]) {
        const response = await patch(editorA, milestone.id, payload, 1);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: 'DEADLINE_CHANGE_REASON_REQUIRED', details: [expect.objectContaining({ field: 'reason' })] });
      }
      expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: PLANNED, version: 1 });
    });

    it('a small move (≤ 10 working days) applies at once, keeps the baseline and is in the date history', async () => {
      const milestone = await newMilestone();
      const response = await patch(editorA, milestone.id, { plannedDate: TEN_WORKING_DAYS_LATER, reason: '设计变更' }, 1);
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toBe('"2"');
      expect(response.json()).toMatchObject({ baselineDate: PLANNED, plannedDate: TEN_WORKING_DAYS_LATER, version: 2 });
      expect(await outboxChanges(milestone.id)).toEqual(['created', 'rescheduled']);

      const dated = await history(milestone.id, apiKey);
      expect(dated.statusCode).toBe(200);
      expect(dated.json()).toEqual({
        milestoneId: milestone.id,
        baselineDate: PLANNED,
        plannedDate: TEN_WORKING_DAYS_LATER,
        actualDate: null,
        pendingRequest: null,
        changes: [
          {
            id: expect.any(String),
            field: 'planned_date',
            oldDate: PLANNED,
            newDate: TEN_WORKING_DAYS_LATER,
            reason: '设计变更',
            requestedById: expect.any(String),
            requestedByName: '住建局 王工',
            decidedById: null,
            decidedByName: null,
            decidedAt: null,
            changeRequestId: null,
            changedAt: expect.any(String),
          },
        ],
      });
      const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM deadline_change_requests WHERE milestone_id = $1`, [
        milestone.id,
      ]);
      expect(count).toBe(0);
    });

    it('moving earlier counts the same way: more than 10 working days earlier needs approval', async () => {
      const milestone = await newMilestone('construction_permit', ELEVEN_WORKING_DAYS_LATER);
      const response = await patch(editorA, milestone.id, { plannedDate: PLANNED, reason: '提前具备条件' }, 1);
      expect(response.statusCode).toBe(202);
      expect(response.json()).toMatchObject({ workingDays: -11, requiredBecause: 'over_threshold' });
    });

    it('a larger move becomes a pending request (202); until it is decided the old date stands', async () => {
      const milestone = await newMilestone();
      const response = await patch(editorA, milestone.id, { plannedDate: ELEVEN_WORKING_DAYS_LATER, reason: '征拆未完成，开工顺延' }, 1);
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({
        id: expect.any(String),
        kind: 'reschedule',
        milestoneId: milestone.id,
        milestoneName: '施工许可',
        milestoneKind: 'construction_permit',
        milestoneKindLabel: '施工许可',
        isKeyMilestone: false,
        projectId: project.id,
        projectName: '玉祥·安泽园（范家营棚改回迁房）项目',
        oldDate: PLANNED,
        newDate: ELEVEN_WORKING_DAYS_LATER,
        workingDays: 11,
        requiredBecause: 'over_threshold',
        thresholdWorkingDays: 10,
        reason: '征拆未完成，开工顺延',
        status: 'pending',
        requestedById: expect.any(String),
        requestedByName: '住建局 王工',
        requestedAt: expect.any(String),
        decidedById: null,
        decidedByName: null,
        decidedAt: null,
        decisionComment: null,
        dependents: [],
      });
      expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: PLANNED, version: 1 });
      expect(await outboxChanges(milestone.id)).toEqual(['created']);
      const dated = (await history(milestone.id)).json();
      expect(dated.changes).toEqual([]);
      expect(dated.pendingRequest).toMatchObject({ id: response.json().id, status: 'pending' });
    });

    it('a key milestone (开工, 竣工验收, 交付, 投产) always needs approval, even for one working day and from an admin', async () => {
      for (const kind of ['construction_start', 'completion_acceptance', 'handover', 'in_service']) {
        const milestone = await newMilestone(kind);
        const response = await patch(admin, milestone.id, { plannedDate: '2026-04-16', reason: '顺延一天' }, 1);
        expect(response.statusCode).toBe(202);
        expect(response.json()).toMatchObject({ isKeyMilestone: true, requiredBecause: 'key_milestone', workingDays: 1, status: 'pending' });
        expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: PLANNED, version: 1 });
      }
    });

    it('a move that needs approval cannot carry other changes (400 naming plannedDate)', async () => {
      const milestone = await newMilestone('construction_start');
      const response = await patch(editorA, milestone.id, { plannedDate: '2026-05-20', reason: '顺延', note: '顺便改备注' }, 1);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'DEADLINE_CHANGE_NOT_ALONE', details: [expect.objectContaining({ field: 'plannedDate' })] });
      expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: PLANNED, note: null, version: 1 });
    });

    it('while a request is pending the date cannot move again (409), though other fields can change', async () => {
      const milestone = await newMilestone();
      const request = await fileRequest(milestone.id);
      const again = await patch(editorA, milestone.id, { plannedDate: '2026-04-16', reason: '再调整' }, 1);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'DEADLINE_CHANGE_PENDING' });
      expect(again.json().message).toContain(request.id);
      expect((await patch(editorA, milestone.id, { note: '已上报督查室' }, 1)).statusCode).toBe(200);
    });

    it('the baseline cannot be changed through PATCH', async () => {
      const milestone = await newMilestone();
      const response = await patch(admin, milestone.id, { baselineDate: '2026-05-01' }, 1);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'baselineDate' })]);
    });

    it('completing and reopening are in the date history too (actual_date)', async () => {
      const milestone = await newMilestone();
      await patch(editorA, milestone.id, { actualDate: '2026-03-09' }, 1);
      await patch(editorA, milestone.id, { actualDate: null, reason: '误报完成' }, 2);
      const changes = (await history(milestone.id)).json().changes;
      expect(changes).toMatchObject([
        { field: 'actual_date', oldDate: null, newDate: '2026-03-09', reason: null },
        { field: 'actual_date', oldDate: '2026-03-09', newDate: null, reason: '误报完成' },
      ]);
    });
  });

  describe('the 督查室 decides', () => {
    it('approving moves the planned date (baseline unchanged), records history, audit and outbox', async () => {
      const milestone = await newMilestone();
      const request = await fileRequest(milestone.id);

      const approved = await decide(supervisor, request.id, 'approve', '同意延期，请加快征拆进度');
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({
        id: request.id,
        status: 'approved',
        decidedById: supervisorId,
        decidedByName: '区委督查室',
        decidedAt: new Date(NOW).toISOString(),
        decisionComment: '同意延期，请加快征拆进度',
      });

      const after = await getMilestone(milestone.id);
      expect(after).toMatchObject({ baselineDate: PLANNED, plannedDate: ELEVEN_WORKING_DAYS_LATER, version: 2 });
      expect(await outboxChanges(milestone.id)).toEqual(['created', 'rescheduled']);

      const dated = (await history(milestone.id)).json();
      expect(dated).toMatchObject({ baselineDate: PLANNED, plannedDate: ELEVEN_WORKING_DAYS_LATER, pendingRequest: null });
      expect(dated.changes).toEqual([
        expect.objectContaining({
          field: 'planned_date',
          oldDate: PLANNED,
          newDate: ELEVEN_WORKING_DAYS_LATER,
          reason: '征拆未完成，开工顺延',
          requestedByName: '住建局 王工',
          decidedById: supervisorId,
          decidedByName: '区委督查室',
          changeRequestId: request.id,
        }),
      ]);

      // The milestone's move, its audit row and its event were committed together.
      const [{ tx: rowTx }] = await database.dataSource.query(`SELECT xmin::text AS tx FROM milestones WHERE id = $1`, [milestone.id]);
      const audit = await database.dataSource.query(
        `SELECT action, entity_type, xmin::text AS tx FROM audit_log WHERE entity_id IN ($1, $2) ORDER BY id`,
        [milestone.id, request.id],
      );
      expect(audit.map((row: { entity_type: string; action: string }) => `${row.entity_type}:${row.action}`)).toEqual([
        'milestone:create',
        'deadline_change_request:create',
        'deadline_change_request:approve',
        'milestone:reschedule',
      ]);
      expect(audit.slice(2).every((row: { tx: string }) => row.tx === rowTx)).toBe(true);
      const [{ tx: eventTx }] = await database.dataSource.query(`SELECT xmin::text AS tx FROM outbox_events WHERE aggregate_id = $1 ORDER BY id DESC LIMIT 1`, [
        milestone.id,
      ]);
      expect(eventTx).toBe(rowTx);
    });

    it('rejecting leaves the date unchanged and writes no history', async () => {
      const milestone = await newMilestone('completion_acceptance');
      const request = await fileRequest(milestone.id, '2026-12-30');
      const rejected = await decide(supervisor, request.id, 'reject', '理由不充分，请按原计划推进');
      expect(rejected.statusCode).toBe(200);
      expect(rejected.json()).toMatchObject({ status: 'rejected', decisionComment: '理由不充分，请按原计划推进', decidedByName: '区委督查室' });
      expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: PLANNED, baselineDate: PLANNED, version: 1 });
      expect((await history(milestone.id)).json()).toMatchObject({ changes: [], pendingRequest: null });
      expect(await outboxChanges(milestone.id)).toEqual(['created']);
      // Once decided, the date can be moved again (a new request).
      expect((await patch(editorA, milestone.id, { plannedDate: '2026-05-30', reason: '补充材料后再次申请' }, 1)).statusCode).toBe(202);
    });

    it('an admin can decide too; a comment is optional', async () => {
      const milestone = await newMilestone();
      const request = await fileRequest(milestone.id);
      const approved = await decide(admin, request.id, 'approve');
      expect(approved.statusCode).toBe(200);
      expect(approved.json()).toMatchObject({ status: 'approved', decisionComment: null });
    });

    it('editors, viewers and API keys cannot decide (403) and the request stays pending', async () => {
      const milestone = await newMilestone();
      const request = await fileRequest(milestone.id);
      for (const headers of [editorA, editorB, viewer, apiKey]) {
        expect((await decide(headers, request.id, 'approve')).statusCode).toBe(403);
        expect((await decide(headers, request.id, 'reject')).statusCode).toBe(403);
      }
      expect((await app.inject({ method: 'GET', url: `/api/v1/deadline-change-requests/${request.id}`, headers: supervisor })).json()).toMatchObject({
        status: 'pending',
      });
      expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: PLANNED });
    });

    it('deciding twice is refused with 409, whichever the decisions', async () => {
      const milestone = await newMilestone();
      const first = await fileRequest(milestone.id);
      expect((await decide(supervisor, first.id, 'approve')).statusCode).toBe(200);
      for (const decision of ['approve', 'reject'] as const) {
        const again = await decide(supervisor, first.id, decision);
        expect(again.statusCode).toBe(409);
        expect(again.json()).toMatchObject({ code: 'DEADLINE_CHANGE_ALREADY_DECIDED' });
      }
      expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: ELEVEN_WORKING_DAYS_LATER, version: 2 });
      expect((await history(milestone.id)).json().changes).toHaveLength(1);

      const other = await newMilestone();
      const second = await fileRequest(other.id);
      expect((await decide(supervisor, second.id, 'reject')).statusCode).toBe(200);
      expect((await decide(admin, second.id, 'approve')).statusCode).toBe(409);
      expect(await getMilestone(other.id)).toMatchObject({ plannedDate: PLANNED, version: 1 });
    });

    it('two concurrent approvals of one request: one wins, the other gets 409', async () => {
      const milestone = await newMilestone();
      const request = await fileRequest(milestone.id);
      const responses = await Promise.all([decide(supervisor, request.id, 'approve'), decide(admin, request.id, 'approve')]);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect((await history(milestone.id)).json().changes).toHaveLength(1);
      expect(await outboxChanges(milestone.id)).toEqual(['created', 'rescheduled']);
    });

    it('approving a request whose milestone changed since is refused (409); rejecting it still works', async () => {
      const milestone = await newMilestone();
      const request = await fileRequest(milestone.id);
      expect((await patch(editorA, milestone.id, { actualDate: '2026-03-09' }, 1)).statusCode).toBe(200);

      const approve = await decide(supervisor, request.id, 'approve');
      expect(approve.statusCode).toBe(409);
      expect(approve.json()).toMatchObject({ code: 'DEADLINE_CHANGE_STALE' });
      expect(await getMilestone(milestone.id)).toMatchObject({ plannedDate: PLANNED, status: 'done', version: 2 });
      expect((await decide(supervisor, request.id, 'reject', '节点已完成，无需延期')).statusCode).toBe(200);
    });

    it('unknown or malformed request ids: 404 and 400', async () => {
      expect((await decide(supervisor, '00000000-0000-4000-8000-000000000000', 'approve')).json()).toMatchObject({
        statusCode: 404,
        code: 'DEADLINE_CHANGE_REQUEST_NOT_FOUND',
      });
      const malformed = await decide(supervisor, 'nope', 'approve');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });

  describe('the list of requests', () => {
    it('the 督查室 and admins see all, filtered by status; an editor only its department’s; viewers none', async () => {
      const otherProject = await createProject(database.dataSource, { ownerDepartmentId: api.unitB.id });
      const ours = await fileRequest((await newMilestone()).id);
      const theirsMilestone = await newMilestone('construction_start', PLANNED, otherProject.id);
      const theirs = await patch(admin, theirsMilestone.id, { plannedDate: '2026-05-15', reason: '校舍设计调整' }, 1);
      expect(theirs.statusCode).toBe(202);

      const pendingForSupervisor = await listRequests(supervisor, '?status=pending&pageSize=200');
      expect(pendingForSupervisor.statusCode).toBe(200);
      const ids = pendingForSupervisor.json().items.map((r: { id: string }) => r.id);
      expect(ids).toEqual(expect.arrayContaining([ours.id, theirs.json().id]));
      expect(pendingForSupervisor.json().items.every((r: { status: string }) => r.status === 'pending')).toBe(true);
      expect(pendingForSupervisor.json()).toMatchObject({ page: 1, pageSize: 200, total: ids.length });

      const forEditorA = (await listRequests(editorA, '?status=pending&pageSize=200')).json().items.map((r: { projectId: string }) => r.projectId);
      expect(forEditorA).toContain(project.id);
      expect(forEditorA).not.toContain(otherProject.id);
      const forEditorB = (await listRequests(editorB, '?pageSize=200')).json().items.map((r: { id: string }) => r.id);
      expect(forEditorB).toEqual([theirs.json().id]);

      const otherDepartment = await app.inject({ method: 'GET', url: `/api/v1/deadline-change-requests/${ours.id}`, headers: editorB });
      expect(otherDepartment.statusCode).toBe(403);
      expect((await listRequests(viewer)).statusCode).toBe(403);
      expect((await listRequests(supervisor, '?status=waiting')).json().details).toEqual([expect.objectContaining({ field: 'status' })]);

      await decide(supervisor, ours.id, 'approve');
      const approved = (await listRequests(admin, `?status=approved&milestoneId=${ours.milestoneId}`)).json();
      expect(approved.items.map((r: { id: string }) => r.id)).toEqual([ours.id]);
    });
  });

  describe('the threshold setting', () => {
    afterAll(async () => {
      await app.inject({ method: 'PUT', url: '/api/v1/settings/deadline-changes', headers: admin, payload: { maxWorkingDaysWithoutApproval: 10 } });
    });

    it('defaults to 10; admins change it, others cannot; the new threshold applies to the next move', async () => {
      const initial = await app.inject({ method: 'GET', url: '/api/v1/settings/deadline-changes', headers: editorA });
      expect(initial.statusCode).toBe(200);
      expect(initial.json()).toMatchObject({ maxWorkingDaysWithoutApproval: 10 });

      for (const headers of [editorA, supervisor, viewer]) {
        const refused = await app.inject({ method: 'PUT', url: '/api/v1/settings/deadline-changes', headers, payload: { maxWorkingDaysWithoutApproval: 3 } });
        expect(refused.statusCode).toBe(403);
      }
      const invalid = await app.inject({ method: 'PUT', url: '/api/v1/settings/deadline-changes', headers: admin, payload: { maxWorkingDaysWithoutApproval: -1 } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().details).toEqual([expect.objectContaining({ field: 'maxWorkingDaysWithoutApproval' })]);

      const updated = await app.inject({ method: 'PUT', url: '/api/v1/settings/deadline-changes', headers: admin, payload: { maxWorkingDaysWithoutApproval: 3 } });
      expect(updated.statusCode).toBe(200);
      expect(updated.json()).toMatchObject({ maxWorkingDaysWithoutApproval: 3, updatedByName: expect.any(String) });

      // 2026-04-15 → 2026-04-20 is 3 working days: still direct; → 2026-04-21 is 4: a request.
      const small = await newMilestone();
      expect((await patch(editorA, small.id, { plannedDate: '2026-04-20', reason: '小幅调整' }, 1)).statusCode).toBe(200);
      const large = await newMilestone();
      const request = await patch(editorA, large.id, { plannedDate: '2026-04-21', reason: '小幅调整' }, 1);
      expect(request.statusCode).toBe(202);
      expect(request.json()).toMatchObject({ workingDays: 4, thresholdWorkingDays: 3, requiredBecause: 'over_threshold' });

      const [audit] = await database.dataSource.query(`SELECT before, after FROM audit_log WHERE entity_type = 'deadline_change_settings' ORDER BY id DESC LIMIT 1`);
      expect(audit.before).toMatchObject({ maxWorkingDaysWithoutApproval: 10 });
      expect(audit.after).toMatchObject({ maxWorkingDaysWithoutApproval: 3 });
    });
  });
});
