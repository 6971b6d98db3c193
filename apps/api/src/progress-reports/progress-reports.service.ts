import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { Clock } from '@app/calendar';
import { ProgressReport, User, wanToYuan } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { PageQuery } from '../common/pagination';
import { assertMayWriteProject, findProjectOrFail } from '../milestones/project-access';
import { CreateProgressReportDto, normalizePercent } from './dto/create-progress-report.dto';
import { ProgressReportPage, ProgressReportResponse } from './dto/progress-report.response';
import { ProgressReportErrors } from './progress-report.errors';

const IDEMPOTENCY_CONSTRAINT = 'uq_progress_reports_author_id_idempotency_key';
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

  async list(projectId: string, query: PageQuery): Promise<ProgressReportPage> {
    const manager = this.dataSource.manager;
    await findProjectOrFail(manager, projectId);
    const [reports, total] = await manager.findAndCount(ProgressReport, {
      where: { projectId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: reports.map(ProgressReportResponse.from), total, page: query.page, pageSize: query.pageSize };
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
    assertMayWriteProject(principal, project);
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

function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && driverError.constraint === constraint;
}
