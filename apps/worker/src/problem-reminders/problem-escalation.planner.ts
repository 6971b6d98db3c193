import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import { districtDate } from '@app/domain';
import { resolveDepartmentRecipients } from '../external-channels/department-recipients';
import { DailyPlanCounts, DailyReminderPlanner, DailyReminderPlanners } from '../reminder-delivery/daily-reminder-planners';
import { ReminderChannelRegistry } from '../reminder-delivery/reminder-channel.registry';
import { PlannedOccurrence, ReminderPlanWriter } from '../reminder-delivery/reminder-plan-writer';
import { keyedRecipients } from '../reminder-delivery/reminder-recipients';
import { ProblemReminderTrack } from './problem-reminder.track';

const PAGE = 500;
const STEPS = [1, 2, 3] as const;

interface OpenProblem {
  id: string;
  state: string;
  last_moved_at: Date;
  lead_official_user_id: string | null;
}

/**
 * The climb (催办升级) of the 问题台账, a planner in the daily reminder scan: a problem that has not moved for N
 * working days (coordination_problem_settings, official calendar) reaches step 1, the coordinating departments'
 * editors and robots; after 2N step 2, the project's lead official; after 3N step 3, the 督查室. Each step is
 * planned under the identity problem-<id>-step-<n>-<the working day it fell due>-<recipient>, so a scan run twice,
 * by two workers, after a crash or days late plans it once; each reached step also leaves one 'escalated' event
 * in the problem's history (unique per problem, step and last move). A move (any step of the flow) starts again.
 */
@Injectable()
export class ProblemEscalationPlanner implements DailyReminderPlanner, OnModuleInit {
  readonly name = 'problem-escalation';
  private readonly logger = new Logger(ProblemEscalationPlanner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly planners: DailyReminderPlanners,
    private readonly writer: ReminderPlanWriter,
    private readonly track: ProblemReminderTrack,
    private readonly channels: ReminderChannelRegistry,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.planners.register(this);
  }

  async planDay(today: string): Promise<DailyPlanCounts> {
    const counts: DailyPlanCounts = { reminders: 0, enqueued: 0, failed: 0 };
    const [settings] = await this.dataSource.query(`SELECT stall_working_days FROM coordination_problem_settings WHERE id = 1`);
    const span = Number(settings?.stall_working_days ?? 5);
    const supervisors: string[] = (
      await this.dataSource.query(`SELECT id FROM users WHERE role = 'supervisor' AND is_active ORDER BY id`)
    ).map((row: { id: string }) => row.id);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page: OpenProblem[] = await this.dataSource.query(
        `SELECT cp.id, cp.state, cp.last_moved_at, p.lead_official_user_id
           FROM coordination_problems cp JOIN projects p ON p.id = cp.project_id
          WHERE cp.state IN ('new', 'coordinating', 'resolved') AND cp.id > $1
          ORDER BY cp.id LIMIT ${PAGE}`,
        [after],
      );
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      for (const problem of page) {
        try {
          const planned = await this.planProblem(problem, today, span, supervisors);
          counts.reminders += planned.reminders;
          counts.enqueued += planned.enqueued;
        } catch (error) {
          counts.failed++;
          this.logger.error({ err: error, problemId: problem.id }, `problem climb of ${today}: problem ${problem.id} failed`);
        }
      }
      if (page.length < PAGE) break;
    }
    return counts;
  }

  private async planProblem(problem: OpenProblem, today: string, span: number, supervisors: string[]): Promise<{ reminders: number; enqueued: number }> {
    const movedOn = districtDate(problem.last_moved_at);
    const stalled = this.calendar.workingDaysBetween(movedOn, today);
    const result = { reminders: 0, enqueued: 0 };
    for (const step of STEPS) {
      if (stalled < step * span) break;
      // The working day the step fell due: the identity's date, the same on every later scan.
      const dueOn = this.calendar.addWorkingDays(movedOn, step * span);
      const occurrences = await this.occurrences(problem, step, dueOn, step * span, supervisors);
      const planned = await this.writer.write(this.track, occurrences);
      result.reminders += planned.reminders;
      result.enqueued += planned.enqueued;
      await this.dataSource.query(
        `INSERT INTO coordination_problem_events (problem_id, type, from_state, to_state, actor_id, actor_name, occurred_at, payload)
         VALUES ($1, 'escalated', $2, $2, NULL, '系统催办', $3, $4::jsonb)
         ON CONFLICT DO NOTHING`,
        [problem.id, problem.state, this.clock.now(), JSON.stringify({ step, workingDaysStalled: step * span, movedAt: problem.last_moved_at.toISOString() })],
      );
    }
    return result;
  }

  private async occurrences(problem: OpenProblem, step: 1 | 2 | 3, dueOn: string, workingDaysLate: number, supervisors: string[]): Promise<PlannedOccurrence[]> {
    const base = {
      subjectId: problem.id,
      rule: `step-${step}`,
      kind: 'problem_escalation',
      occurrenceDate: dueOn,
      workingDaysLate,
      escalationLevel: (step - 1) as 0 | 1 | 2,
    };
    const columns = { problem_id: problem.id, step, moved_at: problem.last_moved_at.toISOString(), department_id: null };
    if (step === 1) {
      const units: Array<{ department_id: string; editors: string[] | null }> = await this.dataSource.query(
        `SELECT cd.department_id, array_agg(u.id ORDER BY u.id) FILTER (WHERE u.id IS NOT NULL) AS editors
           FROM coordination_problem_departments cd
           LEFT JOIN users u ON u.department_id = cd.department_id AND u.role = 'department_editor' AND u.is_active
          WHERE cd.problem_id = $1 GROUP BY cd.department_id, cd.position ORDER BY cd.position`,
        [problem.id],
      );
      const occurrences: PlannedOccurrence[] = [];
      for (const unit of units) {
        const robots = await resolveDepartmentRecipients(this.dataSource.manager, unit.department_id, { kind: 'problem_escalation', escalationLevel: 0 });
        occurrences.push({ ...base, recipients: keyedRecipients(unit.editors ?? [], robots, this.channels), columns: { ...columns, department_id: unit.department_id } });
      }
      return occurrences;
    }
    // Step 2 the lead official's account (none linked: nobody at this step; step 3 follows), step 3 every active supervisor.
    const users = step === 2 ? (problem.lead_official_user_id ? await this.activeUsers([problem.lead_official_user_id]) : []) : supervisors;
    return [{ ...base, recipients: keyedRecipients(users, [], this.channels), columns }];
  }

  private async activeUsers(ids: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(`SELECT id FROM users WHERE id = ANY($1::uuid[]) AND is_active`, [ids]);
    return rows.map((row) => row.id);
  }
}
