/**
 * The admins' bell says it too when next year has no official schedule (from 1 December, as the
 * health reports do): one inbox notification per admin and year — the event key makes a second
 * scan, or a second worker, add nothing. Nothing once the year is published or in the package.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { nextYearCalendarWarning, WorkingDayCalendar } from '@app/calendar';

export const CALENDAR_MISSING_KIND = 'calendar_missing';

@Injectable()
export class NextYearCalendarNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** How many admins were told now (0 when there is nothing to say or they all were already). */
  async notify(today: string): Promise<number> {
    if (!nextYearCalendarWarning(today, this.calendar)) return 0;
    const year = Number(today.slice(0, 4)) + 1;
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO notifications (user_id, kind, title, body, link, event_key)
       SELECT id, $1, $2, $3, NULL, $4 FROM users WHERE role = 'admin' AND is_active
       ON CONFLICT (event_key, user_id) DO NOTHING
       RETURNING id`,
      [
        CALENDAR_MISSING_KIND,
        `${year} 年放假安排尚未录入`,
        `系统还没有 ${year} 年的法定节假日和调休安排，${year} 年的工作日暂按周一至周五计算，节点期限和逾期天数可能不准。` +
          `国务院办公厅公布后，请管理员录入（PUT /api/v1/calendar/years/${year}）。`,
        `calendar-missing:${year}`,
      ],
    );
    return rows.length;
  }
}
