/**
 * DEMO DATA for trying the system out: demo departments and one account per role,
 * an owner unit for every catalogue project that has none, and for every project a
 * plausible status, lead official (a title, never a name), dates, investment,
 * milestones and a few progress reports, placed around `today` so that the
 * portfolio looks alive (see demo/demo-project-plan.ts). Everything it adds is
 * marked is_demo = true, except the project fields it fills in (projects have no
 * such flag).
 *
 * Only into an empty database, once. `npm run start:all` and compose's migrate
 * service run this on every start, so it first looks at what the database holds
 * (under the same advisory lock as the seeding): demo rows already there (is_demo
 * departments or users) → the demo was placed before, nothing is done; any sign
 * of real work (a user that is not a demo account, an audited write by a person
 * or an API key, a milestone or progress report that is not demo data) → nothing
 * is done either. Only a database holding nothing but the plan catalogue gets
 * the demo portfolio. So a restart never writes demo milestones, investment or
 * reports into projects people created or edited. (Production needs an explicit
 * request on top, see cli/seed-demo.ts.)
 *
 * Within that one run it never overwrites: departments and users are found by
 * code and username, milestones by (project, kind), annual plans and monthly
 * investments by their primary keys, progress reports by a deterministic
 * idempotency key; an account of the same name that is not a demo account is
 * left alone.
 *
 * Accounts (password SEED_DEMO_PASSWORD, default yuquan-demo-2026):
 *   admin, supervisor (督查室), viewer,
 *   editor-fgw, editor-zjj, editor-jyj, editor-wjw, editor-nmj, editor-yjj, editor-mzj, editor-wlj,
 *   editor-cgj, editor-slj, editor-gdj, editor-gxj, editor-swj, editor-kjj, editor-sthj, editor-gaj
 *   (one per demo department, see demo/demo-departments.ts), and one per 专栏 7 sub-district:
 *   editor-yunzhonglu, editor-zhaojunlu, editor-eerduosilu, editor-yinhenanjie, editor-xicaiyuan, editor-shidonglu.
 */
import { createHash } from 'node:crypto';
import { compare, hash } from 'bcryptjs';
import { DataSource, EntityManager } from 'typeorm';
import { addCalendarDays, isCalendarDate, ProjectKind, UserRole } from '@app/domain';
import { passwordProblem } from '@app/domain/password-policy';
import { YUQUAN_15TH_FYP } from './data/yuquan-15th-fyp';
import { DEMO_DEPARTMENTS, demoOwnerCode } from './demo/demo-departments';
import { planDemoProject } from './demo/demo-project-plan';
import { seedPlanCatalogue } from './plan-catalogue.seed';
import { SeedInputError } from './seed-error';

export const DEFAULT_DEMO_PASSWORD = 'yuquan-demo-2026';
const BCRYPT_COST = 10;
const SEED_LOCK_KEY = 'kpt-seed-demo';

export interface DemoSeedOptions {
  /** Password of every demo account. */
  password: string;
  /** 'YYYY-MM-DD' in Asia/Shanghai: the day the demo portfolio is placed around. */
  today: string;
}

export interface DemoAccount {
  username: string;
  role: UserRole;
  displayName: string;
  department: string | null;
}

interface Added {
  added: number;
  total: number;
}

export interface DemoSeedCounts {
  /** True when the plan catalogue was missing and this run loaded it first. */
  catalogueSeeded: boolean;
  today: string;
  accounts: DemoAccount[];
  /** Usernames taken by accounts that are not demo accounts, left alone. */
  accountsSkipped: string[];
  departments: Added;
  users: Added & { passwordsReset: number };
  projects: { total: number; filled: number };
  milestones: Added;
  annualPlans: Added;
  monthlyInvestments: Added;
  progressReports: Added;
  /** Projects with a milestone planned before today and not done. */
  overdueProjects: number;
  /** Projects with an open milestone due within the next five days (today included). */
  dueSoonProjects: number;
}

/** Why a run placed nothing. */
export type DemoSeedSkipReason = 'already-placed' | 'not-empty';

export type DemoSeedResult = ({ placed: true } & DemoSeedCounts) | { placed: false; reason: DemoSeedSkipReason; message: string };

/**
 * Whether this database may get the demo portfolio: undefined when it holds only
 * the plan catalogue (and what earlier seeds of the catalogue made), else why not.
 */
async function reasonToSkip(manager: EntityManager): Promise<{ reason: DemoSeedSkipReason; message: string } | undefined> {
  const [state]: Array<{ demo_rows: boolean; placed_at: string | null; real_users: number; person_writes: number; real_milestones: number; real_reports: number }> =
    await manager.query(
      `SELECT EXISTS (SELECT 1 FROM departments WHERE is_demo) OR EXISTS (SELECT 1 FROM users WHERE is_demo) AS demo_rows,
              (SELECT to_char(min(occurred_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') FROM audit_log
                WHERE actor_name = 'seed:demo' AND action = 'seed') AS placed_at,
              (SELECT count(*)::int FROM users WHERE NOT is_demo) AS real_users,
              (SELECT count(*)::int FROM audit_log WHERE actor_type <> 'system') AS person_writes,
              (SELECT count(*)::int FROM milestones WHERE NOT is_demo) AS real_milestones,
              (SELECT count(*)::int FROM progress_reports WHERE NOT is_demo) AS real_reports`,
    );
  if (state.demo_rows) {
    return {
      reason: 'already-placed',
      message: `The demo data is already in this database${state.placed_at ? ` (placed ${state.placed_at})` : ''}; a restart adds nothing and changes nothing.`,
    };
  }
  const found = [
    state.real_users > 0 ? `${state.real_users} user(s) that are not demo accounts` : '',
    state.person_writes > 0 ? `${state.person_writes} audited change(s) by people or API keys` : '',
    state.real_milestones > 0 ? `${state.real_milestones} milestone(s)` : '',
    state.real_reports > 0 ? `${state.real_reports} progress report(s)` : '',
  ].filter(Boolean);
  if (found.length > 0) {
    return {
      reason: 'not-empty',
      message: `This database already holds real work (${found.join(', ')}); demo data goes only into an empty database, so none was added.`,
    };
  }
  return undefined;
}

interface AccountSpec extends DemoAccount {
  departmentId: string | null;
}

interface CatalogueProjectRow {
  id: string;
  name: string;
  kind: ProjectKind;
  attributes: Record<string, unknown>;
  column_number: number;
  group_number: number;
  owner_department_id: string | null;
}

/** The app's own password rule (libs/domain/src/password-policy.ts) for every demo account, so none starts with a weak password. */
function checkPassword(password: string): void {
  const usernames = ['admin', 'supervisor', 'viewer', ...[...DEMO_DEPARTMENTS, ...YUQUAN_15TH_FYP.subdistricts].map((unit) => `editor-${unit.code}`)];
  for (const username of usernames) {
    const problem = passwordProblem(password, username);
    if (problem) throw new SeedInputError(`SEED_DEMO_PASSWORD ${problem}${problem.includes('username') ? ` (${username})` : ''}`);
  }
}

/** Multi-row INSERT in chunks; returns how many rows were inserted (conflicts skipped by `onConflict`). */
async function insertRows(manager: EntityManager, table: string, columns: string[], rows: unknown[][], onConflict: string): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const params: unknown[] = [];
    const values = rows
      .slice(i, i + 500)
      .map((row) => `(${row.map((value) => `$${params.push(value)}`).join(', ')})`)
      .join(', ');
    const result: unknown[] = await manager.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values} ${onConflict} RETURNING 1`,
      params,
    );
    inserted += result.length;
  }
  return inserted;
}

async function countDemoRows(manager: EntityManager, table: string): Promise<number> {
  const [{ count }]: Array<{ count: string }> = await manager.query(`SELECT count(*) AS count FROM ${table} WHERE is_demo`);
  return Number(count);
}

/** A department by code, or by name when it exists under another code; added as demo data when missing. */
async function ensureDepartment(manager: EntityManager, code: string, name: string): Promise<{ id: string; name: string; added: boolean }> {
  const found: Array<{ id: string; name: string }> = await manager.query(
    `SELECT id, name FROM departments WHERE code = $1 OR name = $2 ORDER BY (code = $1) DESC LIMIT 1`,
    [code, name],
  );
  if (found.length > 0) return { ...found[0], added: false };
  const [row]: Array<{ id: string }> = await manager.query(
    `INSERT INTO departments (code, name, kind, is_demo) VALUES ($1, $2, 'department', true) RETURNING id`,
    [code, name],
  );
  return { id: row.id, name, added: true };
}

/**
 * Adds the demo data around `today` to an empty database (see the top of this file);
 * runs the plan catalogue seed first when the plan is missing.
 */
export async function seedDemo(dataSource: DataSource, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const { password, today } = options;
  if (!isCalendarDate(today)) throw new SeedInputError(`today must be a calendar date 'YYYY-MM-DD', got ${JSON.stringify(today)}`);
  checkPassword(password);

  const planCode = YUQUAN_15TH_FYP.plan.code;
  const hasPlan: unknown[] = await dataSource.query(`SELECT 1 FROM plans WHERE code = $1`, [planCode]);
  // The catalogue seed is idempotent; loading it first is harmless even when the demo is then skipped.
  const catalogueSeeded = hasPlan.length === 0;
  if (catalogueSeeded) await seedPlanCatalogue(dataSource);

  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [SEED_LOCK_KEY]);
    const skip = await reasonToSkip(manager);
    if (skip) return { placed: false, ...skip };
    const [{ id: planId }]: Array<{ id: string }> = await manager.query(`SELECT id FROM plans WHERE code = $1`, [planCode]);

    // Departments: the demo ones, and the sub-districts the catalogue brought.
    const departmentIds = new Map<string, string>();
    const departmentNames = new Map<string, string>();
    let departmentsAdded = 0;
    for (const department of DEMO_DEPARTMENTS) {
      const { id, name, added } = await ensureDepartment(manager, department.code, department.name);
      departmentIds.set(department.code, id);
      departmentNames.set(id, name);
      if (added) departmentsAdded += 1;
    }
    for (const subdistrict of YUQUAN_15TH_FYP.subdistricts) {
      const found: Array<{ id: string; name: string }> = await manager.query(
        `SELECT id, name FROM departments WHERE code = $1 OR name = $2 ORDER BY (code = $1) DESC LIMIT 1`,
        [subdistrict.code, subdistrict.name],
      );
      if (found.length === 0) throw new SeedInputError(`sub-district ${subdistrict.name} is missing: run the plan catalogue seed (npm run db:seed)`);
      departmentIds.set(subdistrict.code, found[0].id);
      departmentNames.set(found[0].id, found[0].name);
    }

    // Accounts: one per role, and an editor for every demo department and sub-district.
    const accounts: AccountSpec[] = [
      { username: 'admin', role: 'admin', displayName: '系统管理员（演示）', department: null, departmentId: null },
      { username: 'supervisor', role: 'supervisor', displayName: '区政府督查室（演示）', department: null, departmentId: null },
      { username: 'viewer', role: 'viewer', displayName: '只读用户（演示）', department: null, departmentId: null },
      ...[...DEMO_DEPARTMENTS, ...YUQUAN_15TH_FYP.subdistricts].map((unit): AccountSpec => {
        const departmentId = departmentIds.get(unit.code)!;
        const department = departmentNames.get(departmentId)!;
        return { username: `editor-${unit.code}`, role: 'department_editor', displayName: `${department}填报员（演示）`, department, departmentId };
      }),
    ];
    // One salted hash serves every new account of this run, and one check every existing hash.
    let passwordHash: string | undefined;
    const matches = new Map<string, boolean>();
    const userIds = new Map<string, { id: string; displayName: string }>();
    const accountsSkipped: string[] = [];
    let usersAdded = 0;
    let passwordsReset = 0;
    for (const account of accounts) {
      const [existing]: Array<{ id: string; is_demo: boolean; password_hash: string; display_name: string }> = await manager.query(
        `SELECT id, is_demo, password_hash, display_name FROM users WHERE username = $1`,
        [account.username],
      );
      if (!existing) {
        passwordHash ??= await hash(password, BCRYPT_COST);
        const [row]: Array<{ id: string }> = await manager.query(
          `INSERT INTO users (username, display_name, password_hash, role, department_id, email, is_active, is_demo)
           VALUES ($1, $2, $3, $4, $5, $6, true, true) RETURNING id`,
          [account.username, account.displayName, passwordHash, account.role, account.departmentId, `${account.username}@yuquan-demo.example`],
        );
        userIds.set(account.username, { id: row.id, displayName: account.displayName });
        usersAdded += 1;
        continue;
      }
      userIds.set(account.username, { id: existing.id, displayName: existing.display_name });
      if (!existing.is_demo) {
        accountsSkipped.push(account.username);
        continue;
      }
      if (!matches.has(existing.password_hash)) matches.set(existing.password_hash, await compare(password, existing.password_hash));
      if (!matches.get(existing.password_hash)) {
        passwordHash ??= await hash(password, BCRYPT_COST);
        await manager.query(`UPDATE users SET password_hash = $2 WHERE id = $1`, [existing.id, passwordHash]);
        passwordsReset += 1;
      }
    }
    const editorOf = new Map<string, { id: string; displayName: string }>();
    for (const account of accounts) if (account.departmentId) editorOf.set(account.departmentId, userIds.get(account.username)!);
    const admin = userIds.get('admin')!;

    // Projects: fill in what is missing, then add their milestones, investment and reports.
    const projects: CatalogueProjectRow[] = await manager.query(
      `SELECT p.id, p.name, p.kind, p.attributes, c.number AS column_number, g.number AS group_number, p.owner_department_id
         FROM projects p JOIN plan_groups g ON g.id = p.group_id JOIN plan_columns c ON c.id = p.column_id
        WHERE c.plan_id = $1 ORDER BY c.number, g.number, p.sort_order`,
      [planId],
    );
    const existingMilestones = new Set(
      (
        (await manager.query(`SELECT project_id, kind FROM milestones WHERE project_id = ANY($1::uuid[])`, [projects.map((p) => p.id)])) as Array<{
          project_id: string;
          kind: string;
        }>
      ).map((m) => `${m.project_id}/${m.kind}`),
    );
    const milestoneRows: unknown[][] = [];
    const annualPlanRows: unknown[][] = [];
    const monthlyRows: unknown[][] = [];
    const reportRows: unknown[][] = [];
    let filled = 0;
    for (const project of projects) {
      const plan = planDemoProject({ name: project.name, kind: project.kind, attributes: project.attributes }, today);
      const ownerId = project.owner_department_id ?? departmentIds.get(demoOwnerCode(project.kind, project.column_number, project.group_number))!;
      // For an UPDATE, TypeORM's query() answers [rows, affected].
      const [, affected]: [unknown[], number] = await manager.query(
        `UPDATE projects SET
           owner_department_id = COALESCE(owner_department_id, $2),
           lead_official = COALESCE(lead_official, $3),
           total_investment_yuan = COALESCE(total_investment_yuan, $4),
           funding_sources = CASE WHEN funding_sources = '[]'::jsonb THEN $5::jsonb ELSE funding_sources END,
           status = CASE WHEN planned_start_date IS NULL AND planned_end_date IS NULL THEN $6 ELSE status END,
           planned_start_date = COALESCE(planned_start_date, CASE WHEN planned_end_date IS NULL THEN $7::date END),
           planned_end_date = COALESCE(planned_end_date, CASE WHEN planned_start_date IS NULL THEN $8::date END),
           percent_complete = COALESCE(percent_complete, $9::numeric),
           version = version + 1,
           updated_at = now()
         WHERE id = $1
           AND (owner_department_id IS NULL OR lead_official IS NULL OR total_investment_yuan IS NULL
                OR funding_sources = '[]'::jsonb OR (planned_start_date IS NULL AND planned_end_date IS NULL)
                OR (percent_complete IS NULL AND $9::numeric IS NOT NULL))`,
        [
          project.id,
          ownerId,
          plan.leadOfficial,
          plan.totalInvestmentYuan,
          JSON.stringify(plan.fundingSources),
          plan.status,
          plan.plannedStartDate,
          plan.plannedEndDate,
          plan.percentComplete,
        ],
      );
      if (affected > 0) filled += 1;

      for (const m of plan.milestones) {
        if (existingMilestones.has(`${project.id}/${m.kind}`)) continue;
        milestoneRows.push([project.id, m.kind, m.name, m.baselineDate, m.plannedDate, m.actualDate, m.actualDate ? 'done' : 'pending', m.note, true]);
      }
      for (const annual of plan.annualPlans) annualPlanRows.push([project.id, annual.year, annual.amountYuan, true]);
      for (const monthly of plan.monthlyInvestments) monthlyRows.push([project.id, monthly.month, monthly.amountYuan, true]);
      const author = editorOf.get(ownerId) ?? admin;
      // Keyed by the project's name, not its id, so the key reads the same in every database.
      const projectKey = createHash('sha256').update(project.name).digest('hex').slice(0, 24);
      for (const report of plan.progressReports) {
        reportRows.push([
          project.id,
          report.period,
          report.text,
          report.percentComplete,
          report.investmentCompletedYuan,
          report.problems,
          report.coordinationNeeds,
          author.id,
          author.displayName,
          `demo-${projectKey}-${report.period}`,
          true,
          report.createdAt,
        ]);
      }
    }

    const milestonesAdded = await insertRows(
      manager,
      'milestones',
      ['project_id', 'kind', 'name', 'baseline_date', 'planned_date', 'actual_date', 'status', 'note', 'is_demo'],
      milestoneRows,
      '',
    );
    const annualPlansAdded = await insertRows(
      manager,
      'project_annual_plans',
      ['project_id', 'year', 'amount_yuan', 'is_demo'],
      annualPlanRows,
      'ON CONFLICT (project_id, year) DO NOTHING',
    );
    const monthlyAdded = await insertRows(
      manager,
      'project_monthly_investments',
      ['project_id', 'month', 'amount_yuan', 'is_demo'],
      monthlyRows,
      'ON CONFLICT (project_id, month) DO NOTHING',
    );
    // Progress reports are append-only: insert the missing ones, never touch the others.
    const existingReportKeys = new Set(
      (
        (await manager.query(`SELECT idempotency_key FROM progress_reports WHERE idempotency_key = ANY($1::text[])`, [
          reportRows.map((row) => row[9]),
        ])) as Array<{ idempotency_key: string }>
      ).map((r) => r.idempotency_key),
    );
    const reportsAdded = await insertRows(
      manager,
      'progress_reports',
      [
        'project_id',
        'period',
        'text',
        'percent_complete',
        'investment_completed_yuan',
        'problems',
        'coordination_needs',
        'author_id',
        'author_name',
        'idempotency_key',
        'is_demo',
        'created_at',
      ],
      reportRows.filter((row) => !existingReportKeys.has(row[9] as string)),
      'ON CONFLICT (author_id, idempotency_key) DO NOTHING',
    );

    const [{ overdue, due_soon }]: Array<{ overdue: string; due_soon: string }> = await manager.query(
      `SELECT count(DISTINCT m.project_id) FILTER (WHERE m.planned_date < $2) AS overdue,
              count(DISTINCT m.project_id) FILTER (WHERE m.planned_date BETWEEN $2 AND $3) AS due_soon
         FROM milestones m JOIN projects p ON p.id = m.project_id JOIN plan_columns c ON c.id = p.column_id
        WHERE c.plan_id = $1 AND m.status = 'pending'`,
      [planId, today, addCalendarDays(today, 5)],
    );

    const counts: DemoSeedCounts = {
      catalogueSeeded,
      today,
      accounts: accounts.map(({ username, role, displayName, department }) => ({ username, role, displayName, department })),
      accountsSkipped,
      departments: { added: departmentsAdded, total: await countDemoRows(manager, 'departments') },
      users: { added: usersAdded, total: await countDemoRows(manager, 'users'), passwordsReset },
      projects: { total: projects.length, filled },
      milestones: { added: milestonesAdded, total: await countDemoRows(manager, 'milestones') },
      annualPlans: { added: annualPlansAdded, total: await countDemoRows(manager, 'project_annual_plans') },
      monthlyInvestments: { added: monthlyAdded, total: await countDemoRows(manager, 'project_monthly_investments') },
      progressReports: { added: reportsAdded, total: await countDemoRows(manager, 'progress_reports') },
      overdueProjects: Number(overdue),
      dueSoonProjects: Number(due_soon),
    };
    const changed =
      departmentsAdded + usersAdded + passwordsReset + filled + milestonesAdded + annualPlansAdded + monthlyAdded + reportsAdded > 0;
    if (changed) {
      await manager.query(
        `INSERT INTO audit_log (actor_type, actor_name, action, entity_type, entity_id, after) VALUES ('system', 'seed:demo', 'seed', 'plan', $1, $2)`,
        [planId, JSON.stringify({ demo: true, ...counts, accounts: counts.accounts.length })],
      );
    }
    return { placed: true, ...counts };
  });
}
