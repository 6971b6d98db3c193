import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditWriter } from '@app/database';
import { WeeklyReportBuildSource } from '@app/domain';
import { IsoWeek } from '../iso-week';
import { contentHash } from './canonical-json';
import { WeeklyReportBuilder } from './weekly-report.builder';

/** A stored week without its content. */
export interface WeeklyReportMeta {
  isoWeek: string;
  weekStart: string;
  weekEnd: string;
  builtAt: Date;
  contentHash: string;
  revision: number;
  buildSource: WeeklyReportBuildSource;
  builtBy: string;
}

export interface BuildOutcome {
  report: WeeklyReportMeta;
  /** built: stored now; existing: it was already stored and is returned as is; rebuilt / unchanged: an explicit rebuild. */
  outcome: 'built' | 'existing' | 'rebuilt' | 'unchanged';
}

export interface BuildRequest {
  source: WeeklyReportBuildSource;
  builtBy: string;
  /** Whom the build's audit row names: the person who asked, or systemActor('worker'). */
  actor: AuditActor;
}

const META_COLUMNS = `iso_week AS "isoWeek", week_start AS "weekStart", week_end AS "weekEnd", built_at AS "builtAt",
  content_hash AS "contentHash", revision, build_source AS "buildSource", built_by AS "builtBy"`;

/**
 * The weekly_reports table: snapshots are built once and then only read. A
 * second build of a stored week returns the stored one (also when the worker
 * and a person ask at the same moment: INSERT … ON CONFLICT DO NOTHING);
 * only `rebuild` replaces it, raising `revision`, and only when the content
 * actually changed.
 */
@Injectable()
export class WeeklyReportStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly builder: WeeklyReportBuilder,
    private readonly audit: AuditWriter,
  ) {}

  async find(isoWeek: string): Promise<WeeklyReportMeta | null> {
    const [row] = await this.dataSource.query(`SELECT ${META_COLUMNS} FROM weekly_reports WHERE iso_week = $1`, [isoWeek]);
    return row ? toMeta(row) : null;
  }

  /** The most recent stored week (ISO week names sort in time order). */
  async latest(): Promise<WeeklyReportMeta | null> {
    const [row] = await this.dataSource.query(`SELECT ${META_COLUMNS} FROM weekly_reports ORDER BY iso_week DESC LIMIT 1`);
    return row ? toMeta(row) : null;
  }

  async list(limit: number, offset: number): Promise<{ items: WeeklyReportMeta[]; total: number }> {
    const [rows, [count]] = await Promise.all([
      this.dataSource.query(`SELECT ${META_COLUMNS} FROM weekly_reports ORDER BY iso_week DESC LIMIT $1 OFFSET $2`, [limit, offset]),
      this.dataSource.query(`SELECT count(*)::int AS total FROM weekly_reports`),
    ]);
    return { items: rows.map(toMeta), total: count.total };
  }

  /** The stored content as JSON text (Postgres jsonb's key order), with the hash it was stored under. */
  async contentText(isoWeek: string): Promise<{ contentHash: string; text: string } | null> {
    const [row] = await this.dataSource.query(`SELECT content_hash AS "contentHash", content::text AS text FROM weekly_reports WHERE iso_week = $1`, [isoWeek]);
    return row ?? null;
  }

  /** Builds and stores the week unless it is stored already, in which case the stored one is returned untouched. */
  async buildOnce(week: IsoWeek, request: BuildRequest): Promise<BuildOutcome> {
    const existing = await this.find(week.name);
    if (existing) return { report: existing, outcome: 'existing' };
    try {
      return await this.insertBuilt(week, request);
    } catch (error) {
      // Built concurrently by someone else (the worker, another request): theirs stands. In REPEATABLE READ a
      // conflicting row committed after our snapshot surfaces as a serialization failure rather than DO NOTHING.
      const code = (error as { code?: string }).code;
      const stored = code === '40001' || code === '23505' ? await this.find(week.name) : null;
      if (stored) return { report: stored, outcome: 'existing' };
      throw error;
    }
  }

  private insertBuilt(week: IsoWeek, request: BuildRequest): Promise<BuildOutcome> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const content = await this.builder.buildWith(manager, week);
      const hash = contentHash(content);
      const [inserted] = await manager.query(
        `INSERT INTO weekly_reports (iso_week, week_start, week_end, built_at, content, content_hash, revision, build_source, built_by)
         VALUES ($1, $2, $3, now(), $4, $5, 1, $6, $7)
         ON CONFLICT (iso_week) DO NOTHING
         RETURNING ${META_COLUMNS}`,
        [week.name, week.start, week.end, JSON.stringify(content), hash, request.source, request.builtBy],
      );
      if (!inserted) {
        // Stored between our check and our insert: theirs stands (read outside our snapshot, where it is visible).
        return { report: (await this.find(week.name))!, outcome: 'existing' as const };
      }
      const report = toMeta(inserted);
      await this.recordBuild(manager, request, 'build', week.name, null, report);
      return { report, outcome: 'built' as const };
    });
  }

  /**
   * An explicit rebuild (admin, ?rebuild=true): recomputes the week from today's
   * data "as of" its Sunday. Stores it as the next revision only if the content
   * differs; an unstored week is simply built.
   */
  async rebuild(week: IsoWeek, request: BuildRequest): Promise<BuildOutcome> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [locked] = await manager.query(`SELECT ${META_COLUMNS} FROM weekly_reports WHERE iso_week = $1 FOR UPDATE`, [week.name]);
      if (!locked) {
        const content = await this.builder.buildWith(manager, week);
        const [inserted] = await manager.query(
          `INSERT INTO weekly_reports (iso_week, week_start, week_end, built_at, content, content_hash, revision, build_source, built_by)
           VALUES ($1, $2, $3, now(), $4, $5, 1, $6, $7) RETURNING ${META_COLUMNS}`,
          [week.name, week.start, week.end, JSON.stringify(content), contentHash(content), request.source, request.builtBy],
        );
        const report = toMeta(inserted);
        await this.recordBuild(manager, request, 'build', week.name, null, report);
        return { report, outcome: 'built' as const };
      }
      const before = toMeta(locked);
      const content = await this.builder.buildWith(manager, week);
      const hash = contentHash(content);
      if (hash === before.contentHash) return { report: before, outcome: 'unchanged' as const };
      // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
      const [[updated]] = await manager.query(
        `UPDATE weekly_reports
            SET content = $2, content_hash = $3, revision = revision + 1, built_at = now(), build_source = 'rebuild', built_by = $4
          WHERE iso_week = $1
        RETURNING ${META_COLUMNS}`,
        [week.name, JSON.stringify(content), hash, request.builtBy],
      );
      const report = toMeta(updated);
      await this.recordBuild(manager, request, 'rebuild', week.name, before, report);
      return { report, outcome: 'rebuilt' as const };
    });
  }

  private recordBuild(manager: EntityManager, request: BuildRequest, action: 'build' | 'rebuild', isoWeek: string, before: WeeklyReportMeta | null, after: WeeklyReportMeta) {
    return this.audit.record(manager, request.actor, { action, entityType: 'weekly_report', entityId: isoWeek, before: before && auditView(before), after: auditView(after) });
  }
}

function toMeta(row: Record<string, unknown>): WeeklyReportMeta {
  return {
    isoWeek: row.isoWeek as string,
    weekStart: row.weekStart as string,
    weekEnd: row.weekEnd as string,
    builtAt: new Date(row.builtAt as string | Date),
    contentHash: String(row.contentHash),
    revision: Number(row.revision),
    buildSource: row.buildSource as WeeklyReportBuildSource,
    builtBy: row.builtBy as string,
  };
}

function auditView(report: WeeklyReportMeta): object {
  return { isoWeek: report.isoWeek, contentHash: report.contentHash, revision: report.revision, builtAt: report.builtAt.toISOString(), buildSource: report.buildSource };
}
