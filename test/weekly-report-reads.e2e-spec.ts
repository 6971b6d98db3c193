import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { yuanToWan } from '@app/domain';
import { createUser, signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';
import { buildPortfolio, createApiKey, FIXED_NOW, Portfolio, REPORT_WEEK } from './weekly-report.fixture';

/**
 * The light reads of a stored 周报 (summary, a section a page at a time, the ranking history): the same figures as
 * the whole report (GET /reports/weekly/:isoWeek), from Postgres's jsonb; ETag and 304; 400 for a bad week, section or
 * page; 404 for a week not stored; the report's own access (every role reads, API keys need reports:read); a
 * snapshot written before a section existed answers that section as absent with the note.
 */
describe('weekly report light reads: summary, sections, ranking history', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let portfolio: Portfolio;
  let supervisor: { authorization: string };
  let full: any;
  const base = '/api/v1/reports/weekly';

  beforeAll(async () => {
    database = await createTestDatabase();
    portfolio = await buildPortfolio(database.dataSource);
    app = await createTestApp(database, { KPT_FIXED_NOW: FIXED_NOW, REPORT_RATE_LIMIT_PER_MINUTE: '1000' });
    supervisor = await signIn(app, portfolio.users.supervisor.username);
    for (const week of ['2026-W46', REPORT_WEEK]) {
      expect((await app.inject({ method: 'POST', url: `${base}/${week}/build`, headers: supervisor })).statusCode).toBe(201);
    }
    // An older snapshot (2026-W45) as a build before the 督办 section would have written it.
    await database.dataSource.query(
      `INSERT INTO weekly_reports (iso_week, week_start, week_end, built_at, content, content_hash, revision, build_source, built_by)
       SELECT '2026-W45', '2026-11-02', '2026-11-08', built_at, (content - 'supervisionNotices' - 'progressEvidence') || '{"isoWeek": "2026-W45", "schemaVersion": 1}'::jsonb,
              md5('w45') || md5('w45'), 1, 'on_demand', built_by
         FROM weekly_reports WHERE iso_week = '2026-W46'`,
    );
    full = (await app.inject({ method: 'GET', url: `${base}/${REPORT_WEEK}`, headers: supervisor })).json();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  const get = (url: string, headers: Record<string, string> = supervisor) => app.inject({ method: 'GET', url, headers });

  it('summary: the headline figures, ranking and section sizes of the whole report, with its ETag (304 on If-None-Match)', async () => {
    const response = await get(`${base}/${REPORT_WEEK}/summary`);
    expect(response.statusCode).toBe(200);
    const summary = response.json();
    const report = full.report;
    expect(summary).toMatchObject({ isoWeek: REPORT_WEEK, contentHash: full.contentHash, builtAt: full.builtAt, revision: 1, schemaVersion: report.schemaVersion });
    expect(summary.overview).toEqual(report.overview);
    expect(summary.ranking).toEqual(report.ranking);
    expect(summary.investmentPeriod).toEqual(report.investmentPeriod);
    expect(summary.rules).toEqual(report.rules.text);
    expect(summary.supervisionNotices).toEqual(report.supervisionNotices.totals);
    expect(summary.progressEvidence).toEqual(report.progressEvidence.totals);
    expect(summary.byColumn).toEqual(report.byColumn.map((c: any) => ({ columnNumber: c.columnNumber, title: c.title, investment: c.investment, lights: c.lights })));
    expect(summary.byOwnerUnit.map((u: any) => [u.ownerUnitId, u.name, u.investment.completedWan])).toEqual(
      report.byOwnerUnit.map((u: any) => [u.ownerUnitId, u.name, u.investment.completedWan]),
    );
    const rows = Object.fromEntries(summary.sections.map((s: any) => [s.section, s.rows]));
    expect(rows).toMatchObject({
      columns: report.byColumn.length,
      'owner-units': report.byOwnerUnit.length,
      kinds: report.byKind.length,
      overdue: report.overdueMilestones.length,
      'project-lights': report.projectLights.length,
      ranking: report.ranking.items.length,
      notices: report.supervisionNotices.byOwnerUnit.length,
      evidence: report.progressEvidence.byOwnerUnit.length,
    });
    expect(summary.sections.every((s: any) => s.present)).toBe(true);
    expect(response.headers.etag).toBe(summary.etag);
    expect(response.json().etag).toBe(`"${full.contentHash}-summary"`);

    const again = await get(`${base}/${REPORT_WEEK}/summary`, { ...supervisor, 'if-none-match': summary.etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const latest = await get(`${base}/latest/summary`);
    expect(latest.json().isoWeek).toBe(REPORT_WEEK);
  });

  it('sections: Chinese headers, a page of rows numbered across pages, the 合计 row, money in 万元, project links; 304', async () => {
    const overdue = full.report.overdueMilestones;
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    const first = await get(`${base}/${REPORT_WEEK}/sections/overdue?page=1&pageSize=2`);
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1).toMatchObject({ section: 'overdue', title: '逾期节点', present: true, total: overdue.length, page: 1, pageSize: 2, totalRow: null });
    expect(page1.columns.map((c: any) => c.header)).toEqual(['序号', '专栏', '项目名称', '责任单位', '节点', '基准日期', '计划日期', '逾期工作日', '本周新增逾期']);
    expect(page1.rows).toHaveLength(2);
    expect(page1.rows.map((r: any[]) => [r[0], r[2], r[7]])).toEqual(overdue.slice(0, 2).map((m: any, i: number) => [i + 1, m.projectName, m.workingDaysLate]));
    expect(page1.projectIds).toEqual(overdue.slice(0, 2).map((m: any) => m.projectId));
    const page2 = (await get(`${base}/${REPORT_WEEK}/sections/overdue?page=2&pageSize=2`)).json();
    expect(page2.rows[0][0]).toBe(3);
    expect(page2.rows[0][2]).toBe(overdue[2].projectName);
    const beyond = (await get(`${base}/${REPORT_WEEK}/sections/overdue?page=99&pageSize=2`)).json();
    expect(beyond).toMatchObject({ rows: [], total: overdue.length });

    const columns = (await get(`${base}/${REPORT_WEEK}/sections/columns?pageSize=200`)).json();
    expect(columns.rows).toHaveLength(full.report.byColumn.length);
    const planIndex = columns.columns.findIndex((c: any) => c.header === '年度计划投资（万元）');
    expect(columns.columns[planIndex].kind).toBe('wan');
    expect(columns.totalRow[1]).toBe('合计');
    expect(Number(columns.totalRow[planIndex])).toBe(Number(yuanToWan(full.report.overview.investment.annualPlanYuan)));
    expect(columns.totalRow[planIndex]).toBe('29345.6789');

    const overview = (await get(`${base}/${REPORT_WEEK}/sections/overview?pageSize=100`)).json();
    const value = (label: string) => overview.rows.find((r: any[]) => r[0] === label)?.[1];
    expect(value('项目总数')).toBe(full.report.overview.projects.total);
    expect(value('红灯项目')).toBe(full.report.overview.lights.red);
    expect(overview.rowKinds).toHaveLength(overview.rows.length);
    expect(overview.notes[0]).toBe('亮灯规则：');

    const evidence = (await get(`${base}/${REPORT_WEEK}/sections/evidence`)).json();
    expect(evidence).toMatchObject({ title: '填报佐证', present: true, total: full.report.progressEvidence.byOwnerUnit.length });
    expect(evidence.totalRow).toEqual(['合计', full.report.progressEvidence.totals.reports, full.report.progressEvidence.totals.withEvidence, full.report.progressEvidence.totals.withoutEvidence]);

    const ranking = (await get(`${base}/${REPORT_WEEK}/sections/ranking`)).json();
    expect(ranking.rows.map((r: any[]) => r[1])).toEqual(full.report.ranking.items.map((r: any) => r.name));
    expect(ranking.notes).toEqual([
      `排名规则：${full.report.ranking.rule}`,
      '问题销号（累计）：该单位提出的问题截至本周日 24:00 已销号的个数；按时销号：其中销号日期不晚于需解决时限的个数（不参与名次计算）。',
    ]);

    const etag = first.headers.etag as string;
    expect((await get(`${base}/${REPORT_WEEK}/sections/overdue?page=1&pageSize=2`, { ...supervisor, 'if-none-match': etag })).statusCode).toBe(304);
    // Another page is another representation.
    expect((await get(`${base}/${REPORT_WEEK}/sections/overdue?page=2&pageSize=2`, { ...supervisor, 'if-none-match': etag })).statusCode).toBe(200);
  });

  it('an older snapshot without the 督办 section: that section is absent with the note, the rest is whole', async () => {
    const summary = (await get(`${base}/2026-W45/summary`)).json();
    expect(summary.supervisionNotices).toBeNull();
    expect(summary.progressEvidence).toBeNull();
    expect(summary.sections.find((s: any) => s.section === 'evidence')).toMatchObject({ present: false, rows: 0 });
    expect(summary.sections.find((s: any) => s.section === 'notices')).toEqual({ section: 'notices', title: '督办', present: false, rows: 0 });
    const notices = (await get(`${base}/2026-W45/sections/notices`)).json();
    expect(notices).toMatchObject({ present: false, rows: [], total: 0, totalRow: null });
    expect(notices.notes.join('')).toContain('当时尚无「督办」栏目');
    const evidence = (await get(`${base}/2026-W45/sections/evidence`)).json();
    expect(evidence).toMatchObject({ present: false, rows: [], totalRow: null });
    const overdue = (await get(`${base}/2026-W45/sections/overdue`)).json();
    expect(overdue.present).toBe(true);
  });

  it('ranking history: each unit\'s rate and red count per stored week, oldest first, from the snapshots; 304', async () => {
    const response = await get(`${base}/ranking-history?weeks=12`);
    expect(response.statusCode).toBe(200);
    const history = response.json();
    expect(history.weeks.map((w: any) => w.isoWeek)).toEqual(['2026-W45', '2026-W46', REPORT_WEEK]);
    expect(history.weeks[2]).toMatchObject({ weekEnd: '2026-11-22', red: full.report.overview.lights.red, yellow: full.report.overview.lights.yellow, projects: full.report.overview.projects.total });
    expect(history.units.map((u: any) => u.name)).toEqual(full.report.ranking.items.map((r: any) => r.name));
    for (const unit of history.units) {
      expect(unit.points.map((p: any) => p.isoWeek)).toEqual(['2026-W45', '2026-W46', REPORT_WEEK]);
      const ranked = full.report.ranking.items.find((r: any) => r.ownerUnitId === unit.ownerUnitId);
      const bucket = full.report.byOwnerUnit.find((u: any) => u.ownerUnitId === unit.ownerUnitId);
      expect(unit.points[2]).toEqual({
        isoWeek: REPORT_WEEK,
        rank: ranked.rank,
        due: ranked.due,
        metOnTime: ranked.metOnTime,
        onTimeRate: ranked.onTimeRate,
        red: bucket.lights.red,
        yellow: bucket.lights.yellow,
      });
    }
    const again = await get(`${base}/ranking-history?weeks=12`, { ...supervisor, 'if-none-match': response.headers.etag as string });
    expect(again.statusCode).toBe(304);
    const one = (await get(`${base}/ranking-history?weeks=1`)).json();
    expect(one.weeks.map((w: any) => w.isoWeek)).toEqual([REPORT_WEEK]);
  });

  it('400 for a bad week, section or page; 404 for a week not stored', async () => {
    for (const url of [`${base}/2026-W99/summary`, `${base}/W47/summary`, `${base}/2026-W99/sections/overdue`]) {
      const response = await get(url);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'INVALID_ISO_WEEK', details: [{ field: 'isoWeek' }] });
    }
    const section = await get(`${base}/${REPORT_WEEK}/sections/nonsense`);
    expect(section.statusCode).toBe(400);
    expect(section.json()).toMatchObject({ code: 'UNKNOWN_REPORT_SECTION', details: [{ field: 'section' }] });
    for (const query of ['page=0', 'page=abc', 'pageSize=0', 'pageSize=201', 'page=1e308']) {
      const response = await get(`${base}/${REPORT_WEEK}/sections/overdue?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().details[0].field).toMatch(/^page/);
    }
    for (const query of ['weeks=0', 'weeks=53', 'weeks=x']) expect((await get(`${base}/ranking-history?${query}`)).statusCode).toBe(400);
    for (const url of [`${base}/2026-W40/summary`, `${base}/2026-W40/sections/overdue`]) {
      const response = await get(url);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('WEEKLY_REPORT_NOT_BUILT');
      expect(response.json().message).toContain('POST /api/v1/reports/weekly/2026-W40/build');
    }
  });

  it('access: every role reads, an API key needs reports:read, no credentials → 401', async () => {
    const leader = await createUser(database.dataSource, 'leader');
    const callers = [
      portfolio.users.admin.username,
      portfolio.users.viewer.username,
      portfolio.users.editor.username,
      leader.username,
    ];
    const urls = [`${base}/${REPORT_WEEK}/summary`, `${base}/${REPORT_WEEK}/sections/ranking`, `${base}/ranking-history`];
    for (const username of callers) {
      const headers = await signIn(app, username);
      for (const url of urls) expect([username, url, (await get(url, headers)).statusCode]).toEqual([username, url, 200]);
    }
    const readerKey = await createApiKey(database.dataSource, ['reports:read']);
    const projectsKey = await createApiKey(database.dataSource, ['projects:read']);
    for (const url of urls) {
      expect((await get(url, { 'x-api-key': readerKey })).statusCode).toBe(200);
      expect((await get(url, { 'x-api-key': projectsKey })).statusCode).toBe(403);
      expect((await get(url, {})).statusCode).toBe(401);
    }
  });
});
