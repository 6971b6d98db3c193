/**
 * The OC4IDS export: the portfolio (or one project) as an OC4IDS 0.9.5 project
 * package. The whole-portfolio package is streamed: the envelope is written first,
 * then the projects page by page (keyset over the plan order, pageSize at a time,
 * with their milestones and investment figures read per page), so memory holds one
 * page whatever the size of the portfolio. All pages are read in one REPEATABLE READ,
 * READ ONLY transaction: the package is one consistent snapshot, and its
 * publishedDate (read first) is the last change of exactly what it contains.
 */
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import { PROJECT_PLACE_SQL } from '@app/reporting';
import { ProjectSearchService } from '../projects/project-search.service';
import type { ExportProjectsQuery } from './dto/export-projects.query';
import {
  OC4IDS_VERSION,
  Oc4idsAmountRow,
  Oc4idsAttachmentRow,
  Oc4idsMilestoneRow,
  Oc4idsProjectRow,
  PUBLISHER_NAME,
  toOc4idsProject,
} from './oc4ids-mapping';
import { Oc4idsErrors } from './oc4ids.errors';



/** The latest change of a project or of anything that belongs to it. */
const LAST_CHANGE_SQL = `GREATEST(
    p.updated_at,
    (SELECT max(m.updated_at) FROM milestones m WHERE m.project_id = p.id),
    (SELECT max(x.updated_at) FROM project_monthly_investments x WHERE x.project_id = p.id),
    (SELECT max(r.created_at) FROM progress_reports r WHERE r.project_id = p.id),
    (SELECT max(GREATEST(a.uploaded_at, a.withdrawn_at)) FROM attachments a WHERE a.project_id = p.id))`;

const PROJECT_SELECT_SQL = `SELECT p.id, p.name, p.description, p.kind, p.status, p.planned_start_date, p.planned_end_date,
       p.total_investment_yuan, d.id AS owner_id, d.name AS owner_name, ${LAST_CHANGE_SQL} AS last_change,
       c.number AS column_number, g.number AS group_number, p.sort_order
  FROM ${PROJECT_PLACE_SQL}`;

type PageRow = Oc4idsProjectRow & { column_number: number; group_number: number; sort_order: number };

@Injectable()
export class Oc4idsExportService {
  /** Projects per page of the stream (a test lowers it to cross page boundaries with a small portfolio). */
  pageSize = 500;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: ProjectSearchService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The package of every project matching the filters, as a stream of JSON text.
   * Fails (404) before anything is streamed when no project matches.
   */
  async portfolioPackage(query: ExportProjectsQuery, requestUrl: string): Promise<Readable> {
    const { where, params } = this.search.filters(query, undefined, undefined, query.stale === undefined ? undefined : await this.search.staleCutoff());
    const runner = await this.snapshot();
    try {
      const [summary]: Array<{ projects: number; last_change: Date | null }> = await runner.query(
        `SELECT count(*)::int AS projects, max(${LAST_CHANGE_SQL}) AS last_change FROM projects p ${where}`,
        params,
      );
      if (summary.projects === 0) throw Oc4idsErrors.noProjects();
      const envelope = this.envelope(requestUrl, summary.last_change!);
      return Readable.from(this.chunks(runner, envelope, where, params), { objectMode: false });
    } catch (error) {
      await this.release(runner);
      throw error;
    }
  }

  /** The package of one project. */
  async projectPackage(id: string, requestUrl: string): Promise<Record<string, unknown>> {
    const runner = await this.snapshot();
    try {
      const rows: PageRow[] = await runner.query(`${PROJECT_SELECT_SQL} WHERE p.id = $1`, [id]);
      if (rows.length === 0) throw Oc4idsErrors.projectNotFound(id);
      const [project] = await this.mapPage(runner, rows);
      return { ...this.envelope(requestUrl, rows[0].last_change), projects: [project] };
    } finally {
      await this.release(runner);
    }
  }

  private envelope(requestUrl: string, lastChange: Date) {
    return {
      uri: new URL(requestUrl, this.config.PUBLIC_BASE_URL).toString(),
      publisher: { name: PUBLISHER_NAME },
      publishedDate: lastChange.toISOString(),
      version: OC4IDS_VERSION,
    };
  }

  private async *chunks(runner: QueryRunner, envelope: object, where: string, params: unknown[]): AsyncGenerator<string> {
    try {
      const head = JSON.stringify(envelope);
      yield `${head.slice(0, -1)},"projects":[`;
      let after: PageRow | null = null;
      let first = true;
      for (;;) {
        const keyset: string = after
          ? `${where ? `${where} AND` : 'WHERE'} (c.number, g.number, p.sort_order, p.id) > ($${params.length + 1}, $${params.length + 2}, $${params.length + 3}, $${params.length + 4})`
          : where;
        const pageParams: unknown[] = after ? [...params, after.column_number, after.group_number, after.sort_order, after.id] : params;
        const rows: PageRow[] = await runner.query(
          `${PROJECT_SELECT_SQL} ${keyset} ORDER BY c.number, g.number, p.sort_order, p.id LIMIT ${this.pageSize}`,
          pageParams,
        );
        if (rows.length === 0) break;
        let text = '';
        for (const project of await this.mapPage(runner, rows)) {
          text += (first ? '' : ',') + JSON.stringify(project);
          first = false;
        }
        yield text;
        if (rows.length < this.pageSize) break;
        after = rows[rows.length - 1];
      }
      yield ']}';
    } finally {
      // Also when the client goes away mid-stream: destroying the stream returns the generator.
      await this.release(runner);
    }
  }

  private async mapPage(runner: QueryRunner, rows: PageRow[]): Promise<Array<Record<string, unknown>>> {
    const ids = rows.map((row) => row.id);
    const milestones: Oc4idsMilestoneRow[] = await runner.query(
      `SELECT id, project_id, kind, name, baseline_date, planned_date, actual_date, status, updated_at
         FROM milestones WHERE project_id = ANY($1::uuid[]) AND status <> 'removed' ORDER BY project_id, planned_date, created_at, id`,
      [ids],
    );
    const annualPlans: Oc4idsAmountRow[] = await runner.query(
      `SELECT project_id, year::text AS period, amount_yuan FROM project_annual_plans WHERE project_id = ANY($1::uuid[]) ORDER BY project_id, year`,
      [ids],
    );
    const monthly: Oc4idsAmountRow[] = await runner.query(
      `SELECT project_id, month AS period, amount_yuan FROM project_monthly_investments WHERE project_id = ANY($1::uuid[]) ORDER BY project_id, month`,
      [ids],
    );
    // Evidence still standing, on reports not withdrawn and milestones not removed (notices' stay internal).
    const attachments: Oc4idsAttachmentRow[] = await runner.query(
      `SELECT a.id, a.project_id, a.record_type, a.file_name, a.media_type, a.uploaded_at, r.period AS report_period, m.kind AS milestone_kind, m.name AS milestone_name
         FROM attachments a
         LEFT JOIN progress_reports r ON a.record_type = 'progress_report' AND r.id = a.record_id
         LEFT JOIN milestones m ON a.record_type = 'milestone' AND m.id = a.record_id
        WHERE a.project_id = ANY($1::uuid[]) AND a.withdrawn_at IS NULL AND a.record_type IN ('progress_report', 'milestone')
          AND NOT EXISTS (SELECT 1 FROM progress_report_withdrawals w WHERE w.report_id = a.record_id)
          AND (m.id IS NULL OR m.status <> 'removed')
        ORDER BY a.project_id, a.uploaded_at, a.file_name, a.id`,
      [ids],
    );
    const group = <T extends { project_id: string }>(items: T[]) => {
      const byProject = new Map<string, T[]>();
      for (const item of items) {
        const list = byProject.get(item.project_id);
        if (list) list.push(item);
        else byProject.set(item.project_id, [item]);
      }
      return byProject;
    };
    const [milestonesOf, plansOf, monthlyOf, attachmentsOf] = [group(milestones), group(annualPlans), group(monthly), group(attachments)];
    const options = { prefix: this.config.OC4IDS_PREFIX, today: this.clock.today(), baseUrl: this.config.PUBLIC_BASE_URL };
    return rows.map((project) =>
      toOc4idsProject(
        { project, milestones: milestonesOf.get(project.id) ?? [], annualPlans: plansOf.get(project.id) ?? [], monthlyInvestments: monthlyOf.get(project.id) ?? [], attachments: attachmentsOf.get(project.id) ?? [] },
        options,
      ),
    );
  }

  private async snapshot(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner('slave');
    await runner.connect();
    try {
      await runner.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return runner;
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  private async release(runner: QueryRunner): Promise<void> {
    if (runner.isReleased) return;
    await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}
