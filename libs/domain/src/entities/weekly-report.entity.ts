import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const WEEKLY_REPORT_BUILD_SOURCES = ['schedule', 'on_demand', 'rebuild'] as const;
export type WeeklyReportBuildSource = (typeof WEEKLY_REPORT_BUILD_SOURCES)[number];

/**
 * 周报: the immutable snapshot of one ISO week (Monday–Sunday, Asia/Shanghai),
 * built "as of" the Sunday from the data. Once stored it is served as is; a
 * trigger refuses deletes and any update that does not raise `revision` by
 * one (an admin's explicit rebuild), so a past week's numbers never change
 * silently.
 */
@Entity('weekly_reports')
@Unique(['isoWeek'])
@Check('ck_weekly_reports_iso_week', `"iso_week" ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'`)
@Check('ck_weekly_reports_week_span', `"week_end" = "week_start" + 6`)
@Check('ck_weekly_reports_build_source', `"build_source" IN ('schedule', 'on_demand', 'rebuild')`)
@Check('ck_weekly_reports_revision', `"revision" >= 1`)
export class WeeklyReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** ISO week, e.g. '2026-W47'. */
  @Column({ type: 'varchar', length: 8 })
  isoWeek: string;

  /** Monday of the week. */
  @Column({ type: 'date' })
  weekStart: string;

  /** Sunday of the week: the date the report is "as of". */
  @Column({ type: 'date' })
  weekEnd: string;

  @Column({ type: 'timestamptz' })
  builtAt: Date;

  /** The report itself (WeeklyReportContent of libs/reporting). */
  @Column({ type: 'jsonb', select: false })
  content: Record<string, unknown>;

  /** SHA-256 (hex) of the content's canonical JSON (keys sorted); the ETag is made from it. */
  @Column({ type: 'char', length: 64 })
  contentHash: string;

  /** 1 when first built; raised by one by each explicit rebuild. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ type: 'varchar', length: 16 })
  buildSource: WeeklyReportBuildSource;

  /** Username of whoever asked for it, or 'worker' for the Monday job. */
  @Column({ type: 'text' })
  builtBy: string;
}
