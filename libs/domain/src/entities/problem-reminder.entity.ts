import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { CHANNEL_KINDS, sqlList } from '../channel-kinds';
import { CoordinationProblem } from './coordination-problem.entity';
import { ReminderDeliveryColumns } from './reminder-delivery-columns';

/**
 * 问题台账催办升级 (the climb): one step of a problem that has not moved, for one recipient — step 1 the coordinating
 * departments' editors (and robots), step 2 the project's lead official, step 3 the 督查室. A planner on the reminder
 * delivery core: the id `problem-<problemId>-step-<n>-<YYYYMMDD>-<recipientKey>` (the date: the working day the step
 * fell due, counted from the last move) is also the BullMQ jobId, so each step of one stall is planned and
 * delivered once however often or late the scan runs.
 */
@Entity('problem_reminders')
@Index(['problemId', 'status'])
@Index(['occurrenceDate', 'status'])
@Index('idx_problem_reminders_recipient_attempted', ['recipientKey', 'updatedAt'], { where: `"attempts" > 0` })
@Check('ck_problem_reminders_kind', `"kind" IN ('problem_escalation')`)
@Check('ck_problem_reminders_status', `"status" IN ('queued', 'sent', 'failed', 'cancelled', 'skipped')`)
@Check('ck_problem_reminders_channel', `"channel" IN (${sqlList(CHANNEL_KINDS)})`)
@Check('ck_problem_reminders_escalation_level', `"escalation_level" BETWEEN 0 AND 2`)
@Check('ck_problem_reminders_step', `"step" BETWEEN 1 AND 3`)
export class ProblemReminder extends ReminderDeliveryColumns {
  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => CoordinationProblem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Relation<CoordinationProblem>;

  @Column({ type: 'varchar', length: 32, default: 'problem_escalation' })
  kind: 'problem_escalation';

  /** 1 coordinating departments, 2 lead official, 3 督查室. */
  @Column({ type: 'smallint' })
  step: number;

  /** The problem's last_moved_at the step was planned for: a move since makes it stale. */
  @Column({ type: 'timestamptz' })
  movedAt: Date;

  /** Step 1's robots and mailboxes: the coordinating department they belong to. */
  @Column({ type: 'uuid', nullable: true })
  departmentId: string | null;
}
