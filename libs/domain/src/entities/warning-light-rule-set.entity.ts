import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * 红黄绿灯规则: the thresholds of the warning lights, one row (id = 1) that the
 * admin edits. Counted in working days (工作日, with 调休) and percentage points.
 * The rules themselves live in libs/reporting (warning-lights/); this row only
 * holds the numbers they use.
 */
@Entity('warning_light_rules')
@Check('ck_warning_light_rules_single_row', `"id" = 1`)
@Check('ck_warning_light_rules_due_soon', `"due_soon_working_days" >= 0 AND "due_soon_working_days" <= 60`)
@Check('ck_warning_light_rules_baseline_slip', `"baseline_slip_working_days" >= 0 AND "baseline_slip_working_days" <= 250`)
@Check('ck_warning_light_rules_progress_lag', `"progress_lag_points" >= 0 AND "progress_lag_points" <= 100`)
@Check('ck_warning_light_rules_start', `"start_yellow_working_days" >= 0 AND "start_red_working_days" >= "start_yellow_working_days" AND "start_red_working_days" <= 250`)
@Check('ck_warning_light_rules_investment', `"investment_yellow_points" >= 0 AND "investment_red_points" >= "investment_yellow_points" AND "investment_red_points" <= 100`)
@Check('ck_warning_light_rules_problem', `"problem_yellow_working_days" >= 0 AND "problem_red_working_days" >= "problem_yellow_working_days" AND "problem_red_working_days" <= 250`)
export class WarningLightRuleSet {
  @PrimaryColumn({ type: 'smallint' })
  id: number;

  /** Yellow when a pending milestone is due within this many working days (N). */
  @Column({ type: 'int', default: 5 })
  dueSoonWorkingDays: number;

  /** Yellow when a pending milestone's planned date is more than this many working days after its baseline (M). */
  @Column({ type: 'int', default: 10 })
  baselineSlipWorkingDays: number;

  /** Yellow when physical progress lags the time-proportional progress (序时进度) by more than this many points (P). */
  @Column({ type: 'int', default: 15 })
  progressLagPoints: number;

  /** 开工 rule: 谋划/前期 projects past their planned start; yellow beyond the first count of working days, red beyond the second. */
  @Column({ type: 'boolean', default: false })
  startRuleEnabled: boolean;

  @Column({ type: 'int', default: 0 })
  startYellowWorkingDays: number;

  @Column({ type: 'int', default: 10 })
  startRedWorkingDays: number;

  /** Investment rule: completed investment behind M/12 of the year's plan at the month's end by more than these points. */
  @Column({ type: 'boolean', default: false })
  investmentRuleEnabled: boolean;

  @Column({ type: 'int', default: 10 })
  investmentYellowPoints: number;

  @Column({ type: 'int', default: 20 })
  investmentRedPoints: number;

  /** Open-problems rule: an open coordination problem (问题台账) raised more than these working days ago. */
  @Column({ type: 'boolean', default: false })
  problemRuleEnabled: boolean;

  @Column({ type: 'int', default: 5 })
  problemYellowWorkingDays: number;

  @Column({ type: 'int', default: 10 })
  problemRedWorkingDays: number;

  @VersionColumn({ default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /** Who last changed the thresholds (username), null for the defaults of the migration. */
  @Column({ type: 'text', nullable: true })
  updatedByName: string | null;
}
