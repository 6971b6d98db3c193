import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig } from '@app/config';
import { resolveDepartmentRecipients } from '../external-channels/department-recipients';
import { recipientKey } from '../reminder-delivery/reminder-identity';
import type { ReminderMessage, ReminderRecipient } from '../reminder-delivery/reminder-message';
import { reminderRowQuery, type ReminderTrack, type SendableReminderRow, type Settlement } from '../reminder-delivery/reminder-track';

export interface ProblemReminderRow extends SendableReminderRow {
  problem_id: string;
  step: number;
  working_days_late: number;
  escalation_level: number;
  department_id: string | null;
  /** The problem as it is now (null: deleted). */
  problem_state: string | null;
  /** Its last move is still the one the step was planned for. */
  same_move: boolean | null;
  year: number | null;
  sequence: number | null;
  title: string | null;
  need: string | null;
  needed_by_date: string | null;
  project_id: string | null;
  project_name: string | null;
  raising_unit_name: string | null;
  coordinating_names: string | null;
}

/** Who each step reaches, as the message says it. */
export const STEP_AUDIENCE = ['', '协调部门', '包联领导', '督查室'];

/**
 * 问题台账催办升级 as a track of the delivery core (table `problem_reminders`, ids `problem-…`, job
 * 'send-problem-reminder'): a step holds while its problem is open and has not moved since the step was planned —
 * a step taken (受理, 申报已解决, 退回, 恢复 …), 挂起 or 销号 cancels it.
 */
@Injectable()
export class ProblemReminderTrack implements ReminderTrack<ProblemReminderRow> {
  readonly table = 'problem_reminders';
  readonly idPrefix = 'problem';
  readonly sendJob = 'send-problem-reminder' as const;

  constructor(private readonly config: AppConfig) {}

  async load(manager: EntityManager, id: string, lock: boolean): Promise<ProblemReminderRow | undefined> {
    const [row]: ProblemReminderRow[] = await manager.query(
      reminderRowQuery(
        this.table,
        `r.problem_id, r.step, r.working_days_late, r.escalation_level, r.department_id,
         cp.state AS problem_state, (cp.last_moved_at = r.moved_at) AS same_move, cp.year, cp.sequence, cp.title, cp.need, cp.needed_by_date,
         cp.project_id, p.name AS project_name, d.name AS raising_unit_name,
         (SELECT string_agg(cd_d.name, '、' ORDER BY cd.position) FROM coordination_problem_departments cd
            JOIN departments cd_d ON cd_d.id = cd.department_id WHERE cd.problem_id = cp.id) AS coordinating_names`,
        `LEFT JOIN coordination_problems cp ON cp.id = r.problem_id
         LEFT JOIN projects p ON p.id = cp.project_id
         LEFT JOIN departments d ON d.id = cp.raising_department_id`,
        lock,
      ),
      [id],
    );
    return row;
  }

  stale(row: ProblemReminderRow): Settlement | null {
    if (row.problem_state === null) return { status: 'cancelled', reason: 'problem_gone' };
    if (row.problem_state === 'closed') return { status: 'cancelled', reason: 'problem_closed' };
    if (row.problem_state === 'suspended') return { status: 'cancelled', reason: 'problem_suspended' };
    if (!row.same_move) return { status: 'cancelled', reason: 'problem_moved' };
    return null;
  }

  async message(_manager: EntityManager, row: ProblemReminderRow): Promise<ReminderMessage> {
    const number = `${row.year}-${String(row.sequence).padStart(4, '0')}`;
    const link = `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/problems/${row.problem_id}`;
    const title = `【问题催办·${STEP_AUDIENCE[row.step]}】${row.title ?? ''}`;
    const text = [
      `**${title}**`,
      `问题编号：${number}`,
      `项目：${row.project_name ?? ''}`,
      `提出单位：${row.raising_unit_name ?? ''}`,
      `协调部门：${row.coordinating_names ?? ''}`,
      `需协调事项：${row.need ?? ''}`,
      `需解决时限：${row.needed_by_date ?? ''}`,
      `已 ${row.working_days_late} 个工作日无进展（第 ${row.step} 级催办，提醒${STEP_AUDIENCE[row.step]}）`,
      `催办编号：${row.id}`,
      `[查看问题](${link})`,
    ].join('\n\n');
    return {
      reminderId: row.id,
      kind: 'problem_escalation',
      escalationLevel: row.escalation_level as 0 | 1 | 2,
      title,
      text,
      link,
      projectId: row.project_id ?? '',
      projectName: row.project_name ?? '',
      milestoneId: null,
      milestoneName: null,
      plannedDate: row.needed_by_date,
      workingDaysLate: row.working_days_late,
      ownerUnitName: row.raising_unit_name,
    };
  }

  /** Step 1's robots and mailboxes: the coordinating department's, as they are set up now. */
  async externalRecipient(manager: EntityManager, row: ProblemReminderRow, message: ReminderMessage): Promise<ReminderRecipient | null> {
    if (!row.department_id) return null;
    const current = await resolveDepartmentRecipients(manager, row.department_id, message);
    return current.find((candidate) => recipientKey(candidate) === row.recipient_key) ?? null;
  }

  /** notifications.reminder_id refers to `reminders`: the row's claim alone keeps its inbox row once. */
  notificationReminderId(): null {
    return null;
  }
}
