import { hashSync } from 'bcryptjs';
import { Client } from 'pg';

export const BENCH_PASSWORD = 'bench-password-123';

export interface PortfolioSize {
  projects: number;
  milestonesPerProject: number;
}

/**
 * Fills a migrated database with a synthetic portfolio in a few set-based
 * statements: one plan, 10 columns × 5 groups, 30 departments, N projects with
 * names built from the plan's vocabulary (so searches like '220 千伏' hit a
 * realistic share), and M milestones each, spread around today so some are
 * overdue and some due soon. Returns nothing: callers query what they need.
 */
export async function generateSyntheticPortfolio(databaseUrl: string, size: PortfolioSize): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO plans (code, title, start_year, end_year) VALUES ('bench-plan', '基准测试规划', 2026, 2030)`);
    await client.query(`
      INSERT INTO plan_columns (plan_id, number, title)
      SELECT p.id, n, '专栏' || n || ' 基准重点工程' FROM plans p, generate_series(2, 11) n`);
    await client.query(`
      INSERT INTO plan_groups (column_id, number, title)
      SELECT c.id, g, '第' || g || '组工程' FROM plan_columns c, generate_series(1, 5) g`);
    await client.query(`
      INSERT INTO departments (code, name, kind)
      SELECT 'bench-' || d, '基准部门' || d, CASE WHEN d % 5 = 0 THEN 'subdistrict' ELSE 'department' END
      FROM generate_series(1, 30) d`);
    await client.query(
      `INSERT INTO users (username, display_name, password_hash, role) VALUES ('bench-admin', 'bench admin', $1, 'admin')`,
      [hashSync(BENCH_PASSWORD, 10)],
    );
    // Names mix the plan's vocabulary: substations with voltages, 回迁房 with ·, schools, pipe networks, roads.
    await client.query(
      `
      WITH groups AS (SELECT g.id, g.column_id, row_number() OVER (ORDER BY c.number, g.number) - 1 AS idx FROM plan_groups g JOIN plan_columns c ON c.id = g.column_id),
           depts AS (SELECT id, row_number() OVER (ORDER BY code) - 1 AS idx FROM departments)
      INSERT INTO projects (name, column_id, group_id, sort_order, kind, attributes, owner_department_id, status,
                            planned_start_date, planned_end_date, total_investment_yuan, percent_complete)
      SELECT
        CASE i % 5
          WHEN 0 THEN '站点' || i || ' ' || (ARRAY['110','220','35'])[1 + i % 3] || ' 千伏变电站工程'
          WHEN 1 THEN '玉祥·' || i || '园（棚改回迁房）项目'
          WHEN 2 THEN '第' || i || '小学新建项目'
          WHEN 3 THEN '片区' || i || '综合管网更新改造工程'
          ELSE '道路' || i || '拓宽改造工程'
        END,
        g.column_id, g.id, i,
        (ARRAY['substation','resettlement_housing','school','pipe_network','road'])[1 + i % 5],
        CASE WHEN i % 5 = 0 THEN jsonb_build_object('voltageKv', (ARRAY[110,220,35])[1 + i % 3]) ELSE '{}'::jsonb END,
        d.id,
        (ARRAY['planning','preparation','under_construction','under_construction','completed'])[1 + (i / 7) % 5],
        DATE '2026-01-01' + (i % 300), DATE '2027-06-01' + (i % 500),
        (1000000 + (i * 7919) % 900000000)::bigint,
        (i % 100)::numeric
      FROM generate_series(0, $1 - 1) i
      JOIN groups g ON g.idx = i % 50
      JOIN depts d ON d.idx = i % 30`,
      [size.projects],
    );
    const kinds = [
      'project_approval',
      'feasibility_approval',
      'land_planning_permit',
      'construction_permit',
      'construction_start',
      'main_structure_done',
      'completion_acceptance',
      'handover',
      'in_service',
    ];
    await client.query(
      `
      INSERT INTO milestones (project_id, kind, name, baseline_date, planned_date, actual_date, status)
      SELECT p.id,
             CASE WHEN m < 9 THEN ($2::text[])[1 + m] ELSE 'custom' END,
             '节点' || m,
             planned, planned,
             CASE WHEN planned < CURRENT_DATE - 20 AND (hashtext(p.id::text) + m) % 10 <> 0 THEN planned ELSE NULL END,
             CASE WHEN planned < CURRENT_DATE - 20 AND (hashtext(p.id::text) + m) % 10 <> 0 THEN 'done' ELSE 'pending' END
      FROM projects p
      CROSS JOIN generate_series(0, $1 - 1) m
      CROSS JOIN LATERAL (SELECT (CURRENT_DATE - 400 + ((abs(hashtext(p.id::text)) % 200) + m * 40))::date AS planned) d`,
      [size.milestonesPerProject, kinds],
    );
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
