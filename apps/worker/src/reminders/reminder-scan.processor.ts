import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock, OfficeCalendarSync, WorkingDayCalendar } from '@app/calendar';
import { AppConfig } from '@app/config';
import { HandlesJob, JobHandler, JobPayloads } from '@app/queue';
import type { Job } from 'bullmq';
import { JobRunResult, JobRuns } from '../job-runs/job-runs.service';
import type { ScheduledJobDefinition } from '../job-runs/scheduled-job';
import type { ReminderRuleSet } from '@app/domain';
import { DailyPlanCounts, DailyReminderPlanners } from '../reminder-delivery/daily-reminder-planners';
import { NextYearCalendarNotifier } from './next-year-calendar.notifier';
import { DailyOccurrences, scanHorizon } from './reminder-occurrence';
import { PlannableMilestone, ReminderPlanner } from './reminder-planner';
import { ReminderRecipientResolver } from './reminder-recipients';
import { districtTimeOfDay, ReminderRulesReader } from './reminder-rules.reader';

export interface ReminderScanResult {
  status: 'done' | 'skipped';
  today: string;
  reason?: string;
  milestones?: number;
  reminders?: number;
  inserted?: number;
  enqueued?: number;
  failedBatches?: number;
  /** The daily planners on the delivery core (DailyReminderPlanners), by name; only when some are registered. */
  planners?: Record<string, DailyPlanCounts>;
  /** Planners that threw or reported failed subjects. */
  failedPlanners?: number;
}

/** Project states whose milestones are not reminded: the work is on hold or dropped. */
const QUIET_PROJECT_STATUSES = new Set(['suspended', 'cancelled']);

interface MilestonePageRow {
  milestone_id: string;
  project_id: string;
  planned_date: string;
  owner_department_id: string | null;
  lead_official_user_id: string | null;
  project_status: string;
}

/**
 * The daily reminder scan (run by the 'reminder-scan' job scheduler at the
 * configured time, Asia/Shanghai). On a day off it does nothing. On a working
 * day it reads the pending milestones planned up to the horizon (today + the
 * largest due-soon offset in working days) in keyset pages over the partial
 * index idx_milestones_open_by_planned_date — never the whole table — and plans
 * today's reminders page by page. A failing page does not stop the others; the
 * job then fails and BullMQ runs it again, which is safe: planning is idempotent.
 *
 * Each run is recorded in job_runs (JobRuns): today's scan counts as done only
 * once a run has completed; a killed or failed run is re-added by the watchdog.
 * After the milestones it runs every DailyReminderPlanner registered on the
 * delivery core (another feature's reminders), each on its own.
 */
@HandlesJob('reminder-scan')
@Injectable()
export class ReminderScanProcessor implements JobHandler<'reminder-scan'>, ScheduledJobDefinition, OnModuleInit {
  readonly name = 'reminder-scan' as const;
  private readonly logger = new Logger(ReminderScanProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly officeCalendar: OfficeCalendarSync,
    private readonly nextYearCalendar: NextYearCalendarNotifier,
    private readonly config: AppConfig,
    private readonly rules: ReminderRulesReader,
    private readonly planner: ReminderPlanner,
    private readonly recipients: ReminderRecipientResolver,
    private readonly runs: JobRuns,
    private readonly dailyPlanners: DailyReminderPlanners,
  ) {}

  onModuleInit(): void {
    this.runs.register(this);
  }

  async handle(job: Job<JobPayloads['reminder-scan']>): Promise<JobRunResult<ReminderScanResult>> {
    return this.runs.execute(this.name, job, async () => {
      const result = await this.scan();
      if (result.failedBatches || result.failedPlanners) {
        throw new Error(
          `reminder scan of ${result.today}: ${result.failedBatches ?? 0} page(s) and ${result.failedPlanners ?? 0} planner(s) failed; the retry plans them (idempotently)`,
        );
      }
      return result;
    });
  }

  /** Today, once the rules' send time has passed. */
  async dueOccurrence(now: Date): Promise<string | null> {
    const { sendAt } = await this.rules.load();
    return districtTimeOfDay(now) >= sendAt ? this.clock.today() : null;
  }

  occurrenceOf(): string {
    return this.clock.today();
  }

  /** Plans today's reminders; exposed for the benchmark and tests. */
  async scan(): Promise<ReminderScanResult> {
    // The office may have published a calendar year since the last refresh: count with the one in Postgres.
    await this.officeCalendar.refresh();
    const today = this.clock.today();
    await this.nextYearCalendar.notify(today);
    if (!this.calendar.isWorkingDay(today)) {
      this.logger.log(`${today} is not a working day: no reminders`);
      return { status: 'skipped', today, reason: 'not a working day' };
    }
    const rules = await this.rules.load();
    const horizon = scanHorizon(today, rules, this.calendar);
    const occurrences = new DailyOccurrences(today, rules, this.calendar);
    const recipients = this.recipients.session(this.dataSource.manager);
    const totals = { milestones: 0, reminders: 0, inserted: 0, enqueued: 0, failedBatches: 0 };
    let cursor = { plannedDate: '0001-01-01', id: '00000000-0000-0000-0000-000000000000' };

    for (;;) {
      const { rows: page, last, size } = await this.pageWithCursor(horizon, cursor);
      if (size === 0) break;
      cursor = last!;
      const milestones: PlannableMilestone[] = page
        .filter((row) => !QUIET_PROJECT_STATUSES.has(row.project_status))
        .map((row) => ({
          milestoneId: row.milestone_id,
          projectId: row.project_id,
          plannedDate: row.planned_date,
          ownerDepartmentId: row.owner_department_id,
          leadOfficialUserId: row.lead_official_user_id,
        }));
      totals.milestones += milestones.length;
      try {
        const planned = await this.planner.plan(milestones, occurrences, recipients);
        totals.reminders += planned.reminders;
        totals.inserted += planned.inserted;
        totals.enqueued += planned.enqueued;
      } catch (error) {
        totals.failedBatches++;
        this.logger.error({ err: error, cursor }, `reminder scan of ${today}: a page of ${page.length} milestones failed`);
      }
      if (size < this.config.REMINDER_SCAN_BATCH_SIZE) break;
    }

    this.logger.log(`reminder scan of ${today}: ${totals.milestones} milestones up to ${horizon}, ${totals.reminders} reminders (${totals.inserted} new)`);
    const planners = await this.runDailyPlanners(today, rules);
    return { status: 'done', today, ...totals, ...planners };
  }

  /** The other planners on the delivery core, each on its own: one's failure does not stop the next. */
  private async runDailyPlanners(today: string, rules: ReminderRuleSet): Promise<Pick<ReminderScanResult, 'planners' | 'failedPlanners'>> {
    const registered = this.dailyPlanners.all();
    if (registered.length === 0) return {};
    const planners: Record<string, DailyPlanCounts> = {};
    let failedPlanners = 0;
    for (const planner of registered) {
      try {
        planners[planner.name] = await planner.planDay(today, rules);
        if (planners[planner.name].failed > 0) failedPlanners++;
      } catch (error) {
        failedPlanners++;
        this.logger.error({ err: error }, `reminder scan of ${today}: planner ${planner.name} failed`);
      }
    }
    return { planners, failedPlanners };
  }

  /**
   * One keyset page of pending milestones planned on or before the horizon, in
   * (planned_date, id) order — an index scan of idx_milestones_open_by_planned_date
   * from the cursor on — with their projects read by primary key (a join lets the
   * planner hash-join against the whole projects table instead).
   */
  private async pageWithCursor(
    horizon: string,
    cursor: { plannedDate: string; id: string },
  ): Promise<{ rows: MilestonePageRow[]; size: number; last?: { plannedDate: string; id: string } }> {
    const milestones: Array<{ milestone_id: string; project_id: string; planned_date: string }> = await this.dataSource.query(
      `SELECT m.id AS milestone_id, m.project_id, m.planned_date
         FROM milestones m
        WHERE m.status = 'pending'
          AND m.planned_date <= $1
          AND m.planned_date >= $2
          AND (m.planned_date, m.id) > ($2::date, $3::uuid)
        ORDER BY m.planned_date, m.id
        LIMIT $4`,
      [horizon, cursor.plannedDate, cursor.id, this.config.REMINDER_SCAN_BATCH_SIZE],
    );
    if (milestones.length === 0) return { rows: [], size: 0 };
    const tail = milestones[milestones.length - 1];
    const projects: Array<{ id: string; owner_department_id: string | null; lead_official_user_id: string | null; status: string }> = await this.dataSource.query(
      `SELECT id, owner_department_id, lead_official_user_id, status FROM projects WHERE id = ANY($1::uuid[])`,
      [[...new Set(milestones.map((row) => row.project_id))]],
    );
    const byId = new Map(projects.map((project) => [project.id, project]));
    const rows = milestones.flatMap((row) => {
      const project = byId.get(row.project_id);
      // A project deleted between the two reads takes its milestones with it (ON DELETE CASCADE): nothing to remind.
      return project
        ? [{ ...row, owner_department_id: project.owner_department_id, lead_official_user_id: project.lead_official_user_id, project_status: project.status }]
        : [];
    });
    return { rows, size: milestones.length, last: { plannedDate: tail.planned_date, id: tail.milestone_id } };
  }
}
