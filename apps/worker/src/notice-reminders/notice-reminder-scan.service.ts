import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, WorkingDayCalendar } from '@app/calendar';
import { resolveDepartmentRecipients } from '../external-channels/department-recipients';
import { ReminderChannelRegistry } from '../reminder-delivery/reminder-channel.registry';
import { ReminderPlanWriter } from '../reminder-delivery/reminder-plan-writer';
import { KeyedRecipient, keyedRecipients } from '../reminder-delivery/reminder-recipients';
import { NoticeReminderTrack } from './notice-reminder.track';
import { NoticeReminderOccurrence, noticeReminderOn, noticeScanHorizon } from './notice-reminder-occurrence';
import { loadReminderRules } from '../reminders/reminder-rules.reader';

export interface NoticeReminderScanResult {
  today: string;
  skipped?: 'day_off';
  /** Notices awaiting a reply with a reminder due today. */
  notices: number;
  /** Reminder rows found queued after planning (new or left over from an interrupted run) and enqueued. */
  enqueued: number;
  /** Notices whose planning failed (logged; the others went on). */
  failed: number;
}

interface AwaitingNotice {
  id: string;
  ownerDepartmentId: string;
  replyDueDate: string;
}

/**
 * Plans today's notice reminders: for each notice awaiting a reply (issued or
 * returned) whose reply is due in two working days or late, the occurrence the
 * rules give for today, for each recipient — the owner unit's editors (inbox) and
 * its subscribed channels, once late also the supervisor who issued it, the
 * projects' lead officials from E1, the 督查室's supervisors at E2.
 *
 * Exactly once per occurrence and recipient: the delivery core's
 * ReminderPlanWriter inserts the rows ON CONFLICT DO NOTHING under their
 * deterministic id `notice-<noticeId>-<kind>-<YYYYMMDD>-<recipientKey>`, then
 * enqueues every row of the occurrence still queued with jobId = id. A second
 * scan, or one after a crash between the two steps, re-enqueues at most what
 * was never sent, and never plans anything twice.
 */
@Injectable()
export class NoticeReminderScanService {
  private readonly logger = new Logger(NoticeReminderScanService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendar: WorkingDayCalendar,
    private readonly writer: ReminderPlanWriter,
    private readonly track: NoticeReminderTrack,
    private readonly channels: ReminderChannelRegistry,
  ) {}

  async scan(): Promise<NoticeReminderScanResult> {
    const today = this.clock.today();
    const result: NoticeReminderScanResult = { today, notices: 0, enqueued: 0, failed: 0 };
    const rules = await loadReminderRules(this.dataSource.manager);
    if (!this.calendar.isWorkingDay(today)) return { ...result, skipped: 'day_off' };

    const notices: AwaitingNotice[] = await this.dataSource.query(
      `SELECT id, owner_department_id AS "ownerDepartmentId", reply_due_date AS "replyDueDate"
         FROM supervision_notices
        WHERE status IN ('issued', 'returned') AND reply_due_date <= $1
        ORDER BY reply_due_date, id`,
      [noticeScanHorizon(today, this.calendar)],
    );
    for (const notice of notices) {
      const occurrence = noticeReminderOn(notice.replyDueDate, today, rules, this.calendar);
      if (!occurrence) continue;
      result.notices++;
      try {
        result.enqueued += await this.plan(notice, occurrence, today);
      } catch (error) {
        // One notice's failure must not stop the others; the next scan plans it again.
        result.failed++;
        this.logger.error({ err: error, noticeId: notice.id }, `planning the reminders of notice ${notice.id} failed`);
      }
    }
    this.logger.log(`notice reminder scan ${today}: ${result.notices} notices, ${result.enqueued} reminders enqueued, ${result.failed} failed`);
    return result;
  }

  private async plan(notice: AwaitingNotice, occurrence: NoticeReminderOccurrence, today: string): Promise<number> {
    const planned = await this.writer.write(this.track, [
      {
        subjectId: notice.id,
        rule: occurrence.kind,
        kind: occurrence.kind,
        occurrenceDate: today,
        workingDaysLate: occurrence.workingDaysLate,
        escalationLevel: occurrence.escalationLevel,
        recipients: await this.recipients(this.dataSource.manager, notice, occurrence),
        columns: { notice_id: notice.id, reply_due_date: notice.replyDueDate },
      },
    ]);
    return planned.enqueued;
  }

  /** Everyone the occurrence goes to, once each. */
  private async recipients(manager: EntityManager, notice: AwaitingNotice, occurrence: NoticeReminderOccurrence): Promise<KeyedRecipient[]> {
    const users: Array<{ id: string }> = await manager.query(
      `SELECT id FROM users WHERE is_active AND role = 'department_editor' AND department_id = $1
       UNION
       SELECT u.id FROM supervision_notice_items i
         JOIN projects p ON p.id = i.project_id
         JOIN users u ON u.id = p.lead_official_user_id
        WHERE $2 >= 1 AND i.notice_id = $3 AND u.is_active
       UNION
       SELECT id FROM users WHERE $2 >= 2 AND is_active AND role = 'supervisor'
       UNION
       SELECT u.id FROM supervision_notices n JOIN users u ON u.id = n.issued_by_id
        WHERE $4 = 'notice_reply_overdue' AND n.id = $3 AND u.is_active`,
      [notice.ownerDepartmentId, occurrence.escalationLevel, notice.id, occurrence.kind],
    );
    const external = await resolveDepartmentRecipients(manager, notice.ownerDepartmentId, occurrence);
    return keyedRecipients(
      users.map((user) => user.id).sort(),
      external,
      this.channels,
    );
  }
}
