import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The rules of the problem ledger, one row (id = 1), edited by admins through
 * PUT /settings/coordination-problems. The migration inserts the default (5).
 */
@Entity('coordination_problem_settings')
@Check('ck_coordination_problem_settings_single_row', `"id" = 1`)
@Check('ck_coordination_problem_settings_stall_working_days', `"stall_working_days" BETWEEN 1 AND 60`)
export class CoordinationProblemSettings {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  /** A problem not moving for this many working days climbs one step (and one more after each further span). */
  @Column({ type: 'int', default: 5 })
  stallWorkingDays: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @Column({ type: 'text', nullable: true })
  updatedByName: string | null;
}
