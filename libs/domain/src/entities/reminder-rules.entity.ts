import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * 催办规则: when the worker reminds owner units of their milestones, and when it
 * escalates. One row (id 1), created by the migration with the defaults below
 * and edited by the admin through PUT /api/v1/reminder-rules. Counts are in
 * working days of the official calendar (调休 included).
 */
@Entity('reminder_rules')
@Check('ck_reminder_rules_single_row', `"id" = 1`)
@Check('ck_reminder_rules_send_at', `"send_at" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`)
@Check('ck_reminder_rules_overdue_repeat_every', `"overdue_repeat_every" >= 1`)
@Check('ck_reminder_rules_escalation_order', `"escalate_lead_after" >= 1 AND "escalate_supervisor_after" >= "escalate_lead_after"`)
export class ReminderRules {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  /** Working days before the planned date on which a due-soon reminder goes out, e.g. {5,3,1}. */
  @Column({ type: 'int', array: true, default: () => `'{5,3,1}'` })
  dueSoonOffsets: number[];

  /** A reminder on the due day itself. */
  @Column({ type: 'boolean', default: true })
  onDueDay: boolean;

  /** Overdue reminders on the first working day late, then every this many working days. */
  @Column({ type: 'int', default: 3 })
  overdueRepeatEvery: number;

  /** From this many working days late, the project's lead official (包联领导) is reminded too (E1). */
  @Column({ type: 'int', default: 5 })
  escalateLeadAfter: number;

  /** From this many working days late, the 督查室 is reminded too (E2). */
  @Column({ type: 'int', default: 10 })
  escalateSupervisorAfter: number;

  /** Local time (Asia/Shanghai) of the daily scan on working days, 'HH:MM'. */
  @Column({ type: 'varchar', length: 5, default: '08:30' })
  sendAt: string;

  @VersionColumn({ default: 1 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** The rules as the worker reads them. */
export type ReminderRuleSet = Pick<
  ReminderRules,
  'dueSoonOffsets' | 'onDueDay' | 'overdueRepeatEvery' | 'escalateLeadAfter' | 'escalateSupervisorAfter' | 'sendAt'
>;

export const DEFAULT_REMINDER_RULES: ReminderRuleSet = {
  dueSoonOffsets: [5, 3, 1],
  onDueDay: true,
  overdueRepeatEvery: 3,
  escalateLeadAfter: 5,
  escalateSupervisorAfter: 10,
  sendAt: '08:30',
};

/** Outbox aggregate id of the (single) rules row: outbox_events.aggregate_id is a uuid. */
export const REMINDER_RULES_AGGREGATE_ID = '00000000-0000-0000-0000-000000000001';
