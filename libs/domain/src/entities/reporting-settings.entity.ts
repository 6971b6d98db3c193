import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * 按时填报 settings, one row (id = 1) the admin edits with If-Match: the default
 * reporting period (每周 / 每月; a 专栏 or a project may differ — plan_columns and
 * projects .reporting_period), the weekly deadline's weekday and the time of day
 * of every deadline (Asia/Shanghai), and after how many working days without any
 * update a project counts as stale (久未更新). The rules are in libs/reporting
 * (reporting-discipline/).
 */
@Entity('reporting_settings')
@Check('ck_reporting_settings_single_row', `"id" = 1`)
@Check('ck_reporting_settings_default_period', `"default_period" IN ('week', 'month')`)
@Check('ck_reporting_settings_weekday', `"weekly_deadline_weekday" BETWEEN 1 AND 7`)
@Check('ck_reporting_settings_deadline_time', `"deadline_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`)
@Check('ck_reporting_settings_stale', `"stale_working_days" BETWEEN 1 AND 250`)
export class ReportingSettings {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ type: 'varchar', length: 8, default: 'week' })
  defaultPeriod: 'week' | 'month';

  /** 1 = Monday … 7 = Sunday (default 5, Friday). */
  @Column({ type: 'smallint', default: 5 })
  weeklyDeadlineWeekday: number;

  /** 'HH:MM' (default '17:00'). */
  @Column({ type: 'char', length: 5, default: '17:00' })
  deadlineTime: string;

  @Column({ type: 'int', default: 10 })
  staleWorkingDays: number;

  @VersionColumn({ default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'text', nullable: true })
  updatedByName: string | null;
}
