/**
 * Excel import (台账导入, 月报导入): file checks → sheet → plan (import-*.plan.ts) →
 * apply. A dry run writes nothing but its import record; a real run writes in one
 * transaction either every planned change (all-or-nothing, the default: none when a
 * row is rejected) or the valid rows only (valid-rows). Every change is audited as the
 * importing user with the import's id (`importId` in the audit row's after), and a
 * file imported twice plans nothing the second time. Bad files are a 400 before
 * anything is written.
 */
import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/calendar';
import { AppConfig } from '@app/config';
import { IMPORT_KINDS, IMPORT_MODES, ImportKind, ImportMode, ImportRun } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors, FieldError } from '../common/app-error';
import { CURRENT_PLAN_ID_SQL } from '../plan/current-plan';
import { touchProjectVersion } from '../projects/project-version';
import { ImportReportRow, ImportSummary, summarize } from './import-report';
import { readImportSheet } from './import-sheet';
import { ImportErrors } from './import.errors';
import { planMonthlyImport } from './monthly-import.plan';
import { ExistingProject, planProjectImport, ProjectLookups, ProjectOperation } from './project-import.plan';
import { checkXlsxFile } from './xlsx-file-check';

export interface ImportUpload {
  file: Buffer;
  fileName: string;
  fields: Record<string, string>;
}

export interface ImportResult {
  importId: string;
  kind: ImportKind;
  mode: ImportMode;
  dryRun: boolean;
  /** Whether the changes were written (false: dry run, or all-or-nothing with a rejected row). */
  applied: boolean;
  fileName: string;
  summary: ImportSummary;
  rows: ImportReportRow[];
}

const EXISTING_PROJECTS_SQL = `SELECT p.id, p.project_code, p.name, c.number AS column_number, g.number AS group_number, p.column_id, p.group_id,
       p.owner_department_id, p.kind, p.attributes, p.status, p.lead_official, p.location, p.planned_start_date, p.planned_end_date,
       p.total_investment_yuan, p.description, p.version
  FROM projects p JOIN plan_columns c ON c.id = p.column_id JOIN plan_groups g ON g.id = p.group_id`;

@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async run(principal: Principal, upload: ImportUpload): Promise<ImportResult> {
    if (principal.kind !== 'user' || (principal.role !== 'admin' && principal.role !== 'department_editor')) throw ImportErrors.forbidden();
    const { kind, dryRun, mode } = parseFields(upload.fields);
    const sheets = checkXlsxFile(upload.file, this.config.IMPORT_MAX_UNCOMPRESSED_BYTES);
    const rows = await readImportSheet(upload.file, kind, this.config.IMPORT_MAX_ROWS, sheets);
    const fileSha256 = createHash('sha256').update(upload.file).digest('hex');

    return this.dataSource.transaction(async (manager) => {
      // One import at a time: the plan is made from what the database holds, and applied before anyone else plans.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kpt-import'))`);
      const importId: string = (await manager.query(`SELECT gen_random_uuid() AS id`))[0].id;
      let report: ImportReportRow[];
      let apply: (manager: EntityManager, rows: Set<number>) => Promise<void>;
      if (kind === 'projects') {
        const lookups = await this.projectLookups(manager);
        const plan = planProjectImport(rows, lookups, principal);
        report = plan.report;
        apply = (m, valid) => this.applyProjects(m, principal, importId, plan.operations.filter((op) => valid.has(op.row)));
      } else {
        const projects: ExistingProject[] = await manager.query(EXISTING_PROJECTS_SQL);
        const monthlyRows: Array<{ project_id: string; month: string; amount_yuan: string }> = await manager.query(
          `SELECT project_id, month, amount_yuan FROM project_monthly_investments`,
        );
        const monthly = new Map(monthlyRows.map((row) => [`${row.project_id}:${row.month}`, row.amount_yuan]));
        const plan = planMonthlyImport(rows, projects, monthly, principal, this.clock.today().slice(0, 7));
        report = plan.report;
        apply = async (m, valid) => {
          for (const op of plan.operations.filter((o) => valid.has(o.row))) {
            await m.query(
              `INSERT INTO project_monthly_investments (project_id, month, amount_yuan) VALUES ($1, $2, $3)
               ON CONFLICT (project_id, month) DO UPDATE SET amount_yuan = EXCLUDED.amount_yuan, updated_at = now()`,
              [op.projectId, op.month, op.amountYuan],
            );
            await touchProjectVersion(m, op.projectId);
            await this.audit.record(m, principal, {
              action: op.previousYuan === null ? 'create' : 'update',
              entityType: 'monthly_investment',
              entityId: `${op.projectId}:${op.month}`,
              before: op.previousYuan === null ? null : { projectId: op.projectId, month: op.month, amountYuan: op.previousYuan },
              after: { projectId: op.projectId, month: op.month, amountYuan: op.amountYuan, importId },
            });
          }
        };
      }
      const summary = summarize(report);
      const applied = !dryRun && (mode === 'valid-rows' || summary.rejected === 0);
      if (applied) await apply(manager, new Set(report.filter((row) => row.action === 'create' || row.action === 'update').map((row) => row.row)));
      await manager.insert(ImportRun, {
        id: importId,
        kind,
        mode,
        dryRun,
        applied,
        fileName: upload.fileName,
        fileSha256,
        actorId: principal.id,
        actorName: principal.name,
        summary: { ...summary },
        report,
      });
      return { importId, kind, mode, dryRun, applied, fileName: upload.fileName, summary, rows: report };
    });
  }

  /** A stored import's report, for its importer or an admin. */
  async find(principal: Principal, id: string): Promise<ImportRun> {
    const run = await this.dataSource.getRepository(ImportRun).findOneBy({ id });
    if (!run || (principal.role !== 'admin' && run.actorId !== principal.id)) throw ImportErrors.notFound(id);
    return run;
  }

  private async projectLookups(manager: EntityManager): Promise<ProjectLookups> {
    const columns: Array<{ id: string; number: number; title: string }> = await manager.query(
      `SELECT c.id, c.number, c.title FROM plan_columns c WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL}`,
    );
    const groups: Array<{ id: string; column: number; number: number; title: string }> = await manager.query(
      `SELECT g.id, c.number AS column, g.number, g.title FROM plan_groups g JOIN plan_columns c ON c.id = g.column_id
        WHERE c.plan_id = ${CURRENT_PLAN_ID_SQL}`,
    );
    const departments: Array<{ id: string; name: string }> = await manager.query(`SELECT id, name FROM departments`);
    return {
      columns: new Map(columns.map((c) => [c.number, { id: c.id, title: c.title }])),
      groups: new Map(groups.map((g) => [`${g.column}.${g.number}`, { id: g.id, title: g.title }])),
      departmentsByName: new Map(departments.map((d) => [d.name, d.id])),
      departmentNames: new Map(departments.map((d) => [d.id, d.name])),
      projects: await manager.query(EXISTING_PROJECTS_SQL),
    };
  }

  private async applyProjects(manager: EntityManager, principal: Principal, importId: string, operations: ProjectOperation[]): Promise<void> {
    for (const op of operations) {
      const columns = Object.keys(op.values).filter((key) => (op.values as Record<string, unknown>)[key] !== undefined);
      const params = columns.map((key) => {
        const value = (op.values as Record<string, unknown>)[key];
        return key === 'attributes' ? JSON.stringify(value) : value;
      });
      if (op.type === 'create') {
        const [created] = await manager.query(
          `INSERT INTO projects (${columns.join(', ')}, sort_order)
           VALUES (${columns.map((key, i) => (key === 'attributes' ? `$${i + 1}::jsonb` : `$${i + 1}`)).join(', ')},
                   (SELECT coalesce(max(sort_order), 0) + 1 FROM projects WHERE group_id = $${columns.indexOf('group_id') + 1}))
           RETURNING *`,
          params,
        );
        await this.audit.record(manager, principal, { action: 'create', entityType: 'project', entityId: created.id, before: null, after: { ...created, importId } });
        continue;
      }
      const [before] = await manager.query(`SELECT * FROM projects WHERE id = $1 FOR UPDATE`, [op.projectId]);
      if (!before || before.version !== op.version) {
        throw Errors.conflict('IMPORT_CONCURRENT_CHANGE', `A project of row ${op.row} changed while the import ran; import the file again`);
      }
      const sets = columns.map((key, i) => `${key} = $${i + 2}${key === 'attributes' ? '::jsonb' : ''}`);
      const [[after]] = await manager.query(
        `UPDATE projects SET ${sets.join(', ')}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [op.projectId, ...params],
      );
      await this.audit.record(manager, principal, {
        action: op.values.status !== undefined ? 'status_change' : 'update',
        entityType: 'project',
        entityId: op.projectId,
        before,
        after: { ...after, importId },
      });
    }
  }
}

function parseFields(fields: Record<string, string>): { kind: ImportKind; dryRun: boolean; mode: ImportMode } {
  const errors: FieldError[] = [];
  const kind = fields.kind as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) errors.push({ field: 'kind', reason: `kind must be one of ${IMPORT_KINDS.join(', ')}` });
  const dryRunText = fields.dryRun ?? 'false';
  if (dryRunText !== 'true' && dryRunText !== 'false') errors.push({ field: 'dryRun', reason: 'dryRun must be true or false' });
  const mode = (fields.mode ?? 'all-or-nothing') as ImportMode;
  if (!IMPORT_MODES.includes(mode)) errors.push({ field: 'mode', reason: `mode must be one of ${IMPORT_MODES.join(', ')}` });
  if (errors.length > 0) throw ImportErrors.invalidFields(errors);
  return { kind, dryRun: dryRunText === 'true', mode };
}
