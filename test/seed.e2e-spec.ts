import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addCalendarDays } from '@app/domain';
import { DEFAULT_DEMO_PASSWORD, seedDemo } from '../seeds/demo.seed';
import { seedPlanCatalogue } from '../seeds/plan-catalogue.seed';
import { signIn } from './support/factories';
import { createTestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

/**
 * The expected numbers below were counted by hand, reading 专栏 2–11 of the plan
 * (002_8436567fb48caf12.txt), not computed by any code of the seed: projects per
 * group, in the group order of each column.
 */
const PROJECTS_PER_GROUP_BY_HAND: Record<number, number[]> = {
  2: [4, 7, 3, 4], // 巴彦路道路绿化建设项目、大黑河沿线基础设施建设工程: two names
  3: [5, 3],
  4: [5, 9, 1, 3, 5, 5, 7, 7, 17], // group 3 names no project of its own: the group is the project
  5: [5], // no numbered groups in the plan: one
  6: [5, 6, 2],
  7: [9, 1, 10, 9, 8, 7, 32], // group 7: 云中路 12, 昭君路 5, 鄂尔多斯路 7, 银河南街 3, 西菜园 1, 石东路 4
  8: [7, 4, 21],
  9: [5, 17, 1],
  // Group 1 still 24: its last sentence gives 「内蒙古大学南校区教学仪器，实验设备购置项目」 and
  // 「学生公寓楼建设」 (it used to be split after 教学仪器, also two). Group 3 was 5 before the
  // 以及 rule: 「家门口老年学堂建设」 and 「敬松老年服务中心改扩建」 are two projects → 6.
  10: [24, 9, 6],
  11: [3, 3, 4],
};
const TOTAL_PROJECTS_BY_HAND = 283; // 282 before 「…以及…」 in 专栏 10 group 3 was read as two projects
const TODAY = '2026-06-15';
const CATALOGUE_TABLES = ['plans', 'plan_columns', 'plan_groups', 'plan_indicators', 'projects', 'departments'];
const DEMO_TABLES = [
  ...CATALOGUE_TABLES,
  'users',
  'milestones',
  'project_annual_plans',
  'project_monthly_investments',
  'progress_reports',
  'audit_log',
];

const run = promisify(execFile);
const repositoryRoot = join(__dirname, '..');

/** Runs a seed CLI from its TypeScript source, the way `node dist/seeds/cli/…` runs the compiled one. */
function runCli(script: string, env: Record<string, string>) {
  return run(process.execPath, [require.resolve('ts-node/dist/bin.js'), '--transpile-only', '-r', 'tsconfig-paths/register', script], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env },
    timeout: 60_000,
  });
}

describe('seeds: the plan catalogue and the demo data', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication | undefined;

  const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => database.dataSource.query(sql, params);

  /** Every row of the tables, as text (ids, versions, timestamps included): equal snapshots mean nothing changed. */
  async function snapshot(tables: string[]): Promise<Record<string, unknown[]>> {
    const result: Record<string, unknown[]> = {};
    for (const table of tables) {
      result[table] = (await query<{ row: string }>(`SELECT t.*::text AS row FROM ${table} t ORDER BY 1`)).map((r) => r.row);
    }
    return result;
  }

  async function projectNamed(name: string) {
    const [project] = await query(
      `SELECT p.*, c.number AS column_number, g.number AS group_number, d.name AS owner_name, d.kind AS owner_kind
         FROM projects p JOIN plan_columns c ON c.id = p.column_id JOIN plan_groups g ON g.id = p.group_id
         LEFT JOIN departments d ON d.id = p.owner_department_id
        WHERE p.name = $1`,
      [name],
    );
    return project;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  describe('the plan catalogue', () => {
    beforeAll(async () => {
      await seedPlanCatalogue(database.dataSource);
    });

    it('loads the plan with the title on its cover and its years', async () => {
      await expect(query(`SELECT code, title, start_year, end_year FROM plans`)).resolves.toEqual([
        { code: 'yuquan-15th-fyp', title: '呼和浩特市玉泉区国民经济和社会发展 第十五个五年规划纲要', start_year: 2026, end_year: 2030 },
      ]);
    });

    it('has, column by column and group by group, the projects the plan lists', async () => {
      const rows = await query<{ column_number: number; group_number: number; projects: string }>(
        `SELECT c.number AS column_number, g.number AS group_number, count(p.id) AS projects
           FROM plan_columns c JOIN plan_groups g ON g.column_id = c.id LEFT JOIN projects p ON p.group_id = g.id
          GROUP BY c.number, g.number ORDER BY c.number, g.number`,
      );
      const found: Record<number, number[]> = {};
      for (const row of rows) (found[row.column_number] ??= []).push(Number(row.projects));
      expect(found).toEqual(PROJECTS_PER_GROUP_BY_HAND);
      await expect(query(`SELECT count(*)::int AS n FROM projects`)).resolves.toEqual([{ n: TOTAL_PROJECTS_BY_HAND }]);
    });

    it('keeps the titles of columns and groups as the plan writes them', async () => {
      const columns = await query(`SELECT number, title FROM plan_columns ORDER BY number`);
      expect(columns).toEqual([
        { number: 2, title: '美丽玉泉建设重点工程' },
        { number: 3, title: '公共安全治理水平提升重点工程' },
        { number: 4, title: '现代化产业体系构建重点工程' },
        { number: 5, title: '创新发展建设重点工程' },
        { number: 6, title: '首府历史文化核心区建设重点工程' },
        { number: 7, title: '建设高品质宜居中心城区重点工程' },
        { number: 8, title: '现代化基础设施重点工程' },
        { number: 9, title: '农业农村现代化重点工程' },
        { number: 10, title: '人口高质量发展重点工程' },
        { number: 11, title: '文明城区建设重点工程' },
      ]);
      const groups = await query(
        `SELECT c.number AS c, g.number AS g, g.title FROM plan_groups g JOIN plan_columns c ON c.id = g.column_id
          WHERE (c.number, g.number) IN ((2, 1), (4, 8), (8, 3), (10, 3))
          ORDER BY c.number, g.number`,
      );
      expect(groups).toEqual([
        { c: 2, g: 1, title: '山水林田湖草沙保护和系统修复工程' },
        { c: 4, g: 8, title: '“人工智能+”行动' },
        { c: 8, g: 3, title: '能源基础设施建设工程重点工程' },
        { c: 10, g: 3, title: '“一老一小”服务能力提升重点工程' },
      ]);
    });

    it('keeps project names character for character, full-width punctuation and spaces included', async () => {
      const names: Array<[string, number, number]> = [
        ['玉泉变 220 千伏变电站工程', 8, 3],
        ['玉祥·安泽园（范家营棚改回迁房）项目', 7, 3],
        ['昭君路小学新建项目', 10, 1],
        ['南源、西源、北源村城中村', 7, 4],
        ['金河社区、C区雨水、污水管道建设工程', 7, 7],
        ['小黑河（云中路—呼准铁路桥）河道治理工程', 2, 1],
        ['“人工智能+基层医疗”项目建设项目', 4, 8],
        ['章盖营 110 千伏变电站新建 1#10 千伏线路送出工程', 8, 3],
        ['中熟/中晚熟春玉米新品种选育与示范推广项目', 5, 1],
        ['城市基础（市政道路及管网）设施建设工程（第五批）', 8, 1],
        ['小黑河镇、云中路片区、S43 机场高速公路两侧等一批和美乡村建设项目', 9, 3],
        // Joined across a line break of the text: 「村」 + 「庄道路维修改造工程」, 「安防」 + 「提升改造项目」.
        ['村庄道路维修改造工程', 7, 7],
        ['全区学校和幼儿园安防提升改造项目', 10, 1],
        // Split on 「、」 between two complete names.
        ['巴彦路道路绿化建设项目', 2, 2],
        ['大黑河沿线基础设施建设工程', 2, 2],
        ['御湖尚品·臻园', 7, 1],
        // 「，」 between the two objects of one purchase does not split; 「和」 after a complete name does.
        ['内蒙古大学南校区教学仪器，实验设备购置项目', 10, 1],
        ['学生公寓楼建设', 10, 1],
      ];
      for (const [name, column, group] of names) {
        const project = await projectNamed(name);
        expect([name, project?.column_number, project?.group_number]).toEqual([name, column, group]);
      }
      // The enumeration's 「实施」 and tail 「等」 are gone; a 「等」 inside a name stays.
      await expect(query(`SELECT name FROM projects WHERE name LIKE '实施%' OR name LIKE '%等' OR name LIKE '%等项目'`)).resolves.toEqual([]);
      await expect(projectNamed('城市燃气管道等更新改造项目')).resolves.toBeDefined();
      // Positions follow the plan's enumeration.
      await expect(
        query(`SELECT p.sort_order FROM projects p WHERE p.name IN ('昭君路小学新建项目', '玉泉区幼儿园提升改造和设备购置工程') ORDER BY p.sort_order`),
      ).resolves.toEqual([{ sort_order: 1 }, { sort_order: 3 }]);
    });

    it('gives each project a kind by the name rules, overridden where the data says, with attributes the name states', async () => {
      const kinds: Array<[string, string, Record<string, unknown>]> = [
        ['玉泉变 220 千伏变电站工程', 'substation', { voltageKv: 220 }],
        ['八里庄 110 千伏输变电工程', 'substation', { voltageKv: 110 }],
        ['10 千伏配网新建项目（有网格）', 'substation', { voltageKv: 10 }],
        ['昭君路小学新建项目', 'school', {}],
        ['扎达盖河再生水管网建设项目', 'pipe_network', {}],
        ['锡林南路南二环至南三环段拓宽改造', 'road', {}],
        ['玉祥·安泽园（范家营棚改回迁房）项目', 'resettlement_housing', {}],
        ['南源、西源、北源村城中村', 'resettlement_housing', {}],
        ['安康精神心理康复医院建设项目', 'hospital', {}],
        ['应急避难场所建设项目', 'public_safety', {}],
        ['智慧养老平台建设', 'elderly_care', {}],
        // The splitter and kind rules corrected (issue 14): 疾控 is a health facility; 以及 and 「，」 of one purchase.
        ['疾病预防控制中心新建项目', 'hospital', {}],
        ['家门口老年学堂建设', 'elderly_care', {}],
        ['敬松老年服务中心改扩建', 'elderly_care', {}],
        ['高标准农田建设项目', 'agriculture', {}],
        // Overrides: greening along a road is ecology; 市医院 names a place, not a hospital.
        ['道路绿化建设项目', 'ecology', {}],
        ['市医院南侧十八地块地产建设项目', 'resettlement_housing', {}],
      ];
      for (const [name, kind, attributes] of kinds) {
        const project = await projectNamed(name);
        expect([name, project.kind, project.attributes]).toEqual([name, kind, attributes]);
      }
    });

    it('loads the 14 indicators of 专栏 1 with their categories, units, values as written and natures', async () => {
      const indicators = await query(
        `SELECT number, category, name, unit, value2025, target2030, annual_or_cumulative, nature FROM plan_indicators ORDER BY number`,
      );
      expect(indicators).toHaveLength(14);
      expect(indicators.filter((i) => i.nature === 'binding').map((i) => i.number)).toEqual([5, 6, 7, 8, 9]);
      expect(indicators.filter((i) => i.nature === 'expected').map((i) => i.number)).toEqual([1, 2, 3, 4, 10, 11, 12, 13, 14]);
      const categories = indicators.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.category]: (acc[i.category] ?? 0) + 1 }), {});
      expect(categories).toEqual({ 经济发展: 2, 创新驱动: 2, 绿色生态: 5, 民生福祉: 5 });
      expect(indicators[0]).toEqual({
        number: 1,
        category: '经济发展',
        name: '地区生产总值增长',
        unit: '%',
        value2025: '5.2',
        target2030: '-',
        annual_or_cumulative: '5 左右',
        nature: 'expected',
      });
      expect(indicators[4]).toMatchObject({ name: '单位 GDP 能源消耗降幅', value2025: null, annual_or_cumulative: '达到自治区、市要求' });
      expect(indicators[5]).toMatchObject({ name: '单位地区生产总值二氧化碳排放降低', value2025: null, annual_or_cumulative: null });
      expect(indicators[6]).toMatchObject({ name: '地级及以上城市细颗粒物（PM2.5）浓度', unit: '%', target2030: '达到自治区、市要求' });
      expect(indicators[10]).toMatchObject({ name: '累计城镇新增就业人数', unit: '万人', value2025: '（4.47）', annual_or_cumulative: '（2）' });
      expect(indicators.map((i) => i.unit)).toEqual(['%', '%', '%', '件', '%', '%', '%', '%', '%', '%', '万人', '张', '岁', '%']);
      expect(indicators[12]).toMatchObject({ name: '人均预期寿命', value2025: '78.9', target2030: '80', annual_or_cumulative: '0.3' });
    });

    it('makes the sub-districts of 专栏 7 departments of kind subdistrict that own the projects listed after them', async () => {
      const owners = await query<{ name: string; kind: string; is_demo: boolean; projects: string }>(
        `SELECT d.name, d.kind, d.is_demo, count(p.id) AS projects FROM departments d LEFT JOIN projects p ON p.owner_department_id = d.id
          GROUP BY d.id ORDER BY count(p.id) DESC, d.name`,
      );
      expect(owners.map((o) => [o.name, o.kind, o.is_demo, Number(o.projects)]).sort()).toEqual(
        [
          ['云中路街道办事处', 'subdistrict', false, 12],
          ['昭君路街道', 'subdistrict', false, 5],
          ['鄂尔多斯路街道', 'subdistrict', false, 7],
          ['银河南街', 'subdistrict', false, 3],
          ['西菜园街道', 'subdistrict', false, 1],
          ['石东路街道', 'subdistrict', false, 4],
        ].sort(),
      );
      await expect(projectNamed('危旧住房改造工程')).resolves.toMatchObject({ owner_name: '西菜园街道', location: '西菜园街道' });
      await expect(projectNamed('当浪土牧村建筑垃圾分拣中心')).resolves.toMatchObject({ owner_name: '鄂尔多斯路街道' });
      await expect(projectNamed('泄洪渠疏通疏浚工程')).resolves.toMatchObject({ owner_name: '云中路街道办事处' });
      // Listed by two sub-districts in one group: each keeps its own project, under the plan's exact name.
      const twice = await query<{ owner_name: string; plan_ref: string }>(
        `SELECT d.name AS owner_name, p.plan_ref FROM projects p JOIN departments d ON d.id = p.owner_department_id
          WHERE p.name = '公共建筑及住宅小区消防设施安全隐患集中整治' ORDER BY p.sort_order`,
      );
      expect(twice.map((row) => row.owner_name)).toEqual(['昭君路街道', '石东路街道']);
      // Outside 专栏 7 group 7 the plan names no owner.
      await expect(query(`SELECT count(*)::int AS n FROM projects WHERE owner_department_id IS NOT NULL`)).resolves.toEqual([{ n: 32 }]);
    });

    it('changes nothing on a second run and keeps every id', async () => {
      const before = await snapshot(CATALOGUE_TABLES);
      const again = await seedPlanCatalogue(database.dataSource);
      expect(again).toMatchObject({ inserted: 0, updated: 0, projects: TOTAL_PROJECTS_BY_HAND, indicators: 14, subdistricts: 6 });
      expect(again.columns.map((c) => [c.number, c.groups, c.projects])).toEqual(
        Object.entries(PROJECTS_PER_GROUP_BY_HAND).map(([column, groups]) => [Number(column), groups.length, groups.reduce((a, b) => a + b, 0)]),
      );
      await expect(snapshot(CATALOGUE_TABLES)).resolves.toEqual(before);
    });
  });

  describe('the demo data', () => {
    beforeAll(async () => {
      await seedDemo(database.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: TODAY });
    });

    it('refuses a SEED_DEMO_PASSWORD that the password policy refuses, before writing anything', async () => {
      const users = await query(`SELECT count(*)::int AS n FROM users`);
      await expect(seedDemo(database.dataSource, { password: 'short-2026', today: TODAY })).rejects.toThrow(/at least 12 characters/);
      await expect(seedDemo(database.dataSource, { password: 'our-Supervisor-2026', today: TODAY })).rejects.toThrow(/username.*\(supervisor\)/);
      await expect(seedDemo(database.dataSource, { password: 'password1234', today: TODAY })).rejects.toThrow(/common/);
      await expect(query(`SELECT count(*)::int AS n FROM users`)).resolves.toEqual(users);
    });

    it('marks what it adds as demo data and gives every project an owner, keeping the sub-districts’ own', async () => {
      await expect(query(`SELECT count(*)::int AS n FROM projects WHERE owner_department_id IS NULL`)).resolves.toEqual([{ n: 0 }]);
      for (const table of ['users', 'milestones', 'project_annual_plans', 'project_monthly_investments', 'progress_reports']) {
        await expect(query(`SELECT bool_and(is_demo) AS all_demo, count(*) > 0 AS some FROM ${table}`)).resolves.toEqual([{ all_demo: true, some: true }]);
      }
      await expect(query(`SELECT count(*)::int AS n FROM departments WHERE is_demo`)).resolves.toEqual([{ n: 16 }]);
      await expect(projectNamed('危旧住房改造工程')).resolves.toMatchObject({ owner_name: '西菜园街道' });
      await expect(projectNamed('玉泉变 220 千伏变电站工程')).resolves.toMatchObject({ owner_name: '供电公司玉泉供电分局' });
      await expect(projectNamed('昭君路小学新建项目')).resolves.toMatchObject({ owner_name: '区教育局' });
      const substation = await projectNamed('玉泉变 220 千伏变电站工程');
      expect(substation).toMatchObject({ lead_official: expect.stringMatching(/区长|副主任|副主席/), total_investment_yuan: expect.stringMatching(/^\d+$/) });
      expect(substation.planned_start_date <= substation.planned_end_date).toBe(true);
    });

    it('places milestones around today: most on time, some done, some overdue, a few due within five days', async () => {
      const [counts] = await query(
        `SELECT count(*)::int AS total,
                count(*) FILTER (WHERE status = 'done')::int AS done,
                count(*) FILTER (WHERE status = 'pending' AND planned_date < $1)::int AS overdue,
                count(DISTINCT project_id) FILTER (WHERE status = 'pending' AND planned_date < $1)::int AS overdue_projects,
                count(DISTINCT project_id) FILTER (WHERE status = 'pending' AND planned_date BETWEEN $1 AND $2)::int AS due_soon_projects,
                count(*) FILTER (WHERE (status = 'done') <> (actual_date IS NOT NULL))::int AS inconsistent,
                count(*) FILTER (WHERE actual_date >= $1)::int AS done_in_future
           FROM milestones`,
        [TODAY, addCalendarDays(TODAY, 5)],
      );
      expect(counts.done).toBeGreaterThan(0);
      expect(counts.overdue).toBeGreaterThan(0);
      expect(counts.overdue / counts.total).toBeLessThan(0.1);
      expect(counts.overdue_projects / TOTAL_PROJECTS_BY_HAND).toBeGreaterThan(0.08);
      expect(counts.overdue_projects / TOTAL_PROJECTS_BY_HAND).toBeLessThan(0.2);
      expect(counts.due_soon_projects).toBeGreaterThanOrEqual(3);
      expect(counts).toMatchObject({ inconsistent: 0, done_in_future: 0 });
      // Progress reports say what blocks the work (存在问题) and what others must solve (需协调事项).
      const [reports] = await query(
        `SELECT count(*) FILTER (WHERE problems IS NOT NULL)::int AS problems, count(*) FILTER (WHERE coordination_needs IS NOT NULL)::int AS needs FROM progress_reports`,
      );
      expect(reports.problems).toBeGreaterThan(0);
      expect(reports.needs).toBeGreaterThan(0);
      // Completed investment runs from January 2026 to this month, and annual plans cover 2026 and 2027.
      await expect(query(`SELECT min(month) AS first, max(month) AS last FROM project_monthly_investments`)).resolves.toEqual([
        { first: '2026-01', last: '2026-06' },
      ]);
      await expect(query(`SELECT array_agg(DISTINCT year ORDER BY year) AS years FROM project_annual_plans`)).resolves.toEqual([{ years: [2026, 2027] }]);
    });

    it('adds nothing and changes nothing on a second run', async () => {
      const before = await snapshot(DEMO_TABLES);
      const again = await seedDemo(database.dataSource, { password: DEFAULT_DEMO_PASSWORD, today: TODAY });
      expect(again).toEqual({ placed: false, reason: 'already-placed', message: expect.stringContaining('a restart adds nothing') });
      await expect(snapshot(DEMO_TABLES)).resolves.toEqual(before);
    });

    it('lets the demo accounts sign in with the demo password', async () => {
      app = await createTestApp(database);
      for (const username of ['admin', 'supervisor', 'viewer', 'editor-fgw', 'editor-gdj', 'editor-yunzhonglu', 'editor-shidonglu']) {
        await expect(signIn(app, username, DEFAULT_DEMO_PASSWORD)).resolves.toEqual({ authorization: expect.stringMatching(/^Bearer /) });
      }
      const editors = await query(
        `SELECT u.username, u.role, d.name FROM users u JOIN departments d ON d.id = u.department_id WHERE u.username IN ('editor-jyj', 'editor-xicaiyuan') ORDER BY 1`,
      );
      expect(editors).toEqual([
        { username: 'editor-jyj', role: 'department_editor', name: '区教育局' },
        { username: 'editor-xicaiyuan', role: 'department_editor', name: '西菜园街道' },
      ]);
    });
  });

  describe('the command-line seeds', () => {
    it('says what to set when DATABASE_URL is missing, and exits non-zero', async () => {
      const failed = await runCli('seeds/cli/seed-plan.ts', {}).catch((error: { code: number; stderr: string }) => error);
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('DATABASE_URL is not set') });
    });

    it('prints the counts per column, and DEMO DATA with the accounts', async () => {
      const plan = await runCli('seeds/cli/seed-plan.ts', { DATABASE_URL: database.url });
      expect(plan.stdout).toContain('专栏  8 现代化基础设施重点工程: 3 groups, 32 projects');
      expect(plan.stdout).toContain(`total: 10 columns, 38 groups, ${TOTAL_PROJECTS_BY_HAND} projects`);
      expect(plan.stdout).toContain('rows inserted 0, updated 0');

      // The demo is in this database already (above): the CLI says so and adds nothing.
      // test/demo-seed-restart.e2e-spec.ts runs it on an empty database.
      const demo = await runCli('seeds/cli/seed-demo.ts', { DATABASE_URL: database.url, KPT_FIXED_NOW: `${TODAY}T09:00:00+08:00` });
      expect(demo.stdout).toContain('No demo data added: The demo data is already in this database');
    });
  });
});
