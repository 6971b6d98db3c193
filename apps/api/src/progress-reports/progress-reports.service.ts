import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock } from '@app/calendar';
import { isUniqueViolation } from '@app/database';
import { COORDINATION_PROBLEM_STATE_LABELS, CoordinationProblemState, ProgressReport, ProgressReportWithdrawal, User, wanToYuan } from '@app/domain';
import { actorName } from '../deadline-changes/actor-name';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { requireUnitWrite } from '../access/access';
import { findProjectOrFail } from '../projects/project-scope';
import { CreateProgressReportDto, normalizePercent } from './dto/create-progress-report.dto';
import { ProgressReportPage, ProgressReportProblemRefDto, ProgressReportResponse } from './dto/progress-report.response';
import { ListProgressReportsQuery } from './dto/list-progress-reports.query';
import { WithdrawProgressReportDto } from './dto/withdraw-progress-report.dto';
import { ProgressReportErrors } from './progress-report.errors';

const IDEMPOTENCY_CONSTRAINT = 'uq_progress_reports_author_id_idempotency_key';
/** How long the unit may withdraw a report it posted; after that only an admin. */
export const WITHDRAWAL_WINDOW_HOURS = 24;

const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

export interface FiledReport {
  report: ProgressReportResponse;
  /** True when the Idempotency-Key had already been used for this very report. */
  replayed: boolean;
}

/** A report as it will be stored, normalised (so equal requests hash equally). */
interface NormalisedReport {
  projectId: string;
  period: string;
  text: string;
  percentComplete: string | null;
  investmentCompletedYuan: string;
  problems: string | null;
  coordinationNeeds: string | null;
}

/**
 * 进展填报: departments report progress on their projects. Reports are
 * append-only; filing one also adds its investment to the month's completed
 * investment and sets the project's percent complete, all in one transaction.
 *
 * Retries are safe: with an Idempotency-Key, the same request from the same user
 * yields the same report. The unique (author_id, idempotency_key) constraint is
 * the arbiter, so two concurrent requests with one key still make one report.
 */
@Injectable()
export class ProgressReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Newest first; withdrawn reports only with includeWithdrawn=true. */
  async list(projectId: string, query: ListProgressReportsQuery): Promise<ProgressReportPage> {
    const manager = this.dataSource.manager;
    await findProjectOrFail(manager, projectId);
    const builder = manager
      .getRepository(ProgressReport)
      .createQueryBuilder('report')
      .leftJoin(ProgressReportWithdrawal, 'withdrawal', 'withdrawal.reportId = report.id')
      .where('report.projectId = :projectId', { projectId })
      .orderBy('report.createdAt', 'DESC')
      .addOrderBy('report.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize);
    if (!query.includeWithdrawn) builder.andWhere('withdrawal.reportId IS NULL');
    const [reports, total] = await builder.getManyAndCount();
    const withdrawals = reports.length
      ? await manager.findBy(ProgressReportWithdrawal, { reportId: In(reports.map((report) => report.id)) })
      : [];
    const byReport = new Map(withdrawals.map((withdrawal) => [withdrawal.reportId, withdrawal]));
    const problems = await problemsOfReports(manager, reports.map((report) => report.id));
    return {
      items: reports.map((report) => ProgressReportResponse.from(report, byReport.get(report.id) ?? null, problems.get(report.id) ?? [])),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * 撤回: the owner unit's editor within WITHDRAWAL_WINDOW_HOURS of posting, an
   * admin at any time, with a reason. The report stays (append-only) and the
   * withdrawal is a row of its own; the report's investment leaves the month's
   * completed figure and the project's percent complete falls back to the latest
   * report still standing (or, when none gives one, to what the project had
   * before this report) — each with an audit row (before/after), in one
   * transaction. The window is measured by the database's clock, which stamped
   * the report.
   */
  async withdraw(principal: Principal, projectId: string, reportId: string, dto: WithdrawProgressReportDto): Promise<ProgressReportResponse> {
    return this.dataSource.transaction(async (manager) => {
      const project = await findProjectOrFail(manager, projectId);
      requireUnitWrite(principal, project.ownerDepartmentId);
      // The project row lock orders withdrawals (and the filings that end by updating it) of one project.
      const [locked]: Array<{ percent_complete: string | null; version: number }> = await manager.query(
        `SELECT percent_complete, version FROM projects WHERE id = $1 FOR UPDATE`,
        [projectId],
      );
      const report = await manager.findOneBy(ProgressReport, { id: reportId, projectId });
      if (!report) throw ProgressReportErrors.notFound(reportId);
      const earlier = await manager.findOneBy(ProgressReportWithdrawal, { reportId });
      if (earlier) throw ProgressReportErrors.alreadyWithdrawn(earlier.withdrawnAt);
      const [{ late }]: Array<{ late: boolean }> = await manager.query(
        `SELECT now() - created_at > make_interval(hours => $2) AS late FROM progress_reports WHERE id = $1`,
        [reportId, WITHDRAWAL_WINDOW_HOURS],
      );
      if (late && principal.role !== 'admin') throw ProgressReportErrors.windowPassed(WITHDRAWAL_WINDOW_HOURS);

      if (report.investmentCompletedYuan !== '0') await this.takeBackInvestment(manager, principal, report);

      await manager.insert(ProgressReportWithdrawal, {
        reportId,
        reason: dto.reason.trim(),
        withdrawnById: principal.id,
        withdrawnByName: await actorName(manager, principal),
      });
      const withdrawal = await manager.findOneByOrFail(ProgressReportWithdrawal, { reportId });
      await this.audit.record(manager, principal, {
        action: 'withdraw',
        entityType: 'progress_report',
        entityId: reportId,
        before: { ...report, withdrawal: null },
        after: { ...report, withdrawal },
      });

      // 形象进度 as the latest report still standing says it; with none, what the project had before this report.
      // A report without a percentage leaves it alone. Either way the version moves (the representation changed).
      const percentAfter =
        report.percentComplete === null ? locked.percent_complete : ((await this.latestStandingPercent(manager, projectId)) ?? (await this.percentBeforeReport(manager, report, locked.percent_complete)));
      const [[projectAfter]]: [Array<{ percent_complete: string | null; version: number }>] = await manager.query(
        `UPDATE projects SET percent_complete = $2::numeric, version = version + 1, updated_at = now()
          WHERE id = $1
          RETURNING percent_complete, version`,
        [projectId, percentAfter],
      );
      await this.audit.record(manager, principal, {
        action: 'update',
        entityType: 'project',
        entityId: projectId,
        before: { percentComplete: locked.percent_complete, version: locked.version },
        after: { percentComplete: projectAfter.percent_complete, version: projectAfter.version, withdrawnProgressReportId: reportId },
      });
      return ProgressReportResponse.from(report, withdrawal, (await problemsOfReports(manager, [report.id])).get(report.id) ?? []);
    });
  }

  /**
   * The report's investment leaves its month. The month's figure may have been set
   * by hand (PUT …/investment/monthly/:month) below what the report brought since:
   * then nothing is taken back and the caller is told to correct the month first.
   */
  private async takeBackInvestment(manager: EntityManager, principal: Principal, report: ProgressReport): Promise<void> {
    const [month]: Array<{ amount_yuan: string }> = await manager.query(
      `SELECT amount_yuan FROM project_monthly_investments WHERE project_id = $1 AND month = $2 FOR UPDATE`,
      [report.projectId, report.period],
    );
    const before = BigInt(month?.amount_yuan ?? '0');
    const taken = BigInt(report.investmentCompletedYuan);
    if (before < taken) throw ProgressReportErrors.monthBelowReport(report.period, before.toString(), report.investmentCompletedYuan);
    const after = (before - taken).toString();
    await manager.query(`UPDATE project_monthly_investments SET amount_yuan = $3, updated_at = now() WHERE project_id = $1 AND month = $2`, [
      report.projectId,
      report.period,
      after,
    ]);
    await this.audit.record(manager, principal, {
      action: 'update',
      entityType: 'monthly_investment',
      entityId: `${report.projectId}:${report.period}`,
      before: { projectId: report.projectId, month: report.period, amountYuan: before.toString() },
      after: { projectId: report.projectId, month: report.period, amountYuan: after, withdrawnProgressReportId: report.id },
    });
  }

  private async latestStandingPercent(manager: EntityManager, projectId: string): Promise<string | null> {
    const [row]: Array<{ percent_complete: string }> = await manager.query(
      `SELECT r.percent_complete FROM progress_reports r
        WHERE r.project_id = $1 AND r.percent_complete IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM progress_report_withdrawals w WHERE w.report_id = r.id)
        ORDER BY r.created_at DESC, r.id DESC LIMIT 1`,
      [projectId],
    );
    return row?.percent_complete ?? null;
  }

  /** The percent complete the project had just before this report set it (from the audit row of its filing), else the current one. */
  private async percentBeforeReport(manager: EntityManager, report: ProgressReport, current: string | null): Promise<string | null> {
    const [row]: Array<{ percent: string | null }> = await manager.query(
      `SELECT before->>'percentComplete' AS percent FROM audit_log
        WHERE entity_type = 'project' AND entity_id = $1 AND after->>'progressReportId' = $2
        ORDER BY id LIMIT 1`,
      [report.projectId, report.id],
    );
    return row ? row.percent : current;
  }

  async file(principal: Principal, projectId: string, dto: CreateProgressReportDto, idempotencyKey: string | undefined): Promise<FiledReport> {
    const key = idempotencyKey === undefined || idempotencyKey === '' ? null : idempotencyKey;
    if (key !== null && !IDEMPOTENCY_KEY_PATTERN.test(key)) throw ProgressReportErrors.invalidIdempotencyKey();
    const currentMonth = this.clock.today().slice(0, 7);
    if (dto.period > currentMonth) throw ProgressReportErrors.periodInFuture(currentMonth);

    const report = normalise(projectId, dto);
    const requestHash = key === null ? null : hashReport(report);
    if (key !== null && requestHash !== null) {
      const earlier = await this.findByKey(this.dataSource.manager, principal.id, key);
      if (earlier) return replay(earlier, requestHash);
    }
    try {
      const created = await this.dataSource.transaction((manager) => this.insert(manager, principal, report, key, requestHash));
      return { report: ProgressReportResponse.from(created), replayed: false };
    } catch (error) {
      // A concurrent request with the same key won the race; its report is the answer.
      if (key !== null && requestHash !== null && isUniqueViolation(error, IDEMPOTENCY_CONSTRAINT)) {
        const winner = await this.findByKey(this.dataSource.manager, principal.id, key);
        if (winner) return replay(winner, requestHash);
      }
      throw error;
    }
  }

  private async insert(
    manager: EntityManager,
    principal: Principal,
    report: NormalisedReport,
    idempotencyKey: string | null,
    requestHash: string | null,
  ): Promise<ProgressReport> {
    const project = await findProjectOrFail(manager, report.projectId);
    requireUnitWrite(principal, project.ownerDepartmentId);
    const author = await manager.findOneBy(User, { id: principal.id });

    // The report first: a concurrent duplicate blocks here on the unique key and never touches the sums.
    const { identifiers } = await manager.insert(ProgressReport, {
      ...report,
      authorId: principal.id,
      authorName: author?.displayName ?? principal.name,
      idempotencyKey,
      requestHash,
    });
    const created = await manager.findOneByOrFail(ProgressReport, { id: identifiers[0].id as string });
    await this.audit.record(manager, principal, { action: 'create', entityType: 'progress_report', entityId: created.id, after: created });

    if (report.investmentCompletedYuan !== '0') {
      const [row]: Array<{ amount_yuan: string }> = await manager.query(
        `INSERT INTO project_monthly_investments (project_id, month, amount_yuan)
              VALUES ($1, $2, $3)
         ON CONFLICT (project_id, month)
           DO UPDATE SET amount_yuan = project_monthly_investments.amount_yuan + EXCLUDED.amount_yuan, updated_at = now()
           RETURNING amount_yuan`,
        [report.projectId, report.period, report.investmentCompletedYuan],
      );
      const before = (BigInt(row.amount_yuan) - BigInt(report.investmentCompletedYuan)).toString();
      await this.audit.record(manager, principal, {
        action: 'update',
        entityType: 'monthly_investment',
        entityId: `${report.projectId}:${report.period}`,
        before: { projectId: report.projectId, month: report.period, amountYuan: before },
        after: { projectId: report.projectId, month: report.period, amountYuan: row.amount_yuan, progressReportId: created.id },
      });
    }

    // The project's representation changes (progress, investment): bump its version so its ETag does too.
    const [[projectAfter]]: [Array<{ percent_complete: string | null; version: number }>] = await manager.query(
      `UPDATE projects SET percent_complete = COALESCE($2::numeric, percent_complete), version = version + 1, updated_at = now()
        WHERE id = $1
        RETURNING percent_complete, version`,
      [report.projectId, report.percentComplete],
    );
    await this.audit.record(manager, principal, {
      action: 'update',
      entityType: 'project',
      entityId: report.projectId,
      before: { percentComplete: project.percentComplete, version: project.version },
      after: { percentComplete: projectAfter.percent_complete, version: projectAfter.version, progressReportId: created.id },
    });
    return created;
  }

  private findByKey(manager: EntityManager, authorId: string, idempotencyKey: string): Promise<ProgressReport | null> {
    return manager.findOneBy(ProgressReport, { authorId, idempotencyKey });
  }
}

function normalise(projectId: string, dto: CreateProgressReportDto): NormalisedReport {
  return {
    projectId,
    period: dto.period,
    text: dto.text,
    percentComplete: dto.percentComplete === undefined ? null : normalizePercent(dto.percentComplete),
    investmentCompletedYuan: wanToYuan(dto.investmentCompletedWan ?? '0'),
    problems: dto.problems ?? null,
    coordinationNeeds: dto.coordinationNeeds ?? null,
  };
}

/** The request hash stored with a report filed under an Idempotency-Key. */
export function progressReportRequestHash(projectId: string, dto: CreateProgressReportDto): string {
  return hashReport(normalise(projectId, dto));
}

/** SHA-256 of the normalised report: '45.5' and 45.50 are the same request. */
function hashReport(report: NormalisedReport): string {
  const fields = [
    report.projectId,
    report.period,
    report.text,
    report.percentComplete,
    report.investmentCompletedYuan,
    report.problems,
    report.coordinationNeeds,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

function replay(earlier: ProgressReport, requestHash: string): FiledReport {
  if (earlier.requestHash !== requestHash) throw ProgressReportErrors.idempotencyKeyReused(earlier.id);
  return { report: ProgressReportResponse.from(earlier), replayed: true };
}

/** The problems (问题台账) raised from each report, oldest first. */
async function problemsOfReports(manager: EntityManager, reportIds: string[]): Promise<Map<string, ProgressReportProblemRefDto[]>> {
  const byReport = new Map<string, ProgressReportProblemRefDto[]>();
  if (reportIds.length === 0) return byReport;
  const rows: Array<{ id: string; report_id: string; year: number; sequence: number; title: string; state: CoordinationProblemState }> = await manager.query(
    `SELECT id, progress_report_id AS report_id, year, sequence, title, state FROM coordination_problems
      WHERE progress_report_id = ANY($1::uuid[]) ORDER BY raised_at, year, sequence`,
    [reportIds],
  );
  for (const row of rows) {
    const ref = { id: row.id, number: `${row.year}-${String(row.sequence).padStart(4, '0')}`, title: row.title, state: row.state, stateLabel: COORDINATION_PROBLEM_STATE_LABELS[row.state] };
    byReport.set(row.report_id, [...(byReport.get(row.report_id) ?? []), ref]);
  }
  return byReport;
}
