/**
 * The official calendar kept by the office: an admin publishes a year's holidays and
 * 调休 working weekends; the year then overrides the chinese-days package everywhere
 * (the API at once, the worker at its next scan or refresh, both from Postgres).
 * Published in one transaction with its audit row; the answer says how many open
 * milestones of the year fall on a day whose working status changed.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OfficeCalendarSync, WorkingDayCalendar } from '@app/calendar';
import { isCalendarDate } from '@app/domain';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { Errors, FieldError } from '../common/app-error';
import { CalendarErrors } from './calendar.errors';
import { CalendarYearResponseDto } from './dto/calendar-year.response';
import { PublishCalendarYearDto } from './dto/publish-calendar-year.dto';

@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly calendar: WorkingDayCalendar,
    private readonly sync: OfficeCalendarSync,
    private readonly audit: AuditService,
  ) {}

  async get(yearParam: string): Promise<CalendarYearResponseDto> {
    const year = parseYear(yearParam);
    await this.sync.refresh();
    const [row]: Array<{ published_at: Date; published_by: string }> = await this.dataSource.query(
      `SELECT published_at, published_by FROM calendar_years WHERE year = $1`,
      [year],
    );
    const source = this.calendar.sourceOf(year);
    const entries = this.calendar.officeYear(year) ?? this.calendar.packageYear(year);
    return {
      year,
      source,
      holidays: entries.holidays,
      workdays: entries.workdays,
      workingDays: this.calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`),
      version: this.calendar.version(),
      publishedAt: row ? row.published_at.toISOString() : null,
      publishedBy: row?.published_by ?? null,
    };
  }

  async publish(principal: Principal, yearParam: string, dto: PublishCalendarYearDto): Promise<CalendarYearResponseDto> {
    if (principal.kind !== 'user' || principal.role !== 'admin') throw Errors.forbidden('Only an admin can publish the official calendar');
    const year = parseYear(yearParam);
    const holidays = checkDates(dto.holidays, year, 'holidays');
    const workdays = checkDates(dto.workdays, year, 'workdays');
    const details: FieldError[] = [];
    for (const date of workdays) {
      if (holidays.includes(date)) details.push({ field: 'workdays', reason: `${date} is in both holidays and workdays` });
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) details.push({ field: 'workdays', reason: `${date} is a weekday: workdays lists the weekend days that are worked (调休)` });
    }
    if (details.length > 0) throw CalendarErrors.invalidSchedule(details);

    await this.sync.refresh();
    const wasWorking = (date: string) => this.calendar.isWorkingDay(date);
    const open: Array<{ planned_date: string }> = await this.dataSource.query(
      `SELECT planned_date FROM milestones WHERE status = 'pending' AND planned_date BETWEEN $1 AND $2`,
      [`${year}-01-01`, `${year}-12-31`],
    );
    const before = open.map((m) => wasWorking(m.planned_date));

    await this.dataSource.transaction(async (manager) => {
      const [previous] = await manager.query(`SELECT year, holidays::text[] AS holidays, workdays::text[] AS workdays, revision FROM calendar_years WHERE year = $1 FOR UPDATE`, [year]);
      await manager.query(
        `INSERT INTO calendar_years (year, holidays, workdays, published_by) VALUES ($1, $2::date[], $3::date[], $4)
         ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, workdays = EXCLUDED.workdays, revision = calendar_years.revision + 1,
           published_at = now(), published_by = EXCLUDED.published_by`,
        [year, holidays, workdays, principal.name],
      );
      await this.audit.record(manager, principal, {
        action: previous ? 'update' : 'create',
        entityType: 'calendar_year',
        entityId: String(year),
        before: previous ?? null,
        after: { year, holidays, workdays },
      });
    });
    await this.sync.refresh();
    const affectedDueDates = open.filter((m, i) => wasWorking(m.planned_date) !== before[i]).length;
    return { ...(await this.get(String(year))), affectedDueDates };
  }
}

function parseYear(value: string): number {
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (!(year >= 2000 && year <= 2100)) throw CalendarErrors.invalidYear();
  return year;
}

function checkDates(dates: string[], year: number, field: string): string[] {
  const details: FieldError[] = [];
  dates.forEach((date, index) => {
    if (!isCalendarDate(date) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) details.push({ field: `${field}[${index}]`, reason: `${date} is not a date YYYY-MM-DD` });
    else if (!date.startsWith(`${year}-`)) details.push({ field: `${field}[${index}]`, reason: `${date} is not in ${year}` });
  });
  if (new Set(dates).size !== dates.length) details.push({ field, reason: 'a date is listed twice' });
  if (details.length > 0) throw CalendarErrors.invalidSchedule(details);
  return [...dates].sort();
}
