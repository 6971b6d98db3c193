import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Department, Project } from '@app/domain';
import { progressReportRequestHash } from '../apps/api/src/progress-reports/progress-reports.service';
import { createProject } from './support/factories';
import { Headers, TestApi } from './support/test-api';
import type { TestDatabase } from './support/test-database';

// 10:00 on 2026-03-10 in Asia/Shanghai.
const NOW = '2026-03-10T02:00:00Z';

describe('progress reports (进展填报)', () => {
  let api: TestApi;
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let departmentA: Department;
  let departmentB: Department;
  let admin: Headers;
  let editorA: Headers;
  let editorA2: Headers;
  let editorB: Headers;
  let viewer: Headers;
  let supervisor: Headers;
  let apiKey: Headers;
  let editorADisplayName: string;
  let editorAId: string;

  beforeAll(async () => {
    api = await TestApi.start({ env: { KPT_FIXED_NOW: NOW }, apiKeyScopes: ['projects:read'], displayNames: { editorA: '住建局 王工' } });
    ({ app, database, unitA: departmentA, unitB: departmentB } = api);
    ({ admin, editorA, editorB, viewer, supervisor, apiKey } = api.as);
    editorADisplayName = api.users.editorA.displayName;
    editorAId = api.users.editorA.id;
    editorA2 = (await api.signedIn('department_editor', { departmentId: departmentA.id })).headers;
  });

  afterAll(() => api?.close());

  const newProject = () => createProject(database.dataSource, { kind: 'resettlement_housing', ownerDepartmentId: departmentA.id });
  const file = (headers: Headers, projectId: string, payload: object, idempotencyKey?: string) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/projects/${projectId}/progress-reports`,
      headers: idempotencyKey === undefined ? headers : { ...headers, 'idempotency-key': idempotencyKey },
      payload,
    });
  const report = (overrides: object = {}) => ({
    period: '2026-03',
    text: '主体结构施工至第12层，完成地下室防水工程。',
    percentComplete: '45.5',
    investmentCompletedWan: '1200.5',
    problems: '冬季停工影响外立面施工进度',
    coordinationNeeds: '需区自然资源局协调临时用地手续',
    ...overrides,
  });

  async function reportCount(projectId: string): Promise<number> {
    const [{ count }] = await database.dataSource.query(`SELECT count(*)::int AS count FROM progress_reports WHERE project_id = $1`, [projectId]);
    return count;
  }
  async function monthlyInvestment(projectId: string, month: string): Promise<string | undefined> {
    const [row] = await database.dataSource.query(`SELECT amount_yuan FROM project_monthly_investments WHERE project_id = $1 AND month = $2`, [
      projectId,
      month,
    ]);
    return row?.amount_yuan;
  }
  async function projectRow(projectId: string): Promise<{ percent_complete: string | null; version: number }> {
    const [row] = await database.dataSource.query(`SELECT percent_complete, version FROM projects WHERE id = $1`, [projectId]);
    return row;
  }

  describe('filing', () => {
    it('stores the report, adds its investment to the month and sets the project’s percent complete, in one transaction', async () => {
      const project = await newProject();
      const versionBefore = (await projectRow(project.id)).version;
      const response = await file(editorA, project.id, report());
      expect(response.statusCode).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
      expect(response.json()).toEqual({
        id: expect.any(String),
        projectId: project.id,
        period: '2026-03',
        text: '主体结构施工至第12层，完成地下室防水工程。',
        percentComplete: '45.50',
        investmentCompletedYuan: '12005000',
        investmentCompletedWan: '1200.5',
        problems: '冬季停工影响外立面施工进度',
        coordinationNeeds: '需区自然资源局协调临时用地手续',
        authorId: expect.any(String),
        authorName: editorADisplayName,
        createdAt: expect.any(String),
        withdrawal: null,
        coordinationProblems: [],
      });
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('12005000');
      expect(await projectRow(project.id)).toEqual({ percent_complete: '45.50', version: versionBefore + 1 });

      const rows: Array<{ entity_type: string; tx: string }> = await database.dataSource.query(
        `SELECT entity_type, xmin::text AS tx FROM audit_log WHERE entity_id IN ($1, $2, $3) ORDER BY id`,
        [response.json().id, `${project.id}:2026-03`, project.id],
      );
      expect(rows.map((r) => r.entity_type)).toEqual(['progress_report', 'monthly_investment', 'project']);
      const [{ tx: reportTx }] = await database.dataSource.query(`SELECT xmin::text AS tx FROM progress_reports WHERE id = $1`, [response.json().id]);
      expect(new Set(rows.map((r) => r.tx))).toEqual(new Set([reportTx]));
    });

    it('adds each report’s investment to the month exactly, down to the yuan', async () => {
      const project = await newProject();
      expect((await file(editorA, project.id, report({ investmentCompletedWan: '1200.5' }))).statusCode).toBe(201);
      expect((await file(editorA, project.id, report({ investmentCompletedWan: '0.0001', percentComplete: 46 }))).statusCode).toBe(201);
      expect((await file(editorA, project.id, report({ period: '2026-02', investmentCompletedWan: '99999999.9999', percentComplete: '46' }))).statusCode).toBe(201);
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('12005001');
      expect(await monthlyInvestment(project.id, '2026-02')).toBe('999999999999');
      // The latest report’s percent complete stands.
      expect((await projectRow(project.id)).percent_complete).toBe('46.00');
    });

    it('defaults the investment to 0 and leaves percent complete alone when none is given', async () => {
      const project = await newProject();
      await file(editorA, project.id, report({ percentComplete: 12.25, investmentCompletedWan: '10' }));
      const response = await file(editorA, project.id, { period: '2026-03', text: '办理施工许可' });
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({ percentComplete: null, investmentCompletedYuan: '0', investmentCompletedWan: '0', problems: null });
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('100000');
      expect((await projectRow(project.id)).percent_complete).toBe('12.25');
    });
  });

  describe('validation names the field', () => {
    it.each([
      [{ period: '2026-04' }, 'period', 'PERIOD_IN_FUTURE'],
      [{ period: '2026-13' }, 'period', 'VALIDATION_FAILED'],
      [{ percentComplete: 100.01 }, 'percentComplete', 'VALIDATION_FAILED'],
      [{ percentComplete: '45.555' }, 'percentComplete', 'VALIDATION_FAILED'],
      [{ percentComplete: -1 }, 'percentComplete', 'VALIDATION_FAILED'],
      [{ investmentCompletedWan: 1200 }, 'investmentCompletedWan', 'VALIDATION_FAILED'],
      [{ investmentCompletedWan: '-5' }, 'investmentCompletedWan', 'VALIDATION_FAILED'],
      [{ investmentCompletedWan: '1.00001' }, 'investmentCompletedWan', 'VALIDATION_FAILED'],
      [{ text: '' }, 'text', 'VALIDATION_FAILED'],
    ])('refuses %j (400 naming %s) and writes nothing', async (overrides, field, code) => {
      const project = await newProject();
      const response = await file(editorA, project.id, report(overrides));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code, details: expect.arrayContaining([expect.objectContaining({ field })]) });
      expect(await reportCount(project.id)).toBe(0);
    });

    it('accepts 100 and 0 as percentages and the current month as period', async () => {
      const project = await newProject();
      expect((await file(editorA, project.id, report({ percentComplete: 0 }))).statusCode).toBe(201);
      expect((await file(editorA, project.id, report({ percentComplete: '100.00' }))).statusCode).toBe(201);
      expect((await projectRow(project.id)).percent_complete).toBe('100.00');
    });

    it('refuses a malformed Idempotency-Key naming the header', async () => {
      const project = await newProject();
      const response = await file(editorA, project.id, report(), 'x'.repeat(129));
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });
  });

  describe('Idempotency-Key', () => {
    it('a retry with the same key and body returns the original report (200, Idempotent-Replayed) and adds nothing', async () => {
      const project = await newProject();
      const first = await file(editorA, project.id, report(), 'report-2026-03-a');
      expect(first.statusCode).toBe(201);
      const versionAfterFirst = (await projectRow(project.id)).version;

      // The same request, percent written differently: still the same report.
      const retry = await file(editorA, project.id, report({ percentComplete: 45.5 }), 'report-2026-03-a');
      expect(retry.statusCode).toBe(200);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());

      expect(await reportCount(project.id)).toBe(1);
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('12005000');
      expect((await projectRow(project.id)).version).toBe(versionAfterFirst);
    });

    it('the same key with a different body is refused with 409 IDEMPOTENCY_KEY_REUSED', async () => {
      const project = await newProject();
      expect((await file(editorA, project.id, report(), 'report-key-b')).statusCode).toBe(201);
      const reused = await file(editorA, project.id, report({ investmentCompletedWan: '1300' }), 'report-key-b');
      expect(reused.statusCode).toBe(409);
      expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await reportCount(project.id)).toBe(1);
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('12005000');
    });

    it('keys belong to their user: another user’s same key makes another report', async () => {
      const project = await newProject();
      expect((await file(editorA, project.id, report(), 'shared-key')).statusCode).toBe(201);
      expect((await file(editorA2, project.id, report(), 'shared-key')).statusCode).toBe(201);
      expect(await reportCount(project.id)).toBe(2);
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('24010000');
    });

    it('two concurrent requests with the same key make one report, counted once', async () => {
      const project = await newProject();
      const responses = await Promise.all([1, 2, 3].map(() => file(editorA, project.id, report(), 'parallel-key')));
      const ids = new Set(responses.map((r) => r.json().id));
      expect(ids.size).toBe(1);
      expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
      expect(await reportCount(project.id)).toBe(1);
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('12005000');
    });

    it('a request that loses the race on the key (unique violation) answers with the winner’s report', async () => {
      const project = await newProject();
      const body = report();
      // The "winner": a transaction that has inserted the report under the key but not yet committed.
      const winner = database.dataSource.createQueryRunner();
      await winner.connect();
      await winner.startTransaction();
      const [{ id }] = await winner.query(
        `INSERT INTO progress_reports (project_id, period, text, percent_complete, investment_completed_yuan, author_id, author_name, idempotency_key, request_hash)
         VALUES ($1, '2026-03', $2, 45.5, 12005000, $3, 'winner', 'race-key', $4) RETURNING id`,
        [project.id, body.text, editorAId, progressReportRequestHash(project.id, body)],
      );
      const loser = file(editorA, project.id, body, 'race-key');
      // Wait until the request is blocked on the unique key, then let the winner commit.
      for (let attempt = 0; attempt < 500; attempt++) {
        const [{ waiting }] = await database.dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        if (waiting > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await winner.commitTransaction();
      await winner.release();

      const response = await loser;
      expect(response.statusCode).toBe(200);
      expect(response.headers['idempotent-replayed']).toBe('true');
      expect(response.json()).toMatchObject({ id, authorName: 'winner' });
      expect(await reportCount(project.id)).toBe(1);
      // The loser's transaction rolled back as a whole: it added no investment.
      expect(await monthlyInvestment(project.id, '2026-03')).toBeUndefined();
    });

    it('without a key, each request is a new report', async () => {
      const project = await newProject();
      await file(editorA, project.id, report());
      await file(editorA, project.id, report());
      expect(await reportCount(project.id)).toBe(2);
    });
  });

  describe('roles', () => {
    it('an editor of another department gets 403; viewers, the supervisor and API keys cannot file', async () => {
      const project = await newProject();
      for (const headers of [editorB, viewer, supervisor, apiKey]) {
        const response = await file(headers, project.id, report());
        expect(response.statusCode).toBe(403);
      }
      expect(await reportCount(project.id)).toBe(0);
      expect(await monthlyInvestment(project.id, '2026-03')).toBeUndefined();
      expect((await file(admin, project.id, report())).statusCode).toBe(201);
    });
  });

  describe('listing', () => {
    it('pages reports newest first, for users and projects:read API keys', async () => {
      const project = await newProject();
      for (const period of ['2026-01', '2026-02', '2026-03']) {
        expect((await file(editorA, project.id, report({ period, text: `${period} 进展` }))).statusCode).toBe(201);
      }
      const firstPage = await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/progress-reports?pageSize=2`, headers: apiKey });
      expect(firstPage.statusCode).toBe(200);
      expect(firstPage.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(firstPage.json().items.map((r: { period: string }) => r.period)).toEqual(['2026-03', '2026-02']);

      const secondPage = await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/progress-reports?page=2&pageSize=2`, headers: viewer });
      expect(secondPage.json().items.map((r: { text: string }) => r.text)).toEqual(['2026-01 进展']);
    });

    it('answers an unknown project with 404 and a malformed id with 400', async () => {
      const unknown = await app.inject({ method: 'GET', url: `/api/v1/projects/00000000-0000-4000-8000-000000000000/progress-reports`, headers: viewer });
      expect(unknown.json()).toMatchObject({ statusCode: 404, code: 'PROJECT_NOT_FOUND' });
      const malformed = await app.inject({ method: 'GET', url: `/api/v1/projects/abc/progress-reports`, headers: viewer });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().details).toEqual([expect.objectContaining({ field: 'projectId' })]);
    });
  });
  describe('withdrawal (撤回)', () => {
    const withdraw = (headers: Headers, projectId: string, reportId: string, payload: object = { reason: '误填至其他项目，撤回后重新填报' }) =>
      app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/progress-reports/${reportId}/withdraw`, headers, payload });
    const list = (projectId: string, query = '') =>
      app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/progress-reports${query}`, headers: viewer });
    const withdrawalCount = async (reportId: string): Promise<number> =>
      (await database.dataSource.query(`SELECT count(*)::int AS n FROM progress_report_withdrawals WHERE report_id = $1`, [reportId]))[0].n;
    const auditCount = async (...entityIds: string[]): Promise<number> =>
      (await database.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ANY($1::text[])`, [entityIds]))[0].n;
    /** A report posted `hours` ago (the API stamps reports with the database's now()). */
    async function postedHoursAgo(projectId: string, hours: number): Promise<string> {
      const [{ id }] = await database.dataSource.query(
        `INSERT INTO progress_reports (project_id, period, text, investment_completed_yuan, author_id, author_name, created_at)
         VALUES ($1, '2026-02', '二月进展', 0, $2, $3, now() - make_interval(hours => $4)) RETURNING id`,
        [projectId, editorAId, editorADisplayName, hours],
      );
      return id;
    }

    it("takes back the report's investment and percent complete, hides it from the list and keeps it, with the audit trail, in one transaction", async () => {
      const project = await createProject(database.dataSource, {
        ownerDepartmentId: departmentA.id,
        plannedStartDate: '2026-01-01',
        plannedEndDate: '2026-12-31',
      });
      const first = (await file(editorA, project.id, report({ percentComplete: '20', investmentCompletedWan: '100' }))).json();
      const wrong = (await file(editorA, project.id, report({ percentComplete: '80', investmentCompletedWan: '1200.5', text: '误填：这是另一个项目的进展' }))).json();
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('13005000');
      const lightOf = async () =>
        (await app.inject({ method: 'GET', url: `/api/v1/warning-lights/projects/${project.id}`, headers: viewer })).json().progress.actualPercent;
      expect(await lightOf()).toBe('80.00');
      const versionBefore = (await projectRow(project.id)).version;

      const response = await withdraw(editorA2, project.id, wrong.id);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        ...wrong,
        withdrawal: { reason: '误填至其他项目，撤回后重新填报', withdrawnById: expect.any(String), withdrawnByName: expect.any(String), withdrawnAt: expect.any(String) },
      });
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('1000000');
      expect(await projectRow(project.id)).toEqual({ percent_complete: '20.00', version: versionBefore + 1 });
      expect(await lightOf()).toBe('20.00');
      const summary = (await app.inject({ method: 'GET', url: `/api/v1/projects/${project.id}/investment`, headers: viewer })).json();
      expect(summary.completedToDateWan).toBe('100');

      const standing = (await list(project.id)).json();
      expect(standing).toMatchObject({ total: 1, items: [{ id: first.id, withdrawal: null }] });
      const all = (await list(project.id, '?includeWithdrawn=true')).json();
      expect(all.total).toBe(2);
      expect(all.items.map((item: { id: string; withdrawal: object | null }) => [item.id, item.withdrawal !== null])).toEqual([
        [wrong.id, true],
        [first.id, false],
      ]);
      // The report itself is still there, untouched.
      expect(await reportCount(project.id)).toBe(2);

      const rows: Array<{ entity_type: string; action: string; before: Record<string, unknown>; after: Record<string, unknown>; tx: string }> =
        await database.dataSource.query(
          `SELECT entity_type, action, before, after, xmin::text AS tx FROM audit_log
            WHERE entity_id IN ($1, $2, $3) AND (action = 'withdraw' OR after ? 'withdrawnProgressReportId') ORDER BY id`,
          [wrong.id, `${project.id}:2026-03`, project.id],
        );
      expect(rows.map((row) => [row.entity_type, row.action])).toEqual([
        ['monthly_investment', 'update'],
        ['progress_report', 'withdraw'],
        ['project', 'update'],
      ]);
      expect(rows[0].before).toMatchObject({ amountYuan: '13005000' });
      expect(rows[0].after).toMatchObject({ amountYuan: '1000000', withdrawnProgressReportId: wrong.id });
      expect(rows[1].before).toMatchObject({ id: wrong.id, withdrawal: null });
      expect(rows[1].after).toMatchObject({ id: wrong.id, withdrawal: { reason: '误填至其他项目，撤回后重新填报' } });
      expect(rows[2].before).toMatchObject({ percentComplete: '80.00' });
      expect(rows[2].after).toMatchObject({ percentComplete: '20.00' });
      expect(new Set(rows.map((row) => row.tx)).size).toBe(1);
    });

    it('gives the project back the percent complete it had before, when no standing report has one', async () => {
      const project = await createProject(database.dataSource, { ownerDepartmentId: departmentA.id, percentComplete: '15.00' });
      const only = (await file(editorA, project.id, report({ percentComplete: '60', investmentCompletedWan: '0' }))).json();
      expect((await withdraw(editorA, project.id, only.id)).statusCode).toBe(200);
      expect((await projectRow(project.id)).percent_complete).toBe('15.00');
      // A report without a percentage leaves the project's figure alone.
      const textOnly = (await file(editorA, project.id, { period: '2026-03', text: '办理施工许可' })).json();
      expect((await withdraw(editorA, project.id, textOnly.id)).statusCode).toBe(200);
      expect((await projectRow(project.id)).percent_complete).toBe('15.00');
    });

    it('refuses a second withdrawal (409), also when two arrive at once, and takes the investment back once', async () => {
      const project = await newProject();
      const filed = (await file(editorA, project.id, report({ investmentCompletedWan: '10' }))).json();
      const [one, two] = await Promise.all([withdraw(editorA, project.id, filed.id), withdraw(admin, project.id, filed.id)]);
      expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
      expect([one, two].find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'ALREADY_WITHDRAWN' });
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('0');
      const again = await withdraw(admin, project.id, filed.id);
      expect(again.statusCode).toBe(409);
      expect(await withdrawalCount(filed.id)).toBe(1);
    });

    it('needs a reason (400 naming the field) and a boolean includeWithdrawn', async () => {
      const project = await newProject();
      const filed = (await file(editorA, project.id, report())).json();
      for (const payload of [{}, { reason: '' }, { reason: '   ' }, { reason: 42 }, { reason: 'x'.repeat(1001) }]) {
        const response = await withdraw(editorA, project.id, filed.id, payload);
        expect(response.statusCode).toBe(400);
        expect([...new Set(response.json().details.map((detail: { field: string }) => detail.field))]).toEqual(['reason']);
      }
      const badQuery = await list(project.id, '?includeWithdrawn=maybe');
      expect(badQuery.statusCode).toBe(400);
      expect(badQuery.json().details).toEqual([expect.objectContaining({ field: 'includeWithdrawn' })]);
      const malformed = await withdraw(editorA, project.id, 'abc');
      expect(malformed.statusCode).toBe(400);
      expect(await withdrawalCount(filed.id)).toBe(0);
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('12005000');
    });

    it('is for the owner unit within 24 h of posting and for an admin after that; others get 403 and nothing changes', async () => {
      const project = await newProject();
      const filed = (await file(editorA, project.id, report())).json();
      for (const headers of [editorB, viewer, supervisor, apiKey]) {
        expect((await withdraw(headers, project.id, filed.id)).statusCode).toBe(403);
      }
      expect(await withdrawalCount(filed.id)).toBe(0);
      expect(await auditCount(filed.id)).toBe(1); // its filing only

      const yesterday = await postedHoursAgo(project.id, 23);
      expect((await withdraw(editorA, project.id, yesterday)).statusCode).toBe(200);
      const older = await postedHoursAgo(project.id, 25);
      const late = await withdraw(editorA, project.id, older);
      expect(late.statusCode).toBe(403);
      expect(late.json()).toMatchObject({ code: 'WITHDRAWAL_WINDOW_PASSED' });
      expect(await withdrawalCount(older)).toBe(0);
      const byAdmin = await withdraw(admin, project.id, older);
      expect(byAdmin.statusCode).toBe(200);
      expect(byAdmin.json().withdrawal).toMatchObject({ reason: '误填至其他项目，撤回后重新填报' });
    });

    it('answers 404 for an unknown report, a report of another project and an unknown project', async () => {
      const project = await newProject();
      const other = await newProject();
      const filed = (await file(editorA, other.id, report())).json();
      const unknown = await withdraw(editorA, project.id, '00000000-0000-4000-8000-000000000000');
      expect(unknown.json()).toMatchObject({ statusCode: 404, code: 'PROGRESS_REPORT_NOT_FOUND' });
      const elsewhere = await withdraw(editorA, project.id, filed.id);
      expect(elsewhere.json()).toMatchObject({ statusCode: 404, code: 'PROGRESS_REPORT_NOT_FOUND' });
      const noProject = await withdraw(editorA, '00000000-0000-4000-8000-000000000000', filed.id);
      expect(noProject.json()).toMatchObject({ statusCode: 404, code: 'PROJECT_NOT_FOUND' });
      expect(await withdrawalCount(filed.id)).toBe(0);
    });

    it("refuses (409) when the month's figure was set below what the report brought, and writes nothing", async () => {
      const project = await newProject();
      const filed = (await file(editorA, project.id, report({ investmentCompletedWan: '500' }))).json();
      const set = await app.inject({ method: 'PUT', url: `/api/v1/projects/${project.id}/investment/monthly/2026-03`, headers: editorA, payload: { amountWan: '100' } });
      expect(set.statusCode).toBe(200);
      const versionBefore = (await projectRow(project.id)).version;
      const auditBefore = await auditCount(filed.id, `${project.id}:2026-03`, project.id);
      const refused = await withdraw(editorA, project.id, filed.id);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'MONTHLY_INVESTMENT_BELOW_REPORT' });
      expect(await withdrawalCount(filed.id)).toBe(0);
      expect(await monthlyInvestment(project.id, '2026-03')).toBe('1000000');
      expect((await projectRow(project.id)).version).toBe(versionBefore);
      expect(await auditCount(filed.id, `${project.id}:2026-03`, project.id)).toBe(auditBefore);
    });
  });
});
