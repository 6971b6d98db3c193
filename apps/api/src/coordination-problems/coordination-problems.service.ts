import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import {
  COORDINATION_PROBLEM_EVENT_LABELS,
  COORDINATION_PROBLEM_OPEN_STATES,
  COORDINATION_PROBLEM_SEVERITY_LABELS,
  COORDINATION_PROBLEM_STATE_LABELS,
  CoordinationProblem,
  CoordinationProblemDepartment,
  CoordinationProblemEvent,
  CoordinationProblemEventPayload,
  CoordinationProblemState,
  addCalendarDays,
  DISTRICT_TIME_ZONE,
  districtDate,
  EventAudience,
  eventKey,
  EventNotificationKind,
  ProgressReport,
  ProgressReportWithdrawal,
} from '@app/domain';
import { isoWeekOf, parseIsoWeek } from '@app/reporting';
import { AuditService } from '../audit/audit.service';
import { AccessErrors } from '../access/access.errors';
import type { Principal } from '../auth/principal';
import { Errors, FieldError } from '../common/app-error';
import { expectedVersion } from '../common/etag';
import { Page } from '../common/pagination';
import { actorName } from '../deadline-changes/actor-name';
import { announceEvent } from '../inbox/announce-event';
import { CoordinationProblemErrors, ProblemStep } from './coordination-problem.errors';
import {
  CoordinatingUnitResponse,
  CoordinationProblemEventResponse,
  CoordinationProblemResponse,
  CoordinationProblemSummaryResponse,
  CoordinationProblemWeekCountsResponse,
} from './dto/coordination-problem.response';
import { CoordinationProblemFilterQuery, CoordinationProblemWeekCountsQuery, ListCoordinationProblemsQuery } from './dto/list-coordination-problems.query';
import { AcceptCoordinationProblemDto, CommentStepDto, ReasonStepDto } from './dto/problem-steps.dto';
import { ProblemFieldsDto, RaiseCoordinationProblemDto, RaiseFromProgressReportDto } from './dto/raise-coordination-problem.dto';
import { availableSteps, mayTakeStep, problemScopeSql, STEP_FROM_STATES } from './problem-access';
import { OPEN_STATES_SQL, ORDER_BY, PROBLEM_COLUMNS, PROBLEM_FROM, UNITS_OF_SQL, weekCountsSql } from './coordination-problem.sql';

const ENTITY_TYPE = 'coordination_problem';

/** Columns a step sets beside the state. */
interface StepColumns {
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  closedById?: string | null;
  suspendedFromState?: CoordinationProblemState | null;
}

const STEP_COLUMN_NAMES: Record<keyof StepColumns, string> = {
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  closedById: 'closed_by_id',
  suspendedFromState: 'suspended_from_state',
};

/** 问题编号: year and sequence, e.g. 2026-0012. */
export function formatProblemNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(4, '0')}`;
}

interface ProblemRow {
  id: string;
  year: number;
  sequence: number;
  project_id: string;
  project_name: string;
  raising_department_id: string;
  raising_name: string;
  lead_official: string | null;
  lead_official_user_id: string | null;
  type_code: string;
  type_name: string;
  title: string;
  need: string;
  needed_by_date: string;
  severity: CoordinationProblem['severity'];
  state: CoordinationProblemState;
  suspended_from_state: CoordinationProblemState | null;
  progress_report_id: string | null;
  raised_by_id: string;
  raised_by_name: string;
  raised_at: Date;
  last_moved_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  closed_by_id: string | null;
  closed_by_name: string | null;
  version: number;
  climb_step: number;
}

interface UnitRow {
  problem_id: string;
  department_id: string;
  name: string;
  position: number;
  measure: string | null;
  measure_date: string | null;
  accepted_at: Date | null;
  accepted_by_name: string | null;
}

/**
 * 问题台账: problems a unit cannot solve alone. A unit's editor (or the 督查室) raises one on a project — or turns a
 * progress report's 需协调事项 into one — naming the coordinating departments; a coordinating department accepts it
 * with its measure (协调中); the unit claims it solved (已解决); the 督查室 closes it (销号) or returns it; it can be
 * suspended (挂起) with a reason and resumed. Every step locks the problem row, checks the caller and the state it
 * finds there, and writes the change, an event, an audit row and the notification in one transaction.
 */
@Injectable()
export class CoordinationProblemsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  async raise(principal: Principal, dto: RaiseCoordinationProblemDto): Promise<CoordinationProblemResponse> {
    const id = await this.dataSource.transaction(async (manager) => {
      const project = await this.projectForRaise(manager, principal, dto.projectId, 'projectId', 400);
      return this.insertProblem(manager, principal, project, dto, { title: dto.title.trim(), need: dto.need.trim(), progressReportId: null });
    });
    return this.findOne(principal, id);
  }

  /** 转为问题: one call turns a progress report's 需协调事项 into a problem, linked both ways. */
  async raiseFromReport(principal: Principal, projectId: string, reportId: string, dto: RaiseFromProgressReportDto): Promise<CoordinationProblemResponse> {
    const id = await this.dataSource.transaction(async (manager) => {
      const report = await manager.findOneBy(ProgressReport, { id: reportId });
      if (!report || report.projectId !== projectId) throw CoordinationProblemErrors.progressReportNotFound(reportId);
      const project = await this.projectForRaise(manager, principal, projectId, 'projectId', 404);
      if (await manager.existsBy(ProgressReportWithdrawal, { reportId })) throw CoordinationProblemErrors.reportWithdrawn(reportId);
      const need = (dto.need ?? report.coordinationNeeds ?? '').trim();
      if (need === '') {
        throw Errors.validation([{ field: 'need', reason: 'the report has no 需协调事项; say what is needed in need' }]);
      }
      const title = dto.title?.trim() || firstLine(need);
      return this.insertProblem(manager, principal, project, dto, { title, need, progressReportId: reportId });
    });
    return this.findOne(principal, id);
  }

  async list(principal: Principal, query: ListCoordinationProblemsQuery): Promise<Page<CoordinationProblemSummaryResponse>> {
    const params: unknown[] = [];
    const where = this.filterSql(principal, query, params);
    const manager = this.dataSource.manager;
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM coordination_problems cp JOIN projects p ON p.id = cp.project_id ${where}`, params);
    params.push(query.pageSize, (query.page - 1) * query.pageSize);
    const rows: ProblemRow[] = await manager.query(
      `SELECT ${PROBLEM_COLUMNS} FROM ${PROBLEM_FROM} ${where} ORDER BY ${ORDER_BY[query.sort]} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    const units = await this.unitsOf(manager, rows.map((row) => row.id));
    const today = this.clock.today();
    return Page.of(
      rows.map((row) => this.toSummary(row, units.get(row.id) ?? [], today)),
      total,
      query,
    );
  }

  /** The week's 新增 / 推进中 / 已销号 over the same filters as the list. */
  async weekCounts(principal: Principal, query: CoordinationProblemWeekCountsQuery): Promise<CoordinationProblemWeekCountsResponse> {
    const today = this.clock.today();
    const week = query.week ? parseIsoWeek(query.week) : isoWeekOf(today);
    if (!week) throw Errors.validation([{ field: 'week', reason: `${query.week} is not a week of its year` }]);
    const params: unknown[] = [];
    const where = this.filterSql(principal, query, params);
    params.push(week.start, addCalendarDays(week.end, 1), DISTRICT_TIME_ZONE, today < week.end ? today : week.end);
    const n = params.length;
    const [row] = await this.dataSource.query(weekCountsSql(where, n), params);
    return {
      week: week.name,
      weekStart: week.start,
      weekEnd: week.end,
      raised: row.raised,
      inProgress: row.in_progress,
      closed: row.closed,
      suspended: row.suspended,
      overdue: row.overdue,
    };
  }

  async findOne(principal: Principal, id: string): Promise<CoordinationProblemResponse> {
    const manager = this.dataSource.manager;
    const params: unknown[] = [id];
    const scope = problemScopeSql(principal, params);
    const [row]: ProblemRow[] = await manager.query(
      `SELECT ${PROBLEM_COLUMNS} FROM ${PROBLEM_FROM} WHERE cp.id = $1 ${scope ? `AND ${scope}` : ''}`,
      params,
    );
    if (!row) {
      if (await manager.existsBy(CoordinationProblem, { id })) throw AccessErrors.outOfScope(principal.role, 'this problem');
      throw CoordinationProblemErrors.notFound(id);
    }
    const units = (await this.unitsOf(manager, [id])).get(id) ?? [];
    const events: Array<CoordinationProblemEvent & { department_name: string | null }> = await manager
      .getRepository(CoordinationProblemEvent)
      .createQueryBuilder('event')
      .leftJoin('departments', 'department', 'department.id = event.departmentId')
      .addSelect('department.name', 'department_name')
      .where('event.problemId = :id', { id })
      .orderBy('event.occurredAt', 'ASC')
      .addOrderBy('event.id', 'ASC')
      .getRawAndEntities()
      .then(({ raw, entities }) => entities.map((event, i) => Object.assign(event, { department_name: raw[i].department_name as string | null })));
    const report = row.progress_report_id ? await manager.findOneBy(ProgressReport, { id: row.progress_report_id }) : null;
    const summary = this.toSummary(row, units, this.clock.today());
    return {
      ...summary,
      progressReport: report
        ? { id: report.id, period: report.period, coordinationNeeds: report.coordinationNeeds, createdAt: report.createdAt.toISOString() }
        : null,
      events: events.map((event) => this.toEvent(event)),
      actions: availableSteps(principal, {
        state: row.state,
        raisingDepartmentId: row.raising_department_id,
        coordinatingUnitIds: units.map((unit) => unit.department_id),
      }),
    };
  }

  /** 受理: a coordinating department states its measure and date; the problem is 协调中 from the first acceptance. */
  async accept(principal: Principal, id: string, dto: AcceptCoordinationProblemDto, ifMatch?: string): Promise<CoordinationProblemResponse> {
    const today = this.clock.today();
    if (dto.measureDate < today) throw Errors.validation([{ field: 'measureDate', reason: `measureDate must not be before today (${today})` }]);
    await this.step(principal, id, 'accept', ifMatch, dto.version, async (manager, problem, units) => {
      const departmentId = principal.role === 'admin' ? dto.departmentId : principal.departmentId;
      if (!departmentId) throw Errors.validation([{ field: 'departmentId', reason: 'an admin accepts for a coordinating department: name it in departmentId' }]);
      if (!units.includes(departmentId)) {
        throw Errors.validation([{ field: 'departmentId', reason: 'not a coordinating department of this problem' }]);
      }
      const now = this.clock.now();
      const measure = dto.measure.trim();
      await manager.update(
        CoordinationProblemDepartment,
        { problemId: id, departmentId },
        { measure, measureDate: dto.measureDate, acceptedAt: now, acceptedById: principal.id },
      );
      await this.move(manager, principal, problem, 'accepted', 'coordinating', now, { comment: measure, departmentId, payload: { measureDate: dto.measureDate } });
      await this.announce(manager, problem, 'problem_accepted', `【问题已受理】${problem.title}`, [`协调措施：${measure}`, `承诺完成：${dto.measureDate}`], {
        unitIds: [problem.raisingDepartmentId],
      });
    });
    return this.findOne(principal, id);
  }

  /** 申报已解决: the raising unit says it is solved; the 督查室 then closes or returns it. */
  async claim(principal: Principal, id: string, dto: CommentStepDto, ifMatch?: string): Promise<CoordinationProblemResponse> {
    await this.step(principal, id, 'claim', ifMatch, dto.version, async (manager, problem) => {
      const now = this.clock.now();
      const comment = dto.comment?.trim() || null;
      await this.move(manager, principal, problem, 'claimed', 'resolved', now, { comment, departmentId: principal.departmentId, columns: { resolvedAt: now } });
      await this.announce(manager, problem, 'problem_claimed', `【问题申报已解决，待销号】${problem.title}`, comment ? [`说明：${comment}`] : [], {
        supervisors: true,
      });
    });
    return this.findOne(principal, id);
  }

  /** 销号 by the 督查室. */
  async close(principal: Principal, id: string, dto: CommentStepDto, ifMatch?: string): Promise<CoordinationProblemResponse> {
    await this.step(principal, id, 'close', ifMatch, dto.version, async (manager, problem, units) => {
      const now = this.clock.now();
      const comment = dto.comment?.trim() || null;
      await this.move(manager, principal, problem, 'closed', 'closed', now, { comment, columns: { closedAt: now, closedById: principal.id } });
      await this.announce(manager, problem, 'problem_closed', `【问题已销号】${problem.title}`, comment ? [`意见：${comment}`] : [], {
        unitIds: [problem.raisingDepartmentId, ...units],
      });
    });
    return this.findOne(principal, id);
  }

  /** 退回: the 督查室 does not accept the claim; back to 协调中 (or 新增 when no department accepted yet). */
  async sendBack(principal: Principal, id: string, dto: ReasonStepDto, ifMatch?: string): Promise<CoordinationProblemResponse> {
    await this.step(principal, id, 'return', ifMatch, dto.version, async (manager, problem, units) => {
      const now = this.clock.now();
      const [{ accepted }] = await manager.query(
        `SELECT EXISTS (SELECT 1 FROM coordination_problem_departments WHERE problem_id = $1 AND accepted_at IS NOT NULL) AS accepted`,
        [id],
      );
      const comment = dto.comment.trim();
      await this.move(manager, principal, problem, 'returned', accepted ? 'coordinating' : 'new', now, { comment, columns: { resolvedAt: null } });
      await this.announce(manager, problem, 'problem_returned', `【问题销号被退回】${problem.title}`, [`退回意见：${comment}`], {
        unitIds: [problem.raisingDepartmentId, ...units],
      });
    });
    return this.findOne(principal, id);
  }

  /** 挂起 with a reason: it stops climbing until resumed. */
  async suspend(principal: Principal, id: string, dto: ReasonStepDto, ifMatch?: string): Promise<CoordinationProblemResponse> {
    await this.step(principal, id, 'suspend', ifMatch, dto.version, async (manager, problem) => {
      const now = this.clock.now();
      await this.move(manager, principal, problem, 'suspended', 'suspended', now, {
        comment: dto.comment.trim(),
        departmentId: principal.departmentId,
        columns: { suspendedFromState: problem.state },
      });
    });
    return this.findOne(principal, id);
  }

  /** 恢复: back to the state it was suspended from; the climb counts again from now. */
  async resume(principal: Principal, id: string, dto: CommentStepDto, ifMatch?: string): Promise<CoordinationProblemResponse> {
    await this.step(principal, id, 'resume', ifMatch, dto.version, async (manager, problem) => {
      const now = this.clock.now();
      const to = problem.suspendedFromState ?? 'new';
      await this.move(manager, principal, problem, 'resumed', to, now, {
        comment: dto.comment?.trim() || null,
        departmentId: principal.departmentId,
        columns: { suspendedFromState: null },
      });
    });
    return this.findOne(principal, id);
  }

  /**
   * One step on the locked problem row: 404 outside the caller's scope, 412 on a stale version, 403 when the step is
   * not the caller's, 409 when the state does not allow it. Whoever comes second waits for the first to commit and
   * then sees its state.
   */
  private async step(
    principal: Principal,
    id: string,
    step: ProblemStep,
    ifMatch: string | undefined,
    bodyVersion: number | undefined,
    work: (manager: EntityManager, problem: CoordinationProblem, coordinatingUnitIds: string[]) => Promise<void>,
  ): Promise<void> {
    const expected = expectedVersion(ifMatch, bodyVersion);
    await this.dataSource.transaction(async (manager) => {
      const problem = await manager.findOne(CoordinationProblem, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!problem) throw CoordinationProblemErrors.notFound(id);
      if (!(await this.maySee(manager, principal, id))) throw AccessErrors.outOfScope(principal.role, 'this problem');
      const units = (
        await manager.find(CoordinationProblemDepartment, { where: { problemId: id }, select: { departmentId: true }, order: { position: 'ASC' } })
      ).map((unit) => unit.departmentId);
      if (!mayTakeStep(principal, step, { ...problem, coordinatingUnitIds: units })) throw CoordinationProblemErrors.notYours(notYoursReason(step));
      if (expected !== problem.version) throw CoordinationProblemErrors.staleVersion(expected, problem.version);
      if (!STEP_FROM_STATES[step].includes(problem.state)) throw CoordinationProblemErrors.wrongState(step, problem.state, STEP_FROM_STATES[step]);
      await work(manager, problem, units);
    });
  }

  /** Writes the new state (bumping the version and last_moved_at), the event and the audit row. */
  private async move(
    manager: EntityManager,
    principal: Principal,
    problem: CoordinationProblem,
    type: CoordinationProblemEvent['type'],
    to: CoordinationProblemState,
    now: Date,
    details: { comment?: string | null; departmentId?: string | null; payload?: CoordinationProblemEventPayload; columns?: StepColumns },
  ): Promise<void> {
    // One statement, so the checks that tie state to closed_at and suspended_from_state hold at every step.
    const columns: StepColumns = { ...details.columns };
    const names = Object.keys(columns) as Array<keyof StepColumns>;
    await manager.query(
      `UPDATE coordination_problems SET state = $2, last_moved_at = $3, version = version + 1, updated_at = now()${names
        .map((name, i) => `, ${STEP_COLUMN_NAMES[name]} = $${i + 4}`)
        .join('')} WHERE id = $1`,
      [problem.id, to, now, ...names.map((name) => columns[name])],
    );
    await manager.insert(CoordinationProblemEvent, {
      problemId: problem.id,
      type,
      fromState: problem.state,
      toState: to,
      actorId: principal.kind === 'user' ? principal.id : null,
      actorName: await actorName(manager, principal),
      departmentId: details.departmentId ?? null,
      occurredAt: now,
      comment: details.comment ?? null,
      payload: details.payload ?? {},
    });
    const after = await manager.findOneByOrFail(CoordinationProblem, { id: problem.id });
    await this.audit.record(manager, principal, {
      action: type,
      entityType: ENTITY_TYPE,
      entityId: problem.id,
      before: problem,
      after: { ...after, comment: details.comment ?? null, departmentId: details.departmentId ?? null, ...details.payload },
    });
  }

  private async insertProblem(
    manager: EntityManager,
    principal: Principal,
    project: { id: string; name: string; ownerDepartmentId: string },
    dto: ProblemFieldsDto,
    text: { title: string; need: string; progressReportId: string | null },
  ): Promise<string> {
    const today = this.clock.today();
    await this.checkFields(manager, dto, project.ownerDepartmentId, today);
    const year = Number(today.slice(0, 4));
    const sequence = await this.nextSequence(manager, year);
    const now = this.clock.now();
    const problem = await manager.save(
      manager.create(CoordinationProblem, {
        year,
        sequence,
        projectId: project.id,
        raisingDepartmentId: project.ownerDepartmentId,
        typeCode: dto.typeCode,
        title: text.title,
        need: text.need,
        neededByDate: dto.neededByDate,
        severity: dto.severity ?? 'general',
        state: 'new',
        suspendedFromState: null,
        progressReportId: text.progressReportId,
        raisedById: principal.id,
        raisedAt: now,
        lastMovedAt: now,
        resolvedAt: null,
        closedAt: null,
        closedById: null,
      }),
    );
    const units = dto.coordinatingUnitIds.map((departmentId, position) => ({ problemId: problem.id, departmentId, position }));
    await manager.insert(CoordinationProblemDepartment, units);
    const payload: CoordinationProblemEventPayload = text.progressReportId ? { progressReportId: text.progressReportId } : {};
    await manager.insert(CoordinationProblemEvent, {
      problemId: problem.id,
      type: 'raised',
      fromState: null,
      toState: 'new',
      actorId: principal.id,
      actorName: await actorName(manager, principal),
      departmentId: principal.departmentId,
      occurredAt: now,
      comment: null,
      payload,
    });
    await this.audit.record(manager, principal, {
      action: 'create',
      entityType: ENTITY_TYPE,
      entityId: problem.id,
      after: { ...problem, coordinatingUnitIds: dto.coordinatingUnitIds },
    });
    await this.announce(
      manager,
      problem,
      'problem_raised',
      `【待协调问题】${problem.title}`,
      [`需协调事项：${problem.need}`, `需解决时限：${problem.neededByDate}`],
      { unitIds: dto.coordinatingUnitIds },
    );
    return problem.id;
  }

  /**
   * The project a problem is raised on: its owner unit raises it. An editor raises only on their own unit's
   * projects (403 otherwise); the 督查室 and admins on any. `missing` says how an unknown project answers: 400
   * naming the body's field, or 404 when it is in the path.
   */
  private async projectForRaise(
    manager: EntityManager,
    principal: Principal,
    projectId: string,
    field: string,
    missing: 400 | 404,
  ): Promise<{ id: string; name: string; ownerDepartmentId: string }> {
    const [project]: Array<{ id: string; name: string; owner_department_id: string | null; status: string }> = await manager.query(
      `SELECT id, name, owner_department_id, status FROM projects WHERE id = $1`,
      [projectId],
    );
    if (!project) {
      if (missing === 404) throw Errors.notFound('project', projectId);
      throw Errors.validation([{ field, reason: 'no project with this id' }]);
    }
    if (principal.role === 'department_editor' && project.owner_department_id !== principal.departmentId) {
      throw AccessErrors.notOwnDepartment('this project');
    }
    if (project.owner_department_id === null) {
      throw Errors.validation([{ field, reason: 'the project has no owner unit (责任单位) to raise the problem for; assign one first' }]);
    }
    if (project.status === 'cancelled') throw Errors.validation([{ field, reason: 'the project is cancelled (取消)' }]);
    return { id: project.id, name: project.name, ownerDepartmentId: project.owner_department_id };
  }

  private async checkFields(manager: EntityManager, dto: ProblemFieldsDto, raisingDepartmentId: string, today: string): Promise<void> {
    const problems: FieldError[] = [];
    const [type]: Array<{ is_active: boolean }> = await manager.query(`SELECT is_active FROM problem_types WHERE code = $1`, [dto.typeCode]);
    if (!type) problems.push({ field: 'typeCode', reason: 'no problem type with this code (GET /problem-types)' });
    else if (!type.is_active) problems.push({ field: 'typeCode', reason: 'this problem type is retired; choose another' });
    if (dto.neededByDate < today) problems.push({ field: 'neededByDate', reason: `neededByDate must not be before today (${today})` });
    const known: Array<{ id: string }> = await manager.query(`SELECT id FROM departments WHERE id = ANY($1::uuid[])`, [dto.coordinatingUnitIds]);
    const knownIds = new Set(known.map((row) => row.id));
    dto.coordinatingUnitIds.forEach((unitId, i) => {
      if (!knownIds.has(unitId)) problems.push({ field: `coordinatingUnitIds[${i}]`, reason: 'no department with this id' });
      else if (unitId === raisingDepartmentId) {
        problems.push({ field: `coordinatingUnitIds[${i}]`, reason: 'the raising unit itself cannot be a coordinating department' });
      }
    });
    if (problems.length > 0) throw Errors.validation(problems);
  }

  /** A transaction-scoped advisory lock per year serialises numbering; the unique (year, sequence) is the backstop. */
  private async nextSequence(manager: EntityManager, year: number): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('coordination_problems.sequence'), $1)`, [year]);
    const [row]: Array<{ next: number }> = await manager.query(
      `SELECT COALESCE(MAX(sequence), 0) + 1 AS next FROM coordination_problems WHERE year = $1`,
      [year],
    );
    return Number(row.next);
  }

  private async maySee(manager: EntityManager, principal: Principal, id: string): Promise<boolean> {
    const params: unknown[] = [id];
    const scope = problemScopeSql(principal, params);
    if (!scope) return true;
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM coordination_problems cp JOIN projects p ON p.id = cp.project_id WHERE cp.id = $1 AND ${scope}) AS yes`,
      params,
    );
    return row.yes === true;
  }

  /** The list's filters and the caller's scope as a WHERE over cp and p. */
  private filterSql(principal: Principal, query: CoordinationProblemFilterQuery, params: unknown[]): string {
    const conditions: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const scope = problemScopeSql(principal, params);
    if (scope) conditions.push(scope);
    if (query.projectId) conditions.push(`cp.project_id = ${param(query.projectId)}`);
    if (query.raisingUnit) conditions.push(`cp.raising_department_id = ${param(query.raisingUnit)}`);
    if (query.coordinatingUnit) {
      conditions.push(
        `EXISTS (SELECT 1 FROM coordination_problem_departments f_cd WHERE f_cd.problem_id = cp.id AND f_cd.department_id = ${param(query.coordinatingUnit)})`,
      );
    }
    if (query.type) conditions.push(`cp.type_code = ${param(query.type)}`);
    if (query.state && query.state.length > 0) conditions.push(`cp.state = ANY(${param(query.state)}::varchar[])`);
    if (query.severity) conditions.push(`cp.severity = ${param(query.severity)}`);
    if (query.leadOfficialUserId) conditions.push(`p.lead_official_user_id = ${param(query.leadOfficialUserId)}`);
    if (query.overdue) conditions.push(`cp.state IN ${OPEN_STATES_SQL} AND cp.needed_by_date < ${param(this.clock.today())}`);
    if (query.mine) {
      if (principal.kind !== 'user') throw Errors.validation([{ field: 'mine', reason: 'mine=true needs a signed-in user, not an API key' }]);
      const me = param(principal.id);
      conditions.push(
        principal.departmentId
          ? `(p.lead_official_user_id = ${me} OR cp.raising_department_id = ${param(principal.departmentId)}
              OR EXISTS (SELECT 1 FROM coordination_problem_departments m_cd WHERE m_cd.problem_id = cp.id AND m_cd.department_id = $${params.length}))`
          : `p.lead_official_user_id = ${me}`,
      );
    }
    return conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  }

  private async unitsOf(manager: EntityManager, problemIds: string[]): Promise<Map<string, UnitRow[]>> {
    const byProblem = new Map<string, UnitRow[]>();
    if (problemIds.length === 0) return byProblem;
    const rows: UnitRow[] = await manager.query(UNITS_OF_SQL, [problemIds]);
    for (const row of rows) byProblem.set(row.problem_id, [...(byProblem.get(row.problem_id) ?? []), row]);
    return byProblem;
  }

  /** Tells the people a step concerns (outbox, same transaction); the key holds the version before the step. */
  private async announce(
    manager: EntityManager,
    problem: CoordinationProblem,
    kind: EventNotificationKind,
    title: string,
    lines: string[],
    audience: EventAudience,
  ): Promise<void> {
    const [row] = await manager.query(
      `SELECT p.name AS project_name, d.name AS unit_name FROM projects p JOIN departments d ON d.id = $2 WHERE p.id = $1`,
      [problem.projectId, problem.raisingDepartmentId],
    );
    await announceEvent(manager, ENTITY_TYPE, problem.id, {
      eventKey: eventKey(kind, problem.id, problem.version),
      kind,
      title,
      text: [`问题编号：${formatProblemNumber(problem.year, problem.sequence)}`, `项目：${row?.project_name ?? ''}`, `提出单位：${row?.unit_name ?? ''}`, ...lines].join(
        '\n',
      ),
      path: `/problems/${problem.id}`,
      projectId: problem.projectId,
      milestoneId: null,
      audience,
    });
  }

  private toSummary(row: ProblemRow, units: UnitRow[], today: string): CoordinationProblemSummaryResponse {
    const open = COORDINATION_PROBLEM_OPEN_STATES.includes(row.state);
    const units_: CoordinatingUnitResponse[] = units.map((unit, i) => ({
      id: unit.department_id,
      name: unit.name,
      lead: i === 0,
      measure: unit.measure,
      measureDate: unit.measure_date,
      acceptedAt: unit.accepted_at?.toISOString() ?? null,
      acceptedByName: unit.accepted_by_name,
    }));
    return {
      id: row.id,
      number: formatProblemNumber(row.year, row.sequence),
      project: { id: row.project_id, name: row.project_name },
      raisingUnit: { id: row.raising_department_id, name: row.raising_name },
      leadOfficial: { name: row.lead_official, userId: row.lead_official_user_id },
      type: { code: row.type_code, name: row.type_name },
      title: row.title,
      need: row.need,
      neededByDate: row.needed_by_date,
      neededByOverdue: open && row.needed_by_date < today,
      severity: row.severity,
      severityLabel: COORDINATION_PROBLEM_SEVERITY_LABELS[row.severity],
      state: row.state,
      stateLabel: COORDINATION_PROBLEM_STATE_LABELS[row.state],
      suspendedFromState: row.suspended_from_state,
      coordinatingUnits: units_,
      progressReportId: row.progress_report_id,
      raisedBy: { id: row.raised_by_id, name: row.raised_by_name },
      raisedAt: row.raised_at.toISOString(),
      lastMovedAt: row.last_moved_at.toISOString(),
      workingDaysSinceMove: open ? Math.max(0, this.calendar.workingDaysBetween(districtDate(row.last_moved_at), today)) : null,
      climbStep: open ? row.climb_step : 0,
      resolvedAt: row.resolved_at?.toISOString() ?? null,
      closedAt: row.closed_at?.toISOString() ?? null,
      closedBy: row.closed_by_id ? { id: row.closed_by_id, name: row.closed_by_name ?? '' } : null,
      version: row.version,
    };
  }

  private toEvent(event: CoordinationProblemEvent & { department_name: string | null }): CoordinationProblemEventResponse {
    const response: CoordinationProblemEventResponse = {
      id: event.id,
      type: event.type,
      typeLabel: COORDINATION_PROBLEM_EVENT_LABELS[event.type],
      fromState: event.fromState,
      toState: event.toState,
      actor: { id: event.actorId, name: event.actorName },
      department: event.departmentId ? { id: event.departmentId, name: event.department_name ?? '' } : null,
      at: event.occurredAt.toISOString(),
      comment: event.comment,
    };
    if (event.payload.measureDate) response.measureDate = event.payload.measureDate;
    if (event.payload.step !== undefined) response.step = event.payload.step;
    if (event.payload.workingDaysStalled !== undefined) response.workingDaysStalled = event.payload.workingDaysStalled;
    return response;
  }
}

function notYoursReason(step: ProblemStep): string {
  switch (step) {
    case 'accept':
      return "Only an editor of one of the problem's coordinating departments (or an admin) accepts it";
    case 'claim':
      return 'Only an editor of the raising unit (or an admin) claims the problem solved';
    case 'close':
    case 'return':
      return 'Only the 督查室 (supervisors) or an admin closes or returns a problem';
    case 'suspend':
    case 'resume':
      return 'Only the 督查室, an admin or the raising unit suspends or resumes a problem';
  }
}

/** The first line of a text, at most 60 characters: a problem's title when the report gives only its 需协调事项. */
function firstLine(text: string): string {
  const line = text.split(/\r?\n/).find((part) => part.trim() !== '')?.trim() ?? text.trim();
  const chars = [...line];
  return chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : line;
}
