import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import { HandlesJob, JobHandler, JobPayloads, QueueRegistry } from '@app/queue';
import { DailyOccurrences } from './reminder-occurrence';
import { ReminderPlanner } from './reminder-planner';
import { ReminderRecipientResolver } from './reminder-recipients';
import { districtTimeOfDay, ReminderRulesReader } from './reminder-rules.reader';

export interface MilestoneChangedResult {
  cancelled: number;
  removedJobs: number;
  planned: number;
}

/**
 * Re-plans one milestone's reminders after a change (relayed from the outbox).
 * It reads the milestone as it is now rather than trusting the event, so events
 * may arrive late, twice or out of order:
 *
 * - queued reminders planned for a state that no longer holds (the milestone was
 *   completed, cancelled, removed, deleted, or its planned date moved) become 'cancelled'
 *   and their waiting/delayed jobs are removed from BullMQ by id — completing a
 *   milestone stops its reminders at once; a job already running finds the row
 *   cancelled and skips;
 * - a pending milestone changed after today's scan time gets today's reminder
 *   now if one is due (e.g. moved to today), instead of waiting for tomorrow.
 */
@HandlesJob('milestone-changed')
@Injectable()
export class MilestoneChangedProcessor implements JobHandler<'milestone-changed'> {
  private readonly logger = new Logger(MilestoneChangedProcessor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly rules: ReminderRulesReader,
    private readonly planner: ReminderPlanner,
    private readonly recipients: ReminderRecipientResolver,
  ) {}

  async handle(job: Job<JobPayloads['milestone-changed']>): Promise<MilestoneChangedResult> {
    const { milestoneId } = job.data;
    // TypeORM answers an UPDATE with [rows, affected].
    const [cancelled]: [Array<{ id: string }>, number] = await this.dataSource.query(
      `UPDATE reminders r
          SET status = 'cancelled', updated_at = now(),
              reason = CASE WHEN cur.status IS NULL THEN 'milestone_deleted'
                            WHEN cur.status = 'done' THEN 'milestone_completed'
                            WHEN cur.status = 'cancelled' THEN 'milestone_cancelled'
                            WHEN cur.status = 'removed' THEN 'milestone_removed'
                            ELSE 'milestone_rescheduled' END
         FROM (SELECT k.id, m.status, m.planned_date
                 FROM (VALUES ($1::uuid)) AS k(id) LEFT JOIN milestones m ON m.id = k.id) AS cur
        WHERE r.milestone_id = cur.id
          AND r.status = 'queued'
          AND (cur.status IS DISTINCT FROM 'pending' OR r.planned_date IS DISTINCT FROM cur.planned_date)
      RETURNING r.id`,
      [milestoneId],
    );
    let removedJobs = 0;
    const queue = this.queues.queue('reminders');
    for (const { id } of cancelled) {
      // 0 when the job is running (locked) or gone; the send processor then finds the row cancelled.
      removedJobs += await queue.remove(id).catch(() => 0);
    }
    const planned = await this.planToday(milestoneId);
    if (cancelled.length > 0 || planned > 0) {
      this.logger.log(`milestone ${milestoneId} (${job.data.change}): ${cancelled.length} reminders cancelled, ${planned} planned for today`);
    }
    return { cancelled: cancelled.length, removedJobs, planned };
  }

  /** Today's reminder of a pending milestone, when today's scan time has already passed. */
  private async planToday(milestoneId: string): Promise<number> {
    const today = this.clock.today();
    if (!this.calendar.isWorkingDay(today)) return 0;
    const rules = await this.rules.load();
    if (districtTimeOfDay(this.clock.now()) < rules.sendAt) return 0; // the scan will see it
    const [row]: Array<{ project_id: string; planned_date: string; owner_department_id: string | null; lead_official_user_id: string | null }> =
      await this.dataSource.query(
        `SELECT m.project_id, m.planned_date, p.owner_department_id, p.lead_official_user_id
           FROM milestones m JOIN projects p ON p.id = m.project_id
          WHERE m.id = $1 AND m.status = 'pending' AND p.status NOT IN ('suspended', 'cancelled')`,
        [milestoneId],
      );
    if (!row) return 0;
    const result = await this.planner.plan(
      [{ milestoneId, projectId: row.project_id, plannedDate: row.planned_date, ownerDepartmentId: row.owner_department_id, leadOfficialUserId: row.lead_official_user_id }],
      new DailyOccurrences(today, rules, this.calendar),
      this.recipients.session(this.dataSource.manager),
    );
    return result.inserted;
  }
}
