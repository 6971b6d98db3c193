import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Oc4idsExportService } from '../apps/api/src/exports/oc4ids-export.service';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../seeds/demo.seed';
import { seedPlanCatalogue } from '../seeds/plan-catalogue.seed';
import { signIn } from './support/factories';
import { createOc4idsValidator, oc4idsSchemaFolder, Oc4idsValidator, SHARED_OC4IDS_FOLDER } from './support/oc4ids-validator';
import { apiKeyHeaders } from './support/portfolio';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

const TODAY = '2026-06-15';
const PREFIX = 'oc4ids-test01-';

describe('OC4IDS export: the seeded portfolio as an OC4IDS 0.9.5 project package', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let validator: Oc4idsValidator;
  let supervisor: { authorization: string };
  const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => database.dataSource.query(sql, params);
  const get = (url: string, headers: Record<string, string> = supervisor) => app.inject({ method: 'GET', url, headers });
  const expectValid = (body: unknown) => {
    const valid = validator.validatePackage(body);
    expect(valid ? 'valid' : validator.errorsText()).toBe('valid');
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await seedPlanCatalogue(database.dataSource);
    await seedDemo(database.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: TODAY });
    app = await createTestApp(database, { KPT_FIXED_NOW: `${TODAY}T10:00:00+08:00`, OC4IDS_PREFIX: PREFIX });
    supervisor = await signIn(app, 'supervisor', DEFAULT_DEMO_PASSWORD);
    validator = createOc4idsValidator();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('uses the repository copy of the schema, identical to the shared standard where that is present', () => {
    expect(oc4idsSchemaFolder()).toBe(join(__dirname, 'fixtures', 'oc4ids-0.9.5'));
    if (!existsSync(SHARED_OC4IDS_FOLDER)) return;
    for (const file of ['project-package-schema.json', 'project-schema.json', ...readdirSync(join(SHARED_OC4IDS_FOLDER, 'codelists')).map((f) => `codelists/${f}`)]) {
      expect([file, readFileSync(join(oc4idsSchemaFolder(), file), 'utf8') === readFileSync(join(SHARED_OC4IDS_FOLDER, file), 'utf8')]).toEqual([file, true]);
    }
  });

  it('the validator refuses what breaks the schema or a codelist (so a pass means something)', () => {
    const broken = {
      uri: 'http://localhost:3000/api/v1/exports/oc4ids',
      publisher: { name: '玉泉区' },
      publishedDate: '2026-06-15T02:00:00.000Z',
      version: '0.9',
      projects: [{ id: 'x-1', status: 'underConstruction', sector: ['roads'], parties: [{ id: 'a', name: 'A', roles: ['owner'] }] }],
    };
    expect(validator.validatePackage(broken)).toBe(false);
    const text = validator.errorsText();
    expect(text).toContain('must be equal to one of the allowed values'); // closed codelist, in the schema's enum
    expect(text).toContain('["roads"] not in projectSector.csv'); // open codelist, checked against the CSV
    expect(text).toContain('["owner"] not in partyRole.csv');
    expect(validator.validatePackage({ ...broken, projects: [] })).toBe(false); // a package needs a project
  });

  it('validates for every seeded project (plan catalogue and demo data), one project per plan row, ids with the prefix', async () => {
    const response = await get('/api/v1/exports/oc4ids');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = response.json();
    expectValid(body);
    const [{ n, last }] = await query(
      `SELECT count(*)::int AS n, max(GREATEST(p.updated_at,
              (SELECT max(m.updated_at) FROM milestones m WHERE m.project_id = p.id),
              (SELECT max(x.updated_at) FROM project_monthly_investments x WHERE x.project_id = p.id),
              (SELECT max(r.created_at) FROM progress_reports r WHERE r.project_id = p.id))) AS last FROM projects p`,
    );
    expect(n).toBe(283);
    expect(body).toMatchObject({ version: '0.9', publisher: { name: '呼和浩特市玉泉区人民政府' }, publishedDate: last.toISOString() });
    expect(body.uri).toBe('http://localhost:3000/api/v1/exports/oc4ids');
    const ids: string[] = body.projects.map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(283);
    expect(ids.every((id) => /^oc4ids-test01-[0-9a-f-]{36}$/.test(id))).toBe(true);
    // In plan order: 专栏 2 group 1 first.
    expect(body.projects[0].title).toBe('小黑河（云中路—呼准铁路桥）河道治理工程');
    // Every seeded project has an owner (publicAuthority), a budget and milestones from the demo seed.
    expect(body.projects.filter((p: any) => !p.publicAuthority || !p.budget || !p.milestones)).toEqual([]);
  });

  it('maps one project field by field: status, type, sector, budget, periods, parties, milestones, investment by month', async () => {
    const [project] = await query(
      `SELECT p.*, d.name AS owner_name FROM projects p JOIN departments d ON d.id = p.owner_department_id WHERE p.name = '玉泉变 220 千伏变电站工程'`,
    );
    const response = await get(`/api/v1/projects/${project.id}/oc4ids`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expectValid(body);
    expect(body.projects).toHaveLength(1);
    const [oc4ids] = body.projects;
    const statusCode = { planning: 'identification', preparation: 'preparation', under_construction: 'implementation', completed: 'completion', in_service: 'maintenance' }[
      project.status as string
    ];
    expect(oc4ids).toMatchObject({
      id: `${PREFIX}${project.id}`,
      title: '玉泉变 220 千伏变电站工程',
      language: 'zh',
      status: statusCode,
      type: 'construction',
      sector: ['energy'],
      additionalClassifications: [
        { scheme: 'x_kptProjectKind', id: 'substation', description: '变电站/输变电' },
        { scheme: 'x_kptProjectStatus', id: project.status },
      ],
      budget: { amount: { amount: Number(project.total_investment_yuan), currency: 'CNY' } },
      publicAuthority: { id: project.owner_department_id, name: project.owner_name },
      parties: [
        { id: project.owner_department_id, name: project.owner_name, roles: ['publicAuthority'] },
        { id: 'yuquan-duchashi', name: '玉泉区人民政府督查室', roles: ['reviewBody'] },
      ],
    });
    if (project.planned_start_date) expect(oc4ids.period.startDate).toBe(`${project.planned_start_date}T00:00:00+08:00`);
    // Annual plans → budget breakdown; monthly completed investment → financialProgress observations.
    const plans = await query(`SELECT year, amount_yuan FROM project_annual_plans WHERE project_id = $1 ORDER BY year`, [project.id]);
    expect(oc4ids.budget.budgetBreakdowns[0].budgetBreakdown.map((b: any) => [b.id, b.amount.amount])).toEqual(plans.map((p) => [String(p.year), Number(p.amount_yuan)]));
    const months = await query(`SELECT month, amount_yuan FROM project_monthly_investments WHERE project_id = $1 ORDER BY month`, [project.id]);
    expect(months.length).toBeGreaterThan(0);
    expect(oc4ids.metrics[0].id).toBe('financialProgress');
    expect(oc4ids.metrics[0].observations.map((o: any) => [o.id, o.value.amount])).toEqual(months.map((m) => [m.month, Number(m.amount_yuan)]));
    // Milestones: baseline → dueDate, actual → dateMet, status from the codelist.
    const milestones = await query(
      `SELECT id, baseline_date, planned_date, actual_date, status FROM milestones WHERE project_id = $1 AND status <> 'cancelled' ORDER BY planned_date, created_at, id`,
      [project.id],
    );
    expect(
      oc4ids.milestones.map((m: any) => [m.id, m.dueDate, m.dateMet ?? null, m.status]),
    ).toEqual(
      milestones.map((m) => [
        m.id,
        `${m.baseline_date}T00:00:00+08:00`,
        m.actual_date ? `${m.actual_date}T00:00:00+08:00` : null,
        m.status === 'done' ? 'met' : m.planned_date < TODAY ? 'notMet' : 'scheduled',
      ]),
    );
  });

  it('marks a finished project as completed, with its end date and final value', async () => {
    const [project] = await query(
      `SELECT p.id FROM projects p WHERE p.kind = 'school' AND EXISTS (SELECT 1 FROM project_monthly_investments x WHERE x.project_id = p.id) ORDER BY p.plan_ref LIMIT 1`,
    );
    await query(`DELETE FROM milestones WHERE project_id = $1 AND kind IN ('completion_acceptance', 'handover', 'in_service')`, [project.id]);
    const [acceptance] = await query(
      `INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date, actual_date, status)
       VALUES ($1, 'completion_acceptance', '竣工验收', '2026-05-30', '2026-05-30', '2026-06-02', 'done') RETURNING id`,
      [project.id],
    );
    await query(`UPDATE projects SET status = 'completed' WHERE id = $1`, [project.id]);
    const body = (await get(`/api/v1/projects/${project.id}/oc4ids`)).json();
    expectValid(body);
    const [completed] = await query(`SELECT sum(amount_yuan)::text AS total FROM project_monthly_investments WHERE project_id = $1`, [project.id]);
    expect(body.projects[0]).toMatchObject({
      status: 'completion',
      sector: ['education'],
      completion: { endDate: '2026-06-02T23:59:59+08:00', finalValue: { amount: Number(completed.total), currency: 'CNY' } },
      implementationPeriod: { endDate: '2026-06-02T23:59:59+08:00' },
    });
    expect(body.projects[0].milestones.find((m: any) => m.id === acceptance.id)).toMatchObject({ code: 'completion', type: 'delivery', status: 'met' });
  });

  it('lists a project’s standing attachments as documents: photos as illustration, report documents, completion certificates', async () => {
    const [project] = await query(`SELECT p.id FROM projects p WHERE EXISTS (SELECT 1 FROM milestones m WHERE m.project_id = p.id) ORDER BY p.plan_ref LIMIT 1`);
    const [author] = await query(`SELECT id FROM users WHERE username = 'supervisor'`);
    const [report] = await query(
      `INSERT INTO progress_reports (project_id, period, text, author_id, author_name) VALUES ($1, '2026-06', '主体结构封顶', $2, 'editor') RETURNING id`,
      [project.id, author.id],
    );
    const [acceptance] = await query(
      `INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date, actual_date, status)
       VALUES ($1, 'completion_acceptance', '竣工验收', '2026-06-01', '2026-06-01', '2026-06-05', 'done') RETURNING id`,
      [project.id],
    );
    const attach = async (recordType: string, recordId: string, fileName: string, mediaType: string, withdrawn = false) =>
      (
        await query(
          `INSERT INTO attachments (record_type, record_id, project_id, file_name, media_type, size_bytes, sha256, storage_key, uploaded_by_id, uploaded_by_name, uploaded_at,
                                    withdrawn_at, withdrawn_by_id, withdrawn_by_name, withdrawal_reason)
           VALUES ($1, $2, $3, $4, $5, 1000, md5(random()::text) || md5(random()::text), '2026/06/00000000-0000-4000-8000-000000000000', $6, 'editor', '2026-06-10T10:00:00+08:00',
                   CASE WHEN $7 THEN now() END, CASE WHEN $7 THEN $6::uuid END, CASE WHEN $7 THEN 'editor' END, CASE WHEN $7 THEN '错传' END) RETURNING id`,
          [recordType, recordId, project.id, fileName, mediaType, author.id, withdrawn],
        )
      )[0].id as string;
    const photo = await attach('progress_report', report.id, '封顶现场.jpg', 'image/jpeg');
    const pdf = await attach('progress_report', report.id, '形象进度说明.pdf', 'application/pdf');
    const certificate = await attach('milestone', acceptance.id, '竣工验收备案表.pdf', 'application/pdf');
    await attach('progress_report', report.id, '撤回的.pdf', 'application/pdf', true);

    const body = (await get(`/api/v1/projects/${project.id}/oc4ids`)).json();
    expectValid(body);
    const documents = body.projects[0].documents;
    expect(documents).toHaveLength(3);
    expect(documents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: photo, documentType: 'illustration', title: '封顶现场.jpg', format: 'image/jpeg', url: expect.stringMatching(new RegExp(`/api/v1/attachments/${photo}/file$`)) }),
        expect.objectContaining({ id: pdf, documentType: 'physicalProgressReport', description: '进展填报（2026-06）的佐证材料' }),
        expect.objectContaining({ id: certificate, documentType: 'completionCertificate', datePublished: '2026-06-10T02:00:00.000Z' }),
      ]),
    );
  });

  it('streams the same package across page boundaries as in one page', async () => {
    const service = app.get(Oc4idsExportService);
    const onePage = (await get('/api/v1/exports/oc4ids?column=7')).json();
    service.pageSize = 7;
    try {
      const paged = await get('/api/v1/exports/oc4ids?column=7');
      expect(paged.statusCode).toBe(200);
      expect(paged.json()).toEqual(onePage);
      expect(onePage.projects).toHaveLength(76);
    } finally {
      service.pageSize = 500;
    }
  });

  it('takes the project list filters, refuses bad ones with 400, and answers 404 when nothing matches', async () => {
    const substations = (await get('/api/v1/exports/oc4ids?kind=substation&column=8')).json();
    expectValid(substations);
    const [{ n }] = await query(`SELECT count(*)::int AS n FROM projects p JOIN plan_columns c ON c.id = p.column_id WHERE p.kind = 'substation' AND c.number = 8`);
    expect(substations.projects).toHaveLength(n);
    expect(substations.uri).toBe('http://localhost:3000/api/v1/exports/oc4ids?kind=substation&column=8');
    const searched = (await get(`/api/v1/exports/oc4ids?q=${encodeURIComponent('220千伏')}`)).json();
    expect(searched.projects.map((p: any) => p.title)).toContain('玉泉变 220 千伏变电站工程');

    const bad = await get('/api/v1/exports/oc4ids?kind=castle&column=x');
    expect(bad.statusCode).toBe(400);
    expect([...new Set(bad.json().details.map((d: { field: string }) => d.field))].sort()).toEqual(['column', 'kind']);
    const groupWithoutColumn = await get('/api/v1/exports/oc4ids?group=1');
    expect([groupWithoutColumn.statusCode, groupWithoutColumn.json().details[0].field]).toEqual([400, 'group']);
    const none = await get(`/api/v1/exports/oc4ids?q=${encodeURIComponent('不存在的工程名称')}`);
    expect([none.statusCode, none.json().code]).toEqual([404, 'OC4IDS_NO_PROJECTS']);
    const unknown = await get('/api/v1/projects/00000000-0000-4000-8000-000000000000/oc4ids');
    expect([unknown.statusCode, unknown.json().code]).toEqual([404, 'PROJECT_NOT_FOUND']);
    expect((await get('/api/v1/projects/not-a-uuid/oc4ids')).statusCode).toBe(400);
  });

  it('is for whoever may read projects: every signed-in role and API keys with projects:read', async () => {
    const viewer = await signIn(app, 'viewer', DEFAULT_DEMO_PASSWORD);
    expect((await get('/api/v1/exports/oc4ids?column=5', viewer)).statusCode).toBe(200);
    expect((await get('/api/v1/exports/oc4ids?column=5', await apiKeyHeaders(database.dataSource, ['projects:read']))).statusCode).toBe(200);
    expect((await get('/api/v1/exports/oc4ids?column=5', await apiKeyHeaders(database.dataSource, ['reports:read']))).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/exports/oc4ids' })).statusCode).toBe(401);
  });
});
