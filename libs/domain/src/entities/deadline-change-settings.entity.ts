import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The rules of deadline changes, one row (id = 1), edited by admins through
 * PUT /settings/deadline-changes. The migration inserts the default (10).
 */
@Entity('deadline_change_settings')
@Check('ck_deadline_change_settings_single_row', `"id" = 1`)
@Check('ck_deadline_change_settings_max_working_days', `"max_working_days_without_approval" >= 0`)
export class DeadlineChangeSettings {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  /** A move of more working days than this needs the 督查室's approval (key milestones always do). */
  @Column({ type: 'int', default: 10 })
  maxWorkingDaysWithoutApproval: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @Column({ type: 'text', nullable: true })
  updatedByName: string | null;
}
