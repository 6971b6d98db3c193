import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, Project } from '@app/domain';
import { createProject } from './support/factories';
import { Headers, TestApi } from './support/test-api';
import type { TestDatabase } from './support/test-database';

// 10:00 on 2026-03-10 in Asia/Shanghai: "today" for the API under test.
const NOW = '2026-03-10T02:00:00Z';
const TODAY = '2026-03-10';

describe('milestones (节点)', () => {
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

  beforeAll(async () => {
    api = await TestApi.start({ env: { KPT_FIXED_NOW: NOW }, apiKeyScopes: ['projects:read'] });
    ({ app, database, unitA: departmentA } = api);
    ({ admin, editorA, editorB, supervisor, viewer, apiKey } = api.as);
    project = await createProject(database.dataSource, { name: '玉祥·安泽园（范家营棚改回迁房）项目', kind: 'resettlement_housing', ownerDepartmentId: departmentA.id });
  });

  afterAll(() => api?.close());

  const create = (headers: Headers, payload: object, projectId = project.id) =>
    app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/milestones`, headers, payload });
  const patch = (headers: Headers, id: string, payload: object, version?: number) =>
    app.inject({
      method: 'PATCH',
      url: `/api/v1/milestones/${id}`,
      headers: version === undefined ? headers : { ...headers, 'if-match': `"${version}"` },
      payload,
    });
  const get = (headers: Headers, id: string) => app.inject({ method: 'GET', url: `/api/v1/milestones/${id}`, headers });

  async function newMilestone(payload: object = { kind: 'construction_start', plannedDate: '2026-04-15' }): Promise<{ id: string; version: number }> {
    const response = await create(admin, payload);
    expect(response.statusCode).toBe(201);
    return response.json();
  }

  it("changes the project's ETag, so a cached project detail is not answered with 304 after a milestone write", async () => {
    const before = await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: viewer });
    const etag = before.headers.etag as string;
    const milestone = await newMilestone({ kind: 'main_structure_done', plannedDate: '2026-05-20' });
    await expect(patch(editorA, milestone.id, { note: '已完成基础施工' }, milestone.version)).resolves.toMatchObject({ statusCode: 200 });

    const after = await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}`, headers: { ...viewer, 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().milestones).toEqual(expect.arrayContaining([expect.objectContaining({ id: milestone.id, version: milestone.version + 1 })]));
  });

  /** Audit rows and outbox events of a milestone, with the id of the transaction that wrote each. */
  async function trail(milestoneId: string) {
    const ds = database.dataSource;
    const audit: Array<{ action: string; before: any; after: any; tx: string }> = await ds.query(
      `SELECT action, before, after, xmin::text AS tx FROM audit_log WHERE entity_type = 'milestone' AND entity_id = $1 ORDER BY id`,
      [milestoneId],
    );
    const outbox: Array<{ topic: string; aggregate_type: string; payload: any; published_at: Date | null; tx: string }> = await ds.query(
      `SELECT topic, aggregate_type, payload, published_at, xmin::text AS tx FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [milestoneId],
    );
    const [row]: Array<{ tx: string }> = await ds.query(`SELECT xmin::text AS tx FROM milestones WHERE id = $1`, [milestoneId]);
    return { audit, outbox, rowTx: row?.tx };
  }

  describe('create, read, list', () => {
    it('creates a standard milestone named after its kind, baseline = planned, with ETag "1"', async () => {
      const response = await create(editorA, { kind: 'construction_start', plannedDate: '2026-04-15', note: '待施工许可证核发' });
      expect(response.statusCode).toBe(201);
      expect(response.headers.etag).toBe('"1"');
      expect(response.json()).toEqual({
        id: expect.any(String),
        projectId: project.id,
        kind: 'construction_start',
        kindLabel: '开工',
        name: '开工',
        isKey: true,
        templateNodeId: null,
        requiresDocument: false,
        baselineDate: '2026-04-15',
        plannedDate: '2026-04-15',
        actualDate: null,
        status: 'pending',
        note: '待施工许可证核发',
        version: 1,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        removal: null,
      });

      const read = await get(viewer, response.json().id);
      expect(read.statusCode).toBe(200);
      expect(read.headers.etag).toBe('"1"');
      expect(read.json()).toEqual(response.json());
    });

    it('a custom milestone needs a name (400 naming name); a baseline can differ from the plan', async () => {
      const nameless = await create(admin, { kind: 'custom', plannedDate: '2026-05-01' });
      expect(nameless.statusCode).toBe(400);
      expect(nameless.json().details).toEqual([expect.objectContaining({ field: 'name' })]);

      const named = await create(admin, { kind: 'custom', name: '1#楼主体结构封顶', plannedDate: '2026-06-30', baselineDate: '2026-06-15' });
      expect(named.statusCode).toBe(201);
      expect(named.json()).toMatchObject({ kind: 'custom', kindLabel: '自定义节点', name: '1#楼主体结构封顶', isKey: false, baselineDate: '2026-06-15', plannedDate: '2026-06-30' });
    });

    it('lists a project’s milestones by planned date, for users and projects:read API keys', async () => {
      const other = await createProject(database.dataSource, { ownerDepartmentId: departmentA.id });
      await create(admin, { kind: 'completion_acceptance', plannedDate: '2027-10-01' }, other.id);
      await create(admin, { kind: 'project_approval', plannedDate: '2026-01-10' }, other.id);
      await create(admin, { kind: 'construction_start', plannedDate: '2026-05-10' }, other.id);

      for (const headers of [viewer, supervisor, apiKey]) {
        const response = await app.inject({ method: 'GET', url: `/api/v1/projects/${other.id}/milestones`, headers });
        expect(response.statusCode).toBe(200);
        expect(response.json().map((m: { name: string }) => m.name)).toEqual(['立项', '开工', '竣工验收']);
      }
    });

    it('answers an unknown project or milestone with 404 and a malformed id with 400', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect((await app.inject({ method: 'GET', url: `/api/v1/projects/${unknown}/milestones`, headers: viewer })).json()).toMatchObject({
        statusCode: 404,
        code: 'PROJECT_NOT_FOUND',
      });
      expect((await get(viewer, unknown)).json()).toMatchObject({ statusCode: 404, code: 'MILESTONE_NOT_FOUND' });
      const malformed = await get(viewer, 'not-a-uuid');
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });

  describe('validation names the field', () => {
    it('refuses a planned date that does not exist (2026-02-30)', async () => {
      const response = await create(admin, { kind: 'construction_start', plannedDate: '2026-02-30' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'plannedDate' })] });
    });

    it('refuses an unknown kind and unknown fields', async () => {
      const response = await create(admin, { kind: 'groundbreaking', plannedDate: '2026-04-01', colour: 'red' });
      expect(response.statusCode).toBe(400);
      const fields = response.json().details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['kind', 'colour']));
    });

    it('refuses an actual date after today and leaves the milestone as it was', async () => {
      const milestone = await newMilestone();
      const response = await patch(admin, milestone.id, { actualDate: '2026-03-11' }, 1);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'ACTUAL_DATE_IN_FUTURE', details: [expect.objectContaining({ field: 'actualDate' })] });
      expect((await get(admin, milestone.id)).json()).toMatchObject({ status: 'pending', actualDate: null, version: 1 });
      const { audit, outbox } = await trail(milestone.id);
      expect(audit.map((a) => a.action)).toEqual(['create']);
      expect(outbox).toHaveLength(1);
    });

    it('refuses a malformed actual date, naming actualDate', async () => {
      const milestone = await newMilestone();
      const response = await patch(admin, milestone.id, { actualDate: '2026-3-1' }, 1);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'actualDate' })]);
    });

    it('renames custom milestones only', async () => {
      const standard = await newMilestone();
      const refused = await patch(admin, standard.id, { name: '开工仪式' }, 1);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'MILESTONE_NAME_FIXED', details: [expect.objectContaining({ field: 'name' })] });

      const custom = await newMilestone({ kind: 'custom', name: '地下室封顶', plannedDate: '2026-05-01' });
      const renamed = await patch(admin, custom.id, { name: '地下室结构封顶' }, 1);
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: '地下室结构封顶', version: 2 });
    });
  });

  describe('life cycle: complete, reopen, cancel, restore, note', () => {
    it('each write bumps the version and the ETag', async () => {
      const milestone = await newMilestone();

      const done = await patch(editorA, milestone.id, { actualDate: TODAY }, 1);
      expect(done.statusCode).toBe(200);
      expect(done.headers.etag).toBe('"2"');
      expect(done.json()).toMatchObject({ status: 'done', actualDate: TODAY, version: 2 });

      const reopened = await patch(editorA, milestone.id, { actualDate: null }, 2);
      expect(reopened.json()).toMatchObject({ status: 'pending', actualDate: null, version: 3 });

      const cancelled = await patch(editorA, milestone.id, { status: 'cancelled', note: '规划调整，取消该节点' }, 3);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', note: '规划调整，取消该节点', version: 4 });

      const restored = await patch(editorA, milestone.id, { status: 'pending', note: null }, 4);
      expect(restored.json()).toMatchObject({ status: 'pending', note: null, version: 5 });

      const read = await get(viewer, milestone.id);
      expect(read.headers.etag).toBe('"5"');
      expect(read.json()).toMatchObject({ baselineDate: '2026-04-15', plannedDate: '2026-04-15', status: 'pending', version: 5 });
    });

    it('accepts the version in the body when the client cannot send If-Match', async () => {
      const milestone = await newMilestone();
      const response = await patch(admin, milestone.id, { note: '已进场', version: 1 });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ note: '已进场', version: 2 });
    });

    it('a done milestone cannot be cancelled before it is reopened (409)', async () => {
      const milestone = await newMilestone();
      await patch(admin, milestone.id, { actualDate: '2026-03-01' }, 1);
      const response = await patch(admin, milestone.id, { status: 'cancelled' }, 2);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'MILESTONE_NOT_PENDING' });
    });
  });

  describe('optimistic locking', () => {
    it('refuses a stale If-Match with 412 and changes nothing', async () => {
      const milestone = await newMilestone();
      expect((await patch(admin, milestone.id, { note: '第一次修改' }, 1)).statusCode).toBe(200);

      const stale = await patch(editorA, milestone.id, { actualDate: TODAY, note: '覆盖' }, 1);
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'STALE_VERSION' });
      expect((await get(admin, milestone.id)).json()).toMatchObject({ note: '第一次修改', status: 'pending', actualDate: null, version: 2 });
      const { audit, outbox } = await trail(milestone.id);
      expect(audit).toHaveLength(2);
      expect(outbox).toHaveLength(2);
    });

    it('refuses a write without If-Match or version with 428', async () => {
      const milestone = await newMilestone();
      const response = await patch(admin, milestone.id, { note: '无版本' });
      expect(response.statusCode).toBe(428);
      expect(response.json()).toMatchObject({ code: 'PRECONDITION_REQUIRED' });
      expect((await get(admin, milestone.id)).json()).toMatchObject({ note: null, version: 1 });
    });

    it('of two concurrent writes with the same version exactly one wins', async () => {
      const milestone = await newMilestone();
      const results = await Promise.all([
        patch(admin, milestone.id, { note: '甲' }, 1),
        patch(editorA, milestone.id, { note: '乙' }, 1),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      expect((await get(admin, milestone.id)).json()).toMatchObject({ note: winner.note, version: 2 });
    });
  });

  describe('roles', () => {
    it('an editor of another department gets 403, and nothing is written', async () => {
      const milestone = await newMilestone();
      expect((await create(editorB, { kind: 'handover', plannedDate: '2026-09-30' })).statusCode).toBe(403);
      const response = await patch(editorB, milestone.id, { actualDate: TODAY }, 1);
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'NOT_OWN_DEPARTMENT' });
      expect((await get(admin, milestone.id)).json()).toMatchObject({ status: 'pending', version: 1 });
    });

    it('viewers, the supervisor and API keys only read (403 on writes)', async () => {
      const milestone = await newMilestone();
      for (const headers of [viewer, supervisor, apiKey]) {
        expect((await create(headers, { kind: 'handover', plannedDate: '2026-09-30' })).statusCode).toBe(403);
        expect((await patch(headers, milestone.id, { note: '越权' }, 1)).statusCode).toBe(403);
      }
      expect((await get(apiKey, milestone.id)).statusCode).toBe(200);
      expect((await get(admin, milestone.id)).json()).toMatchObject({ note: null, version: 1 });
    });

    it('refuses a request without credentials with 401', async () => {
      expect((await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/milestones` })).statusCode).toBe(401);
    });
  });

  describe('audit row and outbox event, in the write’s own transaction', () => {
    it('every write leaves one audit row and one milestone.changed event, committed together with the row', async () => {
      // A permit, not a key milestone: a small move of it applies at once (see deadline-changes for the rest).
      const milestone = await newMilestone({ kind: 'construction_permit', plannedDate: '2026-09-30' });
      let { audit, outbox, rowTx } = await trail(milestone.id);
      expect(audit).toHaveLength(1);
      expect(outbox).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'create', before: null, after: expect.objectContaining({ plannedDate: '2026-09-30' }) });
      expect(outbox[0]).toMatchObject({
        topic: 'milestone.changed',
        aggregate_type: 'milestone',
        published_at: null,
        payload: {
          milestoneId: milestone.id,
          projectId: project.id,
          change: 'created',
          plannedDate: '2026-09-30',
          actualDate: null,
          status: 'pending',
          version: 1,
        },
      });
      expect(audit[0].tx).toBe(rowTx);
      expect(outbox[0].tx).toBe(rowTx);

      const steps: Array<[object, string, string]> = [
        [{ plannedDate: '2026-10-09', reason: '国庆假期顺延' }, 'rescheduled', 'reschedule'],
        [{ actualDate: '2026-03-09' }, 'completed', 'complete'],
        [{ actualDate: null }, 'reopened', 'reopen'],
        [{ status: 'cancelled' }, 'cancelled', 'cancel'],
        [{ status: 'pending' }, 'reopened', 'reopen'],
        [{ note: '施工许可证已受理' }, 'updated', 'update'],
      ];
      let version = 1;
      for (const [payload, change, action] of steps) {
        const response = await patch(admin, milestone.id, payload, version);
        expect(response.statusCode).toBe(200);
        version = response.json().version;
        ({ audit, outbox, rowTx } = await trail(milestone.id));
        const lastAudit = audit[audit.length - 1];
        const lastEvent = outbox[outbox.length - 1];
        expect(lastAudit.action).toBe(action);
        expect(lastEvent.payload).toMatchObject({ change, version, status: response.json().status, plannedDate: response.json().plannedDate });
        // The milestone row, its audit row and its event were written by one transaction.
        expect(lastAudit.tx).toBe(rowTx);
        expect(lastEvent.tx).toBe(rowTx);
      }
      expect(audit).toHaveLength(steps.length + 1);
      expect(outbox).toHaveLength(steps.length + 1);
      expect(audit[audit.length - 1].before).toMatchObject({ note: null, version: version - 1 });
      expect(audit[audit.length - 1].after).toMatchObject({ note: '施工许可证已受理', version });
    });

    it('a refused write (412, 400, 403) leaves neither audit row nor event', async () => {
      const milestone = await newMilestone();
      await patch(admin, milestone.id, { note: 'v2' }, 1);
      const before = await trail(milestone.id);
      expect((await patch(admin, milestone.id, { note: 'stale' }, 1)).statusCode).toBe(412);
      expect((await patch(admin, milestone.id, { actualDate: '2026-12-31' }, 2)).statusCode).toBe(400);
      expect((await patch(editorB, milestone.id, { note: 'other' }, 2)).statusCode).toBe(403);
      const after = await trail(milestone.id);
      expect(after.audit).toHaveLength(before.audit.length);
      expect(after.outbox).toHaveLength(before.outbox.length);
    });

    it('a write that changes nothing writes nothing', async () => {
      const milestone = await newMilestone();
      const response = await patch(admin, milestone.id, { note: null, plannedDate: '2026-04-15' }, 1);
      expect(response.statusCode).toBe(200);
      expect(response.json().version).toBe(1);
      const { audit, outbox } = await trail(milestone.id);
      expect(audit).toHaveLength(1);
      expect(outbox).toHaveLength(1);
    });
  });
});
