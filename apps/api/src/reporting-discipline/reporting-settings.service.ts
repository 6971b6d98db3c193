/**
 * 按时填报 settings: the default period, the weekly deadline's weekday, the
 * deadline time and the stale threshold (one row, id 1), and the period of each
 * 专栏 — one document an admin replaces under If-Match, audited in the same
 * transaction; and a project's own period (If-Match on the project's version).
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ReportingSettings } from '@app/domain';
import { REPORTING_PERIOD_LABELS, ReportingPeriodKind } from '@app/reporting';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors } from '../common/app-error';
import { expectedVersion } from '../common/etag';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { touchProjectVersion } from '../projects/project-version';
import { ProjectErrors } from '../projects/project.errors';
import {
  ColumnReportingPeriodDto,
  ProjectReportingPeriodResponse,
  ReportingSettingsResponse,
  SetProjectReportingPeriodDto,
  UpdateReportingSettingsDto,
} from './dto/reporting-settings.dto';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

@Injectable()
export class ReportingSettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async get(manager: EntityManager = this.dataSource.manager): Promise<ReportingSettingsResponse> {
    const row = (await manager.findOneBy(ReportingSettings, { id: 1 })) ?? (await manager.save(ReportingSettings, { id: 1 }));
    return toResponse(row, await this.columns(manager, row.defaultPeriod));
  }

  async update(principal: Principal, body: UpdateReportingSettingsDto, ifMatch: string | undefined): Promise<ReportingSettingsResponse> {
    const expected = expectedVersion(ifMatch, body.version);
    return this.dataSource.transaction(async (manager) => {
      const before =
        (await manager.findOne(ReportingSettings, { where: { id: 1 }, lock: { mode: 'pessimistic_write' } })) ?? (await manager.save(ReportingSettings, { id: 1 }));
      if (before.version !== expected) throw Errors.preconditionFailed(`The reporting settings are at version ${before.version}, not ${expected}; read them again`);
      const columnsBefore = await this.columns(manager, before.defaultPeriod);
      const known = new Set(columnsBefore.map((column) => column.number));
      const unknown = (body.columns ?? []).map((change, index) => ({ change, index })).filter(({ change }) => !known.has(change.number));
      if (unknown.length > 0) {
        throw Errors.validation(unknown.map(({ change, index }) => ({ field: `columns[${index}].number`, reason: `专栏 ${change.number} is not in the current plan` })));
      }
      for (const change of body.columns ?? []) {
        const current = columnsBefore.find((column) => column.number === change.number)!;
        if (current.reportingPeriod === change.reportingPeriod) continue;
        await manager.query(`UPDATE plan_columns SET reporting_period = $2 WHERE plan_id = ${CURRENT_PLAN_ID_SQL} AND number = $1`, [change.number, change.reportingPeriod]);
      }
      const after = await manager.save(ReportingSettings, {
        ...before,
        defaultPeriod: body.defaultPeriod,
        weeklyDeadlineWeekday: body.weeklyDeadlineWeekday,
        deadlineTime: body.deadlineTime,
        staleWorkingDays: body.staleWorkingDays,
        updatedByName: principal.name,
      });
      const columnsAfter = await this.columns(manager, after.defaultPeriod);
      await this.audit.record(manager, principal, {
        action: 'update',
        entityType: 'reporting_settings',
        entityId: '1',
        before: { ...before, columns: columnsBefore.map(({ number, reportingPeriod }) => ({ number, reportingPeriod })) },
        after: { ...after, columns: columnsAfter.map(({ number, reportingPeriod }) => ({ number, reportingPeriod })) },
      });
      return toResponse(after, columnsAfter);
    });
  }

  /** A project's own period (admin): If-Match with the project's version; bumps it, audited. */
  async setProjectPeriod(principal: Principal, projectId: string, body: SetProjectReportingPeriodDto, ifMatch: string | undefined): Promise<ProjectReportingPeriodResponse> {
    const expected = expectedVersion(ifMatch, body.version);
    return this.dataSource.transaction(async (manager) => {
      const [project]: Array<{ version: number; reporting_period: ReportingPeriodKind | null; column_period: ReportingPeriodKind | null }> = await manager.query(
        `SELECT p.version, p.reporting_period, c.reporting_period AS column_period
           FROM projects p JOIN plan_columns c ON c.id = p.column_id WHERE p.id = $1 FOR UPDATE OF p`,
        [projectId],
      );
      if (!project) throw ProjectErrors.notFound(projectId);
      if (project.version !== expected) throw Errors.preconditionFailed(`The project is at version ${project.version}, not ${expected}; read it again`);
      let version = project.version;
      if (project.reporting_period !== body.reportingPeriod) {
        await manager.query(`UPDATE projects SET reporting_period = $2 WHERE id = $1`, [projectId, body.reportingPeriod]);
        await touchProjectVersion(manager, projectId);
        version++;
        await this.audit.record(manager, principal, {
          action: 'update',
          entityType: 'project_reporting_period',
          entityId: projectId,
          before: { reportingPeriod: project.reporting_period },
          after: { reportingPeriod: body.reportingPeriod },
        });
      }
      const settings = await this.get(manager);
      const effectivePeriod = body.reportingPeriod ?? project.column_period ?? settings.defaultPeriod;
      return {
        projectId,
        reportingPeriod: body.reportingPeriod,
        effectivePeriod,
        source: body.reportingPeriod ? 'project' : project.column_period ? 'column' : 'default',
        version,
      };
    });
  }

  private async columns(manager: EntityManager, defaultPeriod: ReportingPeriodKind): Promise<ColumnReportingPeriodDto[]> {
    const rows: Array<{ number: number; title: string; reportingPeriod: ReportingPeriodKind | null }> = await manager.query(
      `SELECT number, title, reporting_period AS "reportingPeriod" FROM plan_columns WHERE plan_id = ${CURRENT_PLAN_ID_SQL} ORDER BY number`,
    );
    return rows.map((row) => ({ ...row, number: Number(row.number), effectivePeriod: row.reportingPeriod ?? defaultPeriod }));
  }
}

function toResponse(row: ReportingSettings, columns: ColumnReportingPeriodDto[]): ReportingSettingsResponse {
  const monthly = columns.filter((column) => column.effectivePeriod === 'month').map((column) => `专栏${column.number}`);
  const weekly = columns.filter((column) => column.effectivePeriod === 'week').map((column) => `专栏${column.number}`);
  return {
    defaultPeriod: row.defaultPeriod,
    weeklyDeadlineWeekday: row.weeklyDeadlineWeekday,
    deadlineTime: row.deadlineTime,
    staleWorkingDays: row.staleWorkingDays,
    columns,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
    text: [
      `前期、在建项目按期填报进展：默认${REPORTING_PERIOD_LABELS[row.defaultPeriod]}一次${weekly.length ? `；每周填报：${weekly.join('、')}` : ''}${monthly.length ? `；每月填报：${monthly.join('、')}` : ''}（单个项目可另行设置）。`,
      `每周填报截止时间为周${WEEKDAYS[row.weeklyDeadlineWeekday - 1]} ${row.deadlineTime}；该日为节假日的，提前到本周此前最后一个工作日；此前本周无工作日的，顺延至本周其后第一个工作日（调休上班日计入）；整周放假的不需填报。`,
      `每月填报截止时间为当月最后一个工作日 ${row.deadlineTime}。截止前填报为按时填报，截止后本期内补报为迟报，本期内未报为未报；迟报、未报均计为未按时填报。`,
      `项目超过 ${row.staleWorkingDays} 个工作日无任何更新（项目信息、节点、进展填报、投资、问题）标记为久未更新。`,
    ],
  };
}
