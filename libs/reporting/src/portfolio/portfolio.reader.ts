import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { WorkingDayCalendar } from '@app/calendar';
import { COORDINATION_PROBLEM_OPEN_STATES, MilestoneKind, MilestoneStatus, ProjectKind, ProjectStatus } from '@app/domain';
import { MilestoneDates } from '../warning-lights/milestone-light';
import { lastMonthEnd } from '../warning-lights/investment-lag';
import { assessProjectFromPending, MilestoneCounts, ProjectAssessment, ProjectExtraFacts } from '../warning-lights/project-light';
import { DEFAULT_WARNING_LIGHT_RULES, WarningLightRules } from '../warning-lights/warning-light';
import { WorkingDayIndex, WorkingDays } from '../working-days';
import { AssessmentCache, ProjectVersion } from './assessment-cache';
import { PortfolioFilter, portfolioConditions, PROJECT_PLACE_SQL } from './portfolio-filter';

/** A project with what the lights and the reports group by. */
export interface PortfolioProject {
  id: string;
  name: string;
  kind: ProjectKind;
  status: ProjectStatus;
  column: { id: string; number: number; title: string };
  group: { id: string; number: number; title: string };
  ownerUnit: { id: string; name: string } | null;
  plannedStartDate: string | null;
  plannedEndDate: string | null;
  percentComplete: string | null;
}

/** A milestone not done on the as-of date (pending then, or done only later). */
export interface OpenMilestone extends MilestoneDates {
  id: string;
  projectId: string;
  name: string;
  kind: MilestoneKind;
}

export interface AssessedProject extends PortfolioProject {
  assessment: ProjectAssessment;
  /** Its milestones open on the as-of date, by planned date. */
  openMilestones: OpenMilestone[];
}

export interface AssessOptions {
  filter?: PortfolioFilter;
  /** Leave cancelled (取消) projects out (the live views do; the weekly report counts them by status). */
  excludeCancelled?: boolean;
  /**
   * Take 形象进度 as it stood at this instant (latest progress report before it)
   * instead of the project's current figure; for reports "as of" a past week.
   */
  percentAsOfInstant?: Date;
  rules?: WarningLightRules;
}

const PROJECT_COLUMNS = `
  p.id, p.name, p.kind, p.status,
  p.planned_start_date AS "plannedStartDate", p.planned_end_date AS "plannedEndDate",
  c.id AS "columnId", c.number AS "columnNumber", c.title AS "columnTitle",
  g.id AS "groupId", g.number AS "groupNumber", g.title AS "groupTitle",
  d.id AS "ownerUnitId", d.name AS "ownerUnitName"`;

/** The reference version as a scalar, for reading it inside another query. */
export const PORTFOLIO_REFERENCE_VERSION_SQL = `(SELECT v.version FROM portfolio_reference_version v WHERE v.id = 1)`;

/**
 * The warning-light rules as one jsonb value (defaults when the office never set them), for reading them inside
 * another query: the project list reads them in its page query, saving a round trip.
 */
export const WARNING_LIGHT_RULES_SQL = `(SELECT to_jsonb(r) FROM warning_light_rules r WHERE r.id = 1)`;

/** warning_light_rules as to_jsonb gives it; null when the office never set them. */
export type StoredRules = {
  due_soon_working_days: number;
  baseline_slip_working_days: number;
  progress_lag_points: number;
  start_rule_enabled?: boolean;
  start_yellow_working_days?: number;
  start_red_working_days?: number;
  investment_rule_enabled?: boolean;
  investment_yellow_points?: number;
  investment_red_points?: number;
  problem_rule_enabled?: boolean;
  problem_yellow_working_days?: number;
  problem_red_working_days?: number;
} | null;

export function rulesOf(stored: StoredRules): WarningLightRules {
  if (!stored) return { ...DEFAULT_WARNING_LIGHT_RULES };
  const d = DEFAULT_WARNING_LIGHT_RULES;
  return {
    dueSoonWorkingDays: stored.due_soon_working_days,
    baselineSlipWorkingDays: stored.baseline_slip_working_days,
    progressLagPoints: stored.progress_lag_points,
    startRuleEnabled: stored.start_rule_enabled ?? d.startRuleEnabled,
    startYellowWorkingDays: stored.start_yellow_working_days ?? d.startYellowWorkingDays,
    startRedWorkingDays: stored.start_red_working_days ?? d.startRedWorkingDays,
    investmentRuleEnabled: stored.investment_rule_enabled ?? d.investmentRuleEnabled,
    investmentYellowPoints: stored.investment_yellow_points ?? d.investmentYellowPoints,
    investmentRedPoints: stored.investment_red_points ?? d.investmentRedPoints,
    problemRuleEnabled: stored.problem_rule_enabled ?? d.problemRuleEnabled,
    problemYellowWorkingDays: stored.problem_yellow_working_days ?? d.problemYellowWorkingDays,
    problemRedWorkingDays: stored.problem_red_working_days ?? d.problemRedWorkingDays,
  };
}

/** Up to this many changed projects are re-read by id; more, by the caller's filter. */
const ASSESS_BY_ID_LIMIT = 500;

/** A progress report not withdrawn (撤回): withdrawn ones count nowhere. */
const STANDING = `AND NOT EXISTS (SELECT 1 FROM progress_report_withdrawals w WHERE w.report_id = r.id)`;

/**
 * 形象进度 at an instant: the latest progress report with a percentage before
 * it; for a project that never had one, the figure on the project itself
 * (entered directly). Null when the reports only start later.
 */
const PERCENT_AS_OF = (instantParam: string) => `
  CASE WHEN EXISTS (SELECT 1 FROM progress_reports r WHERE r.project_id = p.id AND r.percent_complete IS NOT NULL ${STANDING})
       THEN (SELECT r.percent_complete FROM progress_reports r
              WHERE r.project_id = p.id AND r.percent_complete IS NOT NULL AND r.created_at < ${instantParam} ${STANDING}
              ORDER BY r.created_at DESC LIMIT 1)
       ELSE p.percent_complete END`;

interface ProjectRow {
  id: string;
  name: string;
  kind: ProjectKind;
  status: ProjectStatus;
  plannedStartDate: string | null;
  plannedEndDate: string | null;
  percentComplete: string | null;
  columnId: string;
  columnNumber: number;
  columnTitle: string;
  groupId: string;
  groupNumber: number;
  groupTitle: string;
  ownerUnitId: string | null;
  ownerUnitName: string | null;
}

/** A project as read now, with the state version (projects.state_version) its light is cached under. */
export interface CurrentProject {
  project: PortfolioProject;
  stateVersion: string;
}

/** What every light depends on besides the project itself, read once per request. */
export interface PortfolioState {
  rules: WarningLightRules;
  /** portfolio_reference_version: bumped on any change to departments, 专栏 or groups (names in the lights' rows). */
  referenceVersion: string;
}

function toProject(row: ProjectRow): PortfolioProject {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    status: row.status,
    column: { id: row.columnId, number: Number(row.columnNumber), title: row.columnTitle },
    group: { id: row.groupId, number: Number(row.groupNumber), title: row.groupTitle },
    ownerUnit: row.ownerUnitId ? { id: row.ownerUnitId, name: row.ownerUnitName! } : null,
    plannedStartDate: row.plannedStartDate,
    plannedEndDate: row.plannedEndDate,
    percentComplete: row.percentComplete,
  };
}

/**
 * Reads the portfolio and lights it up "as of" a date, set-based: one query
 * for the projects, one that counts every milestone per project in Postgres,
 * one for the milestones still open on that date; then a single pass in memory
 * applies the pure rules (warning-lights/). No query per project.
 */
@Injectable()
export class PortfolioReader {
  private readonly days: WorkingDays;
  private readonly cache = new AssessmentCache();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingDayCalendar,
  ) {
    this.days = new WorkingDayIndex(calendar);
  }

  get workingDays(): WorkingDays {
    return this.days;
  }

  async rules(manager: EntityManager = this.dataSource.manager): Promise<WarningLightRules> {
    const [row]: Array<{ rules: StoredRules }> = await manager.query(`SELECT ${WARNING_LIGHT_RULES_SQL} AS rules`);
    return rulesOf(row.rules);
  }

  async projects(options: AssessOptions, manager: EntityManager = this.dataSource.manager): Promise<PortfolioProject[]> {
    const params: unknown[] = [];
    let percent = 'p.percent_complete';
    if (options.percentAsOfInstant) {
      params.push(options.percentAsOfInstant.toISOString());
      percent = PERCENT_AS_OF(`$${params.length}::timestamptz`);
    }
    const where = portfolioConditions(options.filter ?? {}, params);
    const rows: ProjectRow[] = await manager.query(
      `SELECT ${PROJECT_COLUMNS}, ${percent} AS "percentComplete"
         FROM ${PROJECT_PLACE_SQL}
        WHERE ${where} ${options.excludeCancelled ? `AND p.status <> 'cancelled'` : ''}
        ORDER BY c.number, g.number, p.sort_order, p.id`,
      params,
    );
    return rows.map(toProject);
  }

  /** Milestones of live projects not done on asOf, oldest planned date first. */
  async openMilestones(asOf: string, filter: PortfolioFilter, manager: EntityManager = this.dataSource.manager): Promise<OpenMilestone[]> {
    const params: unknown[] = [asOf];
    const where = portfolioConditions(filter, params);
    const rows: Array<OpenMilestone & { status: MilestoneStatus }> = await manager.query(
      `SELECT m.id, m.project_id AS "projectId", m.name, m.kind, m.status,
              m.baseline_date AS "baselineDate", m.planned_date AS "plannedDate", m.actual_date AS "actualDate"
         FROM milestones m
         JOIN projects p ON p.id = m.project_id
         JOIN plan_columns c ON c.id = p.column_id
        WHERE (m.status = 'pending' OR (m.status = 'done' AND m.actual_date > $1))
          AND p.status <> 'cancelled' AND ${where}
        ORDER BY m.planned_date, m.id`,
      params,
    );
    return rows;
  }

  /** Per project: milestones (not cancelled, not removed) due by asOf and met (done) by asOf. */
  async milestoneCounts(asOf: string, filter: PortfolioFilter, manager: EntityManager = this.dataSource.manager): Promise<Map<string, MilestoneCounts>> {
    const params: unknown[] = [asOf];
    const where = portfolioConditions(filter, params);
    const rows: Array<{ projectId: string; due: string; met: string; starts: string }> = await manager.query(
      `SELECT m.project_id AS "projectId",
              count(*) FILTER (WHERE m.planned_date <= $1) AS due,
              count(*) FILTER (WHERE m.status = 'done' AND m.actual_date <= $1) AS met,
              count(*) FILTER (WHERE m.kind = 'construction_start') AS starts
         FROM milestones m
         JOIN projects p ON p.id = m.project_id
         JOIN plan_columns c ON c.id = p.column_id
        WHERE m.status NOT IN ('cancelled', 'removed') AND p.status <> 'cancelled' AND ${where}
        GROUP BY m.project_id`,
      params,
    );
    return new Map(rows.map((row) => [row.projectId, { due: Number(row.due), met: Number(row.met), startMilestones: Number(row.starts) }]));
  }

  /**
   * What the rules beyond the milestones read, per project, set-based; only what the rules switched on need
   * (nothing is read when they are off). Investment: the plan of the year of the latest month end and the
   * months completed up to it.
   */
  async extraFacts(asOf: string, rules: WarningLightRules, filter: PortfolioFilter, manager: EntityManager = this.dataSource.manager): Promise<Map<string, ProjectExtraFacts>> {
    const facts = new Map<string, ProjectExtraFacts>();
    const factsOf = (id: string) => {
      let entry = facts.get(id);
      if (!entry) facts.set(id, (entry = {}));
      return entry;
    };
    if (rules.investmentRuleEnabled) {
      const { year, month } = lastMonthEnd(asOf);
      const params: unknown[] = [year, `${year}-01`, `${year}-${String(month).padStart(2, '0')}`];
      const where = portfolioConditions(filter, params);
      const rows: Array<{ projectId: string; planYuan: string; completedYuan: string }> = await manager.query(
        `SELECT a.project_id AS "projectId", a.amount_yuan AS "planYuan",
                COALESCE((SELECT sum(i.amount_yuan) FROM project_monthly_investments i
                           WHERE i.project_id = a.project_id AND i.month BETWEEN $2 AND $3), 0)::text AS "completedYuan"
           FROM project_annual_plans a
           JOIN projects p ON p.id = a.project_id
           JOIN plan_columns c ON c.id = p.column_id
          WHERE a.year = $1 AND p.status <> 'cancelled' AND ${where}`,
        params,
      );
      for (const row of rows) factsOf(row.projectId).investment = { planYuan: row.planYuan, completedYuan: row.completedYuan };
    }
    if (rules.problemRuleEnabled) {
      // Open as the ledger counts it (COORDINATION_PROBLEM_OPEN_STATES: 新增, 协调中, 已解决 awaiting 销号), raised by asOf.
      const params: unknown[] = [asOf, COORDINATION_PROBLEM_OPEN_STATES];
      const where = portfolioConditions(filter, params);
      const rows: Array<{ projectId: string; raised: string[] }> = await manager.query(
        `SELECT q.project_id AS "projectId", array_agg(to_char(q.raised_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS raised
           FROM coordination_problems q
           JOIN projects p ON p.id = q.project_id
           JOIN plan_columns c ON c.id = p.column_id
          WHERE q.state = ANY($2::varchar[]) AND (q.raised_at AT TIME ZONE 'Asia/Shanghai')::date <= $1::date
            AND p.status <> 'cancelled' AND ${where}
          GROUP BY q.project_id`,
        params,
      );
      for (const row of rows) factsOf(row.projectId).problems = { openRaisedDates: row.raised };
    }
    return facts;
  }

  /** Lights up already loaded projects (one pass over the open milestones). */
  assessLoaded(
    projects: readonly PortfolioProject[],
    open: readonly OpenMilestone[],
    counts: ReadonlyMap<string, MilestoneCounts>,
    asOf: string,
    rules: WarningLightRules,
    extra: ReadonlyMap<string, ProjectExtraFacts> = new Map(),
  ): AssessedProject[] {
    const openByProject = new Map<string, OpenMilestone[]>();
    for (const milestone of open) {
      const list = openByProject.get(milestone.projectId);
      if (list) list.push(milestone);
      else openByProject.set(milestone.projectId, [milestone]);
    }
    return projects.map((project) => {
      const openMilestones = project.status === 'cancelled' ? [] : (openByProject.get(project.id) ?? []);
      const assessment = assessProjectFromPending(project, openMilestones, counts.get(project.id) ?? { due: 0, met: 0 }, asOf, rules, this.days, extra.get(project.id));
      return { ...project, assessment, openMilestones };
    });
  }

  /**
   * The portfolio (or the filtered part of it) with every project's light on asOf. Each call reads which projects
   * there are and their state versions; the lights come from the cache (AssessmentCache) for projects unchanged
   * since they were last assessed, and only the others are read in full and assessed. Inside a transaction (which
   * may see its own uncommitted writes) and for 形象进度 as of a past instant, everything is read afresh.
   * What is returned is shared with the cache: read it, do not change it (it is frozen).
   */
  async assess(asOf: string, options: AssessOptions = {}, manager: EntityManager = this.dataSource.manager): Promise<AssessedProject[]> {
    if (manager.queryRunner || options.percentAsOfInstant) return this.assessAfresh(asOf, options, manager);
    const [state, versions] = await Promise.all([this.state(manager), this.projectVersions(options, manager)]);
    const generation = this.cache.generation(asOf, this.calendar.version(), options.rules ?? state.rules);
    await generation.fill(versions, state.referenceVersion, async (ids) => {
      const read = ids.length > ASSESS_BY_ID_LIMIT ? (options.filter ?? {}) : { projectIds: ids };
      const rules = options.rules ?? state.rules;
      const [projects, open, counts, extra] = await Promise.all([
        this.projects({ filter: read, excludeCancelled: options.excludeCancelled }, manager),
        this.openMilestones(asOf, read, manager),
        this.milestoneCounts(asOf, read, manager),
        this.extraFacts(asOf, rules, read, manager),
      ]);
      return this.assessLoaded(projects, open, counts, asOf, rules, extra);
    });
    return generation.read(versions);
  }

  /**
   * Lights for projects the caller has just read in full (a page of a list reads them, their state versions and
   * the portfolio state in its own query): cached where unchanged, else their milestones are read and assessed.
   */
  async assessCurrent(asOf: string, state: PortfolioState, current: readonly CurrentProject[]): Promise<AssessedProject[]> {
    const generation = this.cache.generation(asOf, this.calendar.version(), state.rules);
    const byId = new Map(current.map(({ project }) => [project.id, project]));
    const versions = current.map(({ project, stateVersion }) => ({ id: project.id, stateVersion }));
    await generation.fill(versions, state.referenceVersion, async (ids) => {
      const read = { projectIds: ids };
      const [open, counts, extra] = await Promise.all([
        this.openMilestones(asOf, read),
        this.milestoneCounts(asOf, read),
        this.extraFacts(asOf, state.rules, read),
      ]);
      return this.assessLoaded(ids.map((id) => byId.get(id)!), open, counts, asOf, state.rules, extra);
    });
    return generation.read(versions);
  }

  /** The light rules and the reference version (departments, 专栏 and groups), read together. */
  private async state(manager: EntityManager): Promise<PortfolioState> {
    const [row]: Array<{ rules: StoredRules; referenceVersion: string }> = await manager.query(
      `SELECT ${WARNING_LIGHT_RULES_SQL} AS rules, ${PORTFOLIO_REFERENCE_VERSION_SQL} AS "referenceVersion"`,
    );
    return { rules: rulesOf(row.rules), referenceVersion: row.referenceVersion };
  }

  /** Which projects a filter selects, in portfolio order, with their state versions: two columns, no joined text. */
  private async projectVersions(options: AssessOptions, manager: EntityManager): Promise<ProjectVersion[]> {
    const params: unknown[] = [];
    const where = portfolioConditions(options.filter ?? {}, params);
    return manager.query(
      `SELECT p.id, p.state_version AS "stateVersion"
         FROM projects p
         JOIN plan_columns c ON c.id = p.column_id
         JOIN plan_groups g ON g.id = p.group_id
        WHERE ${where} ${options.excludeCancelled ? `AND p.status <> 'cancelled'` : ''}
        ORDER BY c.number, g.number, p.sort_order, p.id`,
      params,
    );
  }

  private async assessAfresh(asOf: string, options: AssessOptions, manager: EntityManager): Promise<AssessedProject[]> {
    const filter = options.filter ?? {};
    const reads = [
      () => (options.rules ? Promise.resolve(options.rules) : this.rules(manager)),
      () => this.projects(options, manager),
      () => this.openMilestones(asOf, filter, manager),
      () => this.milestoneCounts(asOf, filter, manager),
    ] as const;
    // In parallel on the pool; one after the other inside a transaction (one connection).
    const [rules, projects, open, counts] = manager.queryRunner
      ? [await reads[0](), await reads[1](), await reads[2](), await reads[3]()]
      : await Promise.all([reads[0](), reads[1](), reads[2](), reads[3]()]);
    const extra = await this.extraFacts(asOf, rules, filter, manager);
    return this.assessLoaded(projects, open, counts, asOf, rules, extra);
  }
}
