/**
 * A hand-made portfolio whose lights, ranking and every 周报 figure are known in
 * advance (worked out by hand below), for the warning-light, supervision and
 * weekly-report specs.
 *
 * Calendar: November 2026 has no holiday; working days are Monday–Friday.
 *   W46 = Mon 11-09 … Sun 11-15, W47 = Mon 11-16 … Sun 11-22, W48 = Mon 11-23 … Sun 11-29.
 *   National Day 10-01…10-07 is off, Saturday 10-10 is a 调休 working day.
 * The clock is fixed at Wednesday 2026-11-25 10:00 (Asia/Shanghai): "today" = 2026-11-25.
 * The report of 2026-W47 is as of Sunday 2026-11-22 (D); the previous Sunday is 2026-11-15.
 *
 * Owner units (责任单位), in the order zh-Hans-CN puts their names: 区教育局 (B), 区住房和城乡建设局 (A), 小召前街街道 (C).
 *
 * P1 昭君路小学新建项目 — 专栏2 group 1, school, B, 在建, planned 2026-03-01 → 2027-03-01, 形象进度 60.00 (no progress report)
 *   m1 开工       base=plan 2026-03-10, done 2026-03-10           due to date, met on time
 *   m2 主体完工   base=plan 2026-11-18, done 2026-11-18           due in W47, met on time, completed in W47
 *   m3 竣工验收   base=plan 2027-01-15, pending                   green
 *   m4 交付前验收 base=plan 2026-11-19, done 2026-11-23 (after D) as of D: pending → not done, overdue since 11-20 (newly), 1 working day late (11-20)
 *   as of D: red; 序时进度 = 266/365 days = 72.88 %, lag 12.88 ≤ 15; schedule index = done 2 (m1, m2) ÷ due 3 (m1, m2, m4) = 0.67; slip 0
 *   today (11-25): m4 done → green; 序时进度 269/365 = 73.70 %, lag 13.70 ≤ 15 → green
 * P2 玉泉变 220 千伏变电站工程 — 专栏8 group 3, substation, A, 在建, no dates, no 形象进度
 *   m1 施工许可 base 2026-10-29, plan 2026-11-12, pending    slip (10-29, 11-12] = 10 working days (not > 10); overdue since before 11-15 (still)
 *                                                                D: (11-12, 11-22] = 11-13, 11-16…20 = 6 late; today: + 11-23, 24, 25 = 9
 *   m2 开工     base=plan 2026-11-17, pending                due in W47, not done; newly overdue; D: 11-18, 19, 20 = 3 late; today: 6
 *   m3 竣工验收 base=plan 2027-06-30, pending                green
 *   as of D: red, 2 overdue, worst 6, slip 10, schedule index 0 ÷ 2 = 0.00; today: worst 9
 * P3 玉祥·安泽园（范家营棚改回迁房）项目 — 专栏2 group 2, resettlement_housing, C, 在建, planned 2026-01-01 → 2026-12-31
 *   progress reports: 30.00 on 2026-11-10, 95.00 on 2026-11-24 (after D); the project now says 95.00
 *   m1 主体完工 base=plan 2026-11-19, done 2026-11-20   due in W47, done late, completed in W47
 *   m2 交付     base=plan 2026-11-24, pending           D: due in (11-22, 11-24] = 2 working days ≤ 5 → yellow; today: overdue 1 day (11-25)
 *   as of D: yellow (due soon + 序时进度 325/364 = 89.29 % vs 30.00, lag 59.29 > 15); schedule index 1 ÷ 1 = 1.00; slip 0
 *   today: red (m2 overdue); progress 95.00 vs 328/364 = 90.11 % → no lag
 * P4 学府路道路拓宽改造工程 — 专栏2 group 1, road, A, 前期, no dates
 *   m1 可研批复 base 2026-10-01, plan 2026-10-30, pending  slip (10-01, 10-30] = 10-08, 10-09, 10-10 (调休) + 3 weeks = 18;
 *                                                         still overdue; D: 11-02…06, 09…13, 16…20 = 15 late; today: 18
 *   m2 施工许可 base 2026-11-02, plan 2026-12-18, pending  slip (11-02, 12-18] = 4 + 6 weeks × 5 = 34 > 10 → yellow reason
 *   as of D: red (overdue + slipped), worst 15, slip max(18, 34) = 34, schedule index 0 ÷ 1 = 0.00
 * P5 片区综合管网更新改造工程 — 专栏8 group 3, pipe_network, C, 竣工
 *   m1 竣工验收 base=plan 2026-11-16, done 2026-11-13   due in W47, met on time (early); not completed in W47
 *   m2 设施移交 base=plan 2026-09-30, cancelled         left out everywhere
 *   green; schedule index 1 ÷ 1 = 1.00; no pending milestone → slip null
 * P6 已取消的测试道路项目 — 专栏2 group 1, road, B, 取消; m1 plan 2026-11-10 pending
 *   counted only by status and in investment
 * P7 未明确责任单位的测试学校项目 — 专栏8 group 3, school, no owner unit, 谋划, no milestones: green
 *
 * Investment (whole yuan), year 2026, months 2026-01 … 2026-11:
 *   P1 plan 50,000,000 (and 7,000,000 for 2025, left out); 2026-03 10,000,000 + 2026-11 2,345,678 = 12,345,678 (2026-12 9,999,999 and 2025-12 1,000,000 left out)
 *   P2 plan 123,456,789; 2026-10 23,456,789          P3 plan 80,000,000; 2026-06 20,000,000 + 2026-11 4,000,001 = 24,000,001
 *   P4 no plan; 2026-05 500,000                       P5 plan 30,000,000; 2026-02 30,000,000
 *   P6 plan 10,000,000; 2026-04 1,000,000             P7 none
 *   total plan 293,456,789 (29345.6789 万元), completed 91,302,468 (9130.2468 万元), 31.11 %
 *   (A: 23,956,789 ÷ 123,456,789 = 19.40499… % → 19.40: exact arithmetic, not floats)
 *
 * 督办单 (issued_at / closed_at, +08:00):
 *   N1 A issued 11-10 09:00, closed 11-17 15:00 → closed in W47
 *   N2 A issued 11-16 00:00:00 (the first instant of W47) → issued in W47, open at its end
 *   N3 C issued 11-22 23:59:59 (the last second of W47), closed 11-23 00:00 → issued in W47, open at its end
 *   N4 B issued 11-15 23:59:59 (W46), never closed → open at the end of W47
 *
 * 问题台账 (raised_at / closed_at, +08:00; raised by the unit, needed-by dates):
 *   Q1 2026-0001 A on P2 raised 11-12 10:00 (W46), needed by 11-20, accepted 11-13, never closed → carried, open and overdue at the end
 *      of W47, 协调中 then; open 6 working days (11-13, 16 … 20)
 *   Q2 2026-0002 C on P3 raised 11-16 09:00, needed by 11-30, closed 11-20 15:00 → raised and closed on time in W47
 *   Q3 2026-0003 C on P3 raised 11-18 10:00, needed by 11-19, claimed 11-21, closed 11-23 09:00 (after D) → raised in W47, open and
 *      overdue at its end, 已解决 then; open 2 working days (11-19, 20)
 *   Q4 2026-0004 A on P4 raised 11-05, needed by 11-06, closed 11-10 (W46, late) → nothing in W47; the ranking's A: closed 1, on time 0
 *   The ranking to date: A 1 closed, 0 on time; B none; C 1 (Q2), 1 on time (Q3 is closed after D).
 */
import { DataSource } from 'typeorm';
import { ApiKeyScope, Department, Milestone, Project, User } from '@app/domain';
import {
  DEFAULT_WARNING_LIGHT_RULES,
  RANKING_RULE,
  WEEKLY_REPORT_DEFINITIONS,
  warningLightRuleText,
  WeeklyReportContent,
} from '@app/reporting';
import { generateApiKey } from '../apps/api/src/auth/api-key-secret';
import { createDepartment, createMilestone, createPlanGroup, createProject, createUser } from './support/factories';

export const FIXED_NOW = '2026-11-25T10:00:00+08:00';
export const TODAY = '2026-11-25';
export const REPORT_WEEK = '2026-W47';

export interface Portfolio {
  units: { A: Department; B: Department; C: Department };
  projects: { P1: Project; P2: Project; P3: Project; P4: Project; P5: Project; P6: Project; P7: Project };
  milestones: Record<'P1m1' | 'P1m2' | 'P1m3' | 'P1m4' | 'P2m1' | 'P2m2' | 'P2m3' | 'P3m1' | 'P3m2' | 'P4m1' | 'P4m2' | 'P5m1' | 'P5m2' | 'P6m1', Milestone>;
  columns: { c2: { id: string }; c8: { id: string } };
  /** 问题台账 problems of the portfolio (ids), see the header. */
  problems: Record<'Q1' | 'Q2' | 'Q3' | 'Q4', string>;
  users: { admin: User; supervisor: User; viewer: User; editor: User };
}

export async function createApiKey(dataSource: DataSource, scopes: ApiKeyScope[]): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await dataSource.query(`INSERT INTO api_keys (name, prefix, key_hash, scopes) VALUES ($1, $2, $3, $4)`, [`key ${prefix}`, prefix, hash, scopes]);
  return key;
}

export async function buildPortfolio(dataSource: DataSource): Promise<Portfolio> {
  const A = await createDepartment(dataSource, { code: 'zhujian', name: '区住房和城乡建设局' });
  const B = await createDepartment(dataSource, { code: 'jiaoyu', name: '区教育局' });
  const C = await createDepartment(dataSource, { code: 'xiaozhao', name: '小召前街街道', kind: 'subdistrict' });

  const c2g1 = await createPlanGroup(dataSource, { number: 2, title: '民生保障重点工程' }, { number: 1, title: '教育和道路工程' });
  const c2g2 = await createPlanGroup(dataSource, { number: 2 }, { number: 2, title: '棚户区改造工程' });
  const c8g3 = await createPlanGroup(dataSource, { number: 8, title: '基础设施建设重点工程' }, { number: 3, title: '能源基础设施建设工程' });

  const P1 = await createProject(dataSource, {
    name: '昭君路小学新建项目', groupId: c2g1.id, kind: 'school', ownerDepartmentId: B.id, status: 'under_construction',
    plannedStartDate: '2026-03-01', plannedEndDate: '2027-03-01', percentComplete: '60.00', sortOrder: 1,
  });
  const P2 = await createProject(dataSource, {
    name: '玉泉变 220 千伏变电站工程', groupId: c8g3.id, kind: 'substation', ownerDepartmentId: A.id, status: 'under_construction', sortOrder: 1,
  });
  const P3 = await createProject(dataSource, {
    name: '玉祥·安泽园（范家营棚改回迁房）项目', groupId: c2g2.id, kind: 'resettlement_housing', ownerDepartmentId: C.id, status: 'under_construction',
    plannedStartDate: '2026-01-01', plannedEndDate: '2026-12-31', percentComplete: '95.00', sortOrder: 1,
  });
  const P4 = await createProject(dataSource, { name: '学府路道路拓宽改造工程', groupId: c2g1.id, kind: 'road', ownerDepartmentId: A.id, status: 'preparation', sortOrder: 2 });
  const P5 = await createProject(dataSource, { name: '片区综合管网更新改造工程', groupId: c8g3.id, kind: 'pipe_network', ownerDepartmentId: C.id, status: 'completed', sortOrder: 2 });
  const P6 = await createProject(dataSource, { name: '已取消的测试道路项目', groupId: c2g1.id, kind: 'road', ownerDepartmentId: B.id, status: 'cancelled', sortOrder: 3 });
  const P7 = await createProject(dataSource, { name: '未明确责任单位的测试学校项目', groupId: c8g3.id, kind: 'school', ownerDepartmentId: null, status: 'planning', sortOrder: 3 });

  const m = (projectId: string, kind: Milestone['kind'], plannedDate: string, extra: Partial<Milestone> = {}) =>
    createMilestone(dataSource, projectId, { kind, plannedDate, ...extra });
  const milestones = {
    P1m1: await m(P1.id, 'construction_start', '2026-03-10', { actualDate: '2026-03-10' }),
    P1m2: await m(P1.id, 'main_structure_done', '2026-11-18', { actualDate: '2026-11-18' }),
    P1m3: await m(P1.id, 'completion_acceptance', '2027-01-15'),
    P1m4: await m(P1.id, 'custom', '2026-11-19', { name: '交付前验收', actualDate: '2026-11-23' }),
    P2m1: await m(P2.id, 'construction_permit', '2026-11-12', { baselineDate: '2026-10-29' }),
    P2m2: await m(P2.id, 'construction_start', '2026-11-17'),
    P2m3: await m(P2.id, 'completion_acceptance', '2027-06-30'),
    P3m1: await m(P3.id, 'main_structure_done', '2026-11-19', { actualDate: '2026-11-20' }),
    P3m2: await m(P3.id, 'handover', '2026-11-24'),
    P4m1: await m(P4.id, 'feasibility_approval', '2026-10-30', { baselineDate: '2026-10-01' }),
    P4m2: await m(P4.id, 'construction_permit', '2026-12-18', { baselineDate: '2026-11-02' }),
    P5m1: await m(P5.id, 'completion_acceptance', '2026-11-16', { actualDate: '2026-11-13' }),
    P5m2: await m(P5.id, 'custom', '2026-09-30', { name: '设施移交', status: 'cancelled' }),
    P6m1: await m(P6.id, 'construction_start', '2026-11-10'),
  };

  const admin = await createUser(dataSource, 'admin');
  const supervisor = await createUser(dataSource, 'supervisor');
  const viewer = await createUser(dataSource, 'viewer');
  const editor = await createUser(dataSource, 'department_editor', { departmentId: A.id });

  // 形象进度 of P3 over time: 30 % before the week's end, 95 % after it.
  await dataSource.query(
    `INSERT INTO progress_reports (project_id, period, text, percent_complete, author_id, author_name, created_at)
     VALUES ($1, '2026-11', '主体结构施工', 30.00, $2, 'editor', '2026-11-10T10:00:00+08:00'),
            ($1, '2026-11', '主体完工，开始装修', 95.00, $2, 'editor', '2026-11-24T10:00:00+08:00')`,
    [P3.id, editor.id],
  );

  await dataSource.query(
    `INSERT INTO project_annual_plans (project_id, year, amount_yuan) VALUES
       ($1, 2026, 50000000), ($2, 2026, 123456789), ($3, 2026, 80000000), ($4, 2026, 30000000), ($5, 2026, 10000000), ($1, 2025, 7000000)`,
    [P1.id, P2.id, P3.id, P5.id, P6.id],
  );
  await dataSource.query(
    `INSERT INTO project_monthly_investments (project_id, month, amount_yuan) VALUES
       ($1, '2026-03', 10000000), ($1, '2026-11', 2345678), ($1, '2026-12', 9999999), ($1, '2025-12', 1000000),
       ($2, '2026-10', 23456789),
       ($3, '2026-06', 20000000), ($3, '2026-11', 4000001),
       ($4, '2026-05', 500000),
       ($5, '2026-02', 30000000),
       ($6, '2026-04', 1000000)`,
    [P1.id, P2.id, P3.id, P4.id, P5.id, P6.id],
  );

  const notice = (n: number, unit: Department, issuedAt: string, closedAt: string | null) =>
    dataSource.query(
      `INSERT INTO supervision_notices (number, year, sequence, owner_department_id, title, body, reply_due_date, status, issued_by_id, issued_at, closed_at, closed_by_id)
       VALUES ($1, 2026, $2, $3, '关于加快推进重点项目的督办单', '请于期限内报送整改措施', '2026-12-01', $4, $5, $6, $7, $8)`,
      [`玉督〔2026〕${n}号`, n, unit.id, closedAt ? 'closed' : 'issued', supervisor.id, issuedAt, closedAt, closedAt ? supervisor.id : null],
    );
  await notice(1, A, '2026-11-10T09:00:00+08:00', '2026-11-17T15:00:00+08:00');
  await notice(2, A, '2026-11-16T00:00:00+08:00', null);
  await notice(3, C, '2026-11-22T23:59:59+08:00', '2026-11-23T00:00:00+08:00');
  await notice(4, B, '2026-11-15T23:59:59+08:00', null);

  const problem = async (sequence: number, unit: Department, projectId: string, type: string, raisedAt: string, neededBy: string, steps: Array<[string, string, string]>) => {
    const closedAt = steps.find(([type]) => type === 'closed')?.[1] ?? null;
    const state = steps.length > 0 ? steps[steps.length - 1][2] : 'new';
    const [{ id }] = await dataSource.query(
      `INSERT INTO coordination_problems (year, sequence, project_id, raising_department_id, type_code, title, need, needed_by_date, state, raised_by_id, raised_at, last_moved_at, closed_at, closed_by_id)
       VALUES (2026, $1, $2, $3, $4, $5, '需协调解决', $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [sequence, projectId, unit.id, type, `测试问题${sequence}`, neededBy, state, editor.id, raisedAt, steps.at(-1)?.[1] ?? raisedAt, closedAt, closedAt ? supervisor.id : null],
    );
    await dataSource.query(`INSERT INTO coordination_problem_departments (problem_id, department_id) VALUES ($1, $2)`, [id, B.id]);
    let from: string | null = null;
    for (const [type, at, to] of [['raised', raisedAt, 'new'] as [string, string, string], ...steps]) {
      await dataSource.query(
        `INSERT INTO coordination_problem_events (problem_id, type, from_state, to_state, actor_name, occurred_at) VALUES ($1, $2, $3, $4, '测试', $5)`,
        [id, type, from, to, at],
      );
      from = to;
    }
    return id as string;
  };
  const problems = {
    Q1: await problem(1, A, P2.id, 'land', '2026-11-12T10:00:00+08:00', '2026-11-20', [['accepted', '2026-11-13T10:00:00+08:00', 'coordinating']]),
    Q2: await problem(2, C, P3.id, 'funding', '2026-11-16T09:00:00+08:00', '2026-11-30', [
      ['claimed', '2026-11-19T10:00:00+08:00', 'resolved'],
      ['closed', '2026-11-20T15:00:00+08:00', 'closed'],
    ]),
    Q3: await problem(3, C, P3.id, 'approvals', '2026-11-18T10:00:00+08:00', '2026-11-19', [
      ['claimed', '2026-11-21T10:00:00+08:00', 'resolved'],
      ['closed', '2026-11-23T09:00:00+08:00', 'closed'],
    ]),
    Q4: await problem(4, A, P4.id, 'planning', '2026-11-05T10:00:00+08:00', '2026-11-06', [
      ['claimed', '2026-11-09T10:00:00+08:00', 'resolved'],
      ['closed', '2026-11-10T10:00:00+08:00', 'closed'],
    ]),
  };

  return {
    units: { A, B, C },
    projects: { P1, P2, P3, P4, P5, P6, P7 },
    milestones,
    problems,
    columns: { c2: { id: c2g1.columnId }, c8: { id: c8g3.columnId } },
    users: { admin, supervisor, viewer, editor },
  };
}

const statuses = (counts: Partial<Record<string, number>>) => ({
  planning: 0,
  preparation: 0,
  under_construction: 0,
  completed: 0,
  in_service: 0,
  suspended: 0,
  cancelled: 0,
  ...counts,
});

const money = (planYuan: string, planWan: string, completedYuan: string, completedWan: string, percent: string | null) => ({
  annualPlanYuan: planYuan,
  annualPlanWan: planWan,
  completedYuan,
  completedWan,
  completionPercent: percent,
});

/** The 2026-W47 report, every figure worked out by hand from the portfolio above. */
export function expectedW47(p: Portfolio): WeeklyReportContent {
  const { A, B, C } = p.units;
  const { P1, P2, P3, P4 } = p.projects;
  const ms = p.milestones;
  return {
    schemaVersion: 3,
    isoWeek: '2026-W47',
    weekStart: '2026-11-16',
    weekEnd: '2026-11-22',
    timeZone: 'Asia/Shanghai',
    rules: { ...DEFAULT_WARNING_LIGHT_RULES, text: warningLightRuleText(DEFAULT_WARNING_LIGHT_RULES) },
    definitions: [...WEEKLY_REPORT_DEFINITIONS],
    investmentPeriod: { year: 2026, fromMonth: '2026-01', toMonth: '2026-11' },
    // P1…P7: 7 projects; due in W47: P1m2 (met), P1m4 (not done by D), P2m2 (not done), P3m1 (done late), P5m1 (met early) = 5.
    // Completed in W47: P1m2 (11-18), P3m1 (11-20). Overdue at D: P1m4 new, P2m2 new, P2m1 still, P4m1 still.
    overview: {
      projects: { total: 7, byStatus: statuses({ planning: 1, preparation: 1, under_construction: 3, completed: 1, cancelled: 1 }) },
      milestones: { dueInWeek: 5, metOnTime: 2, doneLate: 1, notDone: 2, missed: 3, completedInWeek: 2 },
      overdue: { newly: 2, still: 2, total: 4 },
      investment: money('293456789', '29345.6789', '91302468', '9130.2468', '31.11'),
      lights: { red: 3, yellow: 1, green: 2 }, // red P1, P2, P4; yellow P3; green P5, P7 (P6 cancelled: not lit)
    },
    byColumn: [
      {
        // P1, P3, P4, P6
        columnId: p.columns.c2.id,
        columnNumber: 2,
        title: '民生保障重点工程',
        projects: { total: 4, byStatus: statuses({ preparation: 1, under_construction: 2, cancelled: 1 }) },
        milestones: { dueInWeek: 3, metOnTime: 1, doneLate: 1, notDone: 1, missed: 2, completedInWeek: 2 },
        overdue: { newly: 1, still: 1, total: 2 },
        // plan 50,000,000 + 80,000,000 + 10,000,000; completed 12,345,678 + 24,000,001 + 500,000 + 1,000,000
        investment: money('140000000', '14000', '37845679', '3784.5679', '27.03'),
        lights: { red: 2, yellow: 1, green: 0 },
      },
      {
        // P2, P5, P7
        columnId: p.columns.c8.id,
        columnNumber: 8,
        title: '基础设施建设重点工程',
        projects: { total: 3, byStatus: statuses({ planning: 1, under_construction: 1, completed: 1 }) },
        milestones: { dueInWeek: 2, metOnTime: 1, doneLate: 0, notDone: 1, missed: 1, completedInWeek: 0 },
        overdue: { newly: 1, still: 1, total: 2 },
        investment: money('153456789', '15345.6789', '53456789', '5345.6789', '34.84'),
        lights: { red: 1, yellow: 0, green: 2 },
      },
    ],
    byOwnerUnit: [
      {
        // B: P1, P6 (cancelled)
        ownerUnitId: B.id,
        name: '区教育局',
        projects: { total: 2, byStatus: statuses({ under_construction: 1, cancelled: 1 }) },
        milestones: { dueInWeek: 2, metOnTime: 1, doneLate: 0, notDone: 1, missed: 1, completedInWeek: 1 },
        overdue: { newly: 1, still: 0, total: 1 },
        investment: money('60000000', '6000', '13345678', '1334.5678', '22.24'),
        lights: { red: 1, yellow: 0, green: 0 },
      },
      {
        // A: P2, P4
        ownerUnitId: A.id,
        name: '区住房和城乡建设局',
        projects: { total: 2, byStatus: statuses({ preparation: 1, under_construction: 1 }) },
        milestones: { dueInWeek: 1, metOnTime: 0, doneLate: 0, notDone: 1, missed: 1, completedInWeek: 0 },
        overdue: { newly: 1, still: 2, total: 3 },
        investment: money('123456789', '12345.6789', '23956789', '2395.6789', '19.40'),
        lights: { red: 2, yellow: 0, green: 0 },
      },
      {
        // C: P3, P5
        ownerUnitId: C.id,
        name: '小召前街街道',
        projects: { total: 2, byStatus: statuses({ under_construction: 1, completed: 1 }) },
        milestones: { dueInWeek: 2, metOnTime: 1, doneLate: 1, notDone: 0, missed: 1, completedInWeek: 1 },
        overdue: { newly: 0, still: 0, total: 0 },
        investment: money('110000000', '11000', '54000001', '5400.0001', '49.09'),
        lights: { red: 0, yellow: 1, green: 1 },
      },
      {
        ownerUnitId: null,
        name: '未明确责任单位',
        projects: { total: 1, byStatus: statuses({ planning: 1 }) },
        milestones: { dueInWeek: 0, metOnTime: 0, doneLate: 0, notDone: 0, missed: 0, completedInWeek: 0 },
        overdue: { newly: 0, still: 0, total: 0 },
        investment: money('0', '0', '0', '0', null),
        lights: { red: 0, yellow: 0, green: 1 },
      },
    ],
    byKind: [
      {
        kind: 'substation',
        label: '变电站/输变电',
        projects: { total: 1, byStatus: statuses({ under_construction: 1 }) },
        milestones: { dueInWeek: 1, metOnTime: 0, doneLate: 0, notDone: 1, missed: 1, completedInWeek: 0 },
        overdue: { newly: 1, still: 1, total: 2 },
        investment: money('123456789', '12345.6789', '23456789', '2345.6789', '19.00'),
        lights: { red: 1, yellow: 0, green: 0 },
      },
      {
        // P1, P7
        kind: 'school',
        label: '学校/幼儿园',
        projects: { total: 2, byStatus: statuses({ planning: 1, under_construction: 1 }) },
        milestones: { dueInWeek: 2, metOnTime: 1, doneLate: 0, notDone: 1, missed: 1, completedInWeek: 1 },
        overdue: { newly: 1, still: 0, total: 1 },
        investment: money('50000000', '5000', '12345678', '1234.5678', '24.69'),
        lights: { red: 1, yellow: 0, green: 1 },
      },
      {
        kind: 'pipe_network',
        label: '管网',
        projects: { total: 1, byStatus: statuses({ completed: 1 }) },
        milestones: { dueInWeek: 1, metOnTime: 1, doneLate: 0, notDone: 0, missed: 0, completedInWeek: 0 },
        overdue: { newly: 0, still: 0, total: 0 },
        investment: money('30000000', '3000', '30000000', '3000', '100.00'),
        lights: { red: 0, yellow: 0, green: 1 },
      },
      {
        // P4, P6
        kind: 'road',
        label: '道路',
        projects: { total: 2, byStatus: statuses({ preparation: 1, cancelled: 1 }) },
        milestones: { dueInWeek: 0, metOnTime: 0, doneLate: 0, notDone: 0, missed: 0, completedInWeek: 0 },
        overdue: { newly: 0, still: 1, total: 1 },
        investment: money('10000000', '1000', '1500000', '150', '15.00'),
        lights: { red: 1, yellow: 0, green: 0 },
      },
      {
        kind: 'resettlement_housing',
        label: '回迁房/棚改',
        projects: { total: 1, byStatus: statuses({ under_construction: 1 }) },
        milestones: { dueInWeek: 1, metOnTime: 0, doneLate: 1, notDone: 0, missed: 1, completedInWeek: 1 },
        overdue: { newly: 0, still: 0, total: 0 },
        investment: money('80000000', '8000', '24000001', '2400.0001', '30.00'),
        lights: { red: 0, yellow: 1, green: 0 },
      },
    ],
    overdueMilestones: [
      {
        milestoneId: ms.P4m1.id, milestoneName: '可研批复', milestoneKind: 'feasibility_approval', baselineDate: '2026-10-01', plannedDate: '2026-10-30',
        workingDaysLate: 15, newly: false, projectId: P4.id, projectName: P4.name, projectKind: 'road', columnNumber: 2, columnTitle: '民生保障重点工程',
        ownerUnitId: A.id, ownerUnitName: A.name,
      },
      {
        milestoneId: ms.P2m1.id, milestoneName: '施工许可', milestoneKind: 'construction_permit', baselineDate: '2026-10-29', plannedDate: '2026-11-12',
        workingDaysLate: 6, newly: false, projectId: P2.id, projectName: P2.name, projectKind: 'substation', columnNumber: 8, columnTitle: '基础设施建设重点工程',
        ownerUnitId: A.id, ownerUnitName: A.name,
      },
      {
        milestoneId: ms.P2m2.id, milestoneName: '开工', milestoneKind: 'construction_start', baselineDate: '2026-11-17', plannedDate: '2026-11-17',
        workingDaysLate: 3, newly: true, projectId: P2.id, projectName: P2.name, projectKind: 'substation', columnNumber: 8, columnTitle: '基础设施建设重点工程',
        ownerUnitId: A.id, ownerUnitName: A.name,
      },
      {
        milestoneId: ms.P1m4.id, milestoneName: '交付前验收', milestoneKind: 'custom', baselineDate: '2026-11-19', plannedDate: '2026-11-19',
        workingDaysLate: 1, newly: true, projectId: P1.id, projectName: P1.name, projectKind: 'school', columnNumber: 2, columnTitle: '民生保障重点工程',
        ownerUnitId: B.id, ownerUnitName: B.name,
      },
    ],
    projectLights: [
      {
        projectId: P4.id, projectName: P4.name, projectKind: 'road', projectStatus: 'preparation', columnNumber: 2, ownerUnitId: A.id, ownerUnitName: A.name,
        light: 'red', reasons: ['milestone_overdue', 'milestone_slipped'], overdueCount: 1, worstWorkingDaysLate: 15, slipWorkingDays: 34, scheduleIndex: 0,
        expectedPercent: null, actualPercent: null,
      },
      {
        projectId: P2.id, projectName: P2.name, projectKind: 'substation', projectStatus: 'under_construction', columnNumber: 8, ownerUnitId: A.id, ownerUnitName: A.name,
        light: 'red', reasons: ['milestone_overdue'], overdueCount: 2, worstWorkingDaysLate: 6, slipWorkingDays: 10, scheduleIndex: 0,
        expectedPercent: null, actualPercent: null,
      },
      {
        projectId: P1.id, projectName: P1.name, projectKind: 'school', projectStatus: 'under_construction', columnNumber: 2, ownerUnitId: B.id, ownerUnitName: B.name,
        light: 'red', reasons: ['milestone_overdue'], overdueCount: 1, worstWorkingDaysLate: 1, slipWorkingDays: 0, scheduleIndex: 0.67,
        expectedPercent: '72.88', actualPercent: '60.00',
      },
      {
        projectId: P3.id, projectName: P3.name, projectKind: 'resettlement_housing', projectStatus: 'under_construction', columnNumber: 2, ownerUnitId: C.id,
        ownerUnitName: C.name, light: 'yellow', reasons: ['milestone_due_soon', 'progress_lag'], overdueCount: 0, worstWorkingDaysLate: 0, slipWorkingDays: 0,
        scheduleIndex: 1, expectedPercent: '89.29', actualPercent: '30.00',
      },
    ],
    // Due up to D and met on time: B 2 of 3 (P1m1, P1m2; P1m4 late) = 66.67 %; C 1 of 2 (P5m1; P3m1 late) = 50.00 %; A 0 of 3 = 0.00 %.
    ranking: {
      rule: RANKING_RULE,
      items: [
        { rank: 1, ownerUnitId: B.id, name: '区教育局', due: 3, metOnTime: 2, onTimeRate: '66.67', problemsClosed: 0, problemsClosedOnTime: 0 },
        { rank: 2, ownerUnitId: C.id, name: '小召前街街道', due: 2, metOnTime: 1, onTimeRate: '50.00', problemsClosed: 1, problemsClosedOnTime: 1 },
        { rank: 3, ownerUnitId: A.id, name: '区住房和城乡建设局', due: 3, metOnTime: 0, onTimeRate: '0.00', problemsClosed: 1, problemsClosedOnTime: 0 },
      ],
    },
    supervisionNotices: {
      totals: { issued: 2, closed: 1, openAtWeekEnd: 3 },
      byOwnerUnit: [
        { ownerUnitId: B.id, name: '区教育局', issued: 0, closed: 0, openAtWeekEnd: 1 },
        { ownerUnitId: A.id, name: '区住房和城乡建设局', issued: 1, closed: 1, openAtWeekEnd: 1 },
        { ownerUnitId: C.id, name: '小召前街街道', issued: 1, closed: 0, openAtWeekEnd: 1 },
      ],
    },
    // No report was filed in W47 (P3's are of 11-10 and 11-24): every unit that owns a standing project shows 0.
    progressEvidence: {
      totals: { reports: 0, withEvidence: 0, withoutEvidence: 0 },
      byOwnerUnit: [
        { ownerUnitId: B.id, name: '区教育局', reports: 0, withEvidence: 0, withoutEvidence: 0 },
        { ownerUnitId: A.id, name: '区住房和城乡建设局', reports: 0, withEvidence: 0, withoutEvidence: 0 },
        { ownerUnitId: C.id, name: '小召前街街道', reports: 0, withEvidence: 0, withoutEvidence: 0 },
        { ownerUnitId: null, name: '未明确责任单位', reports: 0, withEvidence: 0, withoutEvidence: 0 },
      ],
    },
    problemLedger: {
      totals: { raised: 2, carried: 1, closed: 1, closedOnTime: 1, openAtWeekEnd: 2, overdueAtWeekEnd: 2 },
      byOwnerUnit: [
        { ownerUnitId: A.id, name: '区住房和城乡建设局', raised: 0, carried: 1, closed: 0, closedOnTime: 0, openAtWeekEnd: 1, overdueAtWeekEnd: 1 },
        { ownerUnitId: C.id, name: '小召前街街道', raised: 2, carried: 0, closed: 1, closedOnTime: 1, openAtWeekEnd: 1, overdueAtWeekEnd: 1 },
      ],
      oldestOpen: [
        {
          problemId: p.problems.Q1, number: '2026-0001', title: '测试问题1', typeName: '用地/征拆', projectId: P2.id, projectName: P2.name,
          ownerUnitId: A.id, ownerUnitName: A.name, stateAtWeekEnd: 'coordinating', raisedOn: '2026-11-12', neededByDate: '2026-11-20', workingDaysOpen: 6,
        },
        {
          problemId: p.problems.Q3, number: '2026-0003', title: '测试问题3', typeName: '前期手续', projectId: P3.id, projectName: P3.name,
          ownerUnitId: C.id, ownerUnitName: C.name, stateAtWeekEnd: 'resolved', raisedOn: '2026-11-18', neededByDate: '2026-11-19', workingDaysOpen: 2,
        },
      ],
    },
  };
}
