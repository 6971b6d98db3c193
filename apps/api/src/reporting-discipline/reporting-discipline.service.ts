/**
 * 未按时填报: which units did not report a project by the deadline of a period
 * (迟报 / 未报), and each unit's 按时填报率 — live, from the progress reports
 * (libs/reporting ReportingDisciplineReader). Published to every unit, like the
 * ranking (比拼晾晒).
 */
import { Injectable } from '@nestjs/common';
import { Clock } from '@app/calendar';
import { addCalendarDays, calendarDaysBetween } from '@app/domain';
import { DisciplineFilter, ProjectPeriodReport, REPORTING_STATUS_LABELS, ReportingDisciplineReader, ReportingPeriod, unitReportingRates } from '@app/reporting';
import { Errors } from '../common/app-error';
import { DisciplineRangeQuery, LateReportPageDto, ListLateReportsQuery, ReportingPeriodDto, UnitReportingRateDto, UnitReportingRatesDto } from './dto/reporting-discipline.dto';

const MAX_RANGE_DAYS = 366;

@Injectable()
export class ReportingDisciplineService {
  constructor(
    private readonly reader: ReportingDisciplineReader,
    private readonly clock: Clock,
  ) {}

  async late(query: ListLateReportsQuery): Promise<LateReportPageDto> {
    const { from, to } = this.range(query);
    const filter: DisciplineFilter = { column: query.column, ownerUnit: query.ownerUnit, projectIds: query.projectId ? [query.projectId] : undefined };
    const collator = new Intl.Collator('zh-Hans-CN');
    const rows = (await this.reader.assess(from, to, this.clock.now(), filter))
      .map((row, order) => ({ row, order }))
      .filter(({ row }) => (query.status ? row.status === query.status : row.status === 'late' || row.status === 'missing'))
      .sort(
        (a, b) =>
          b.row.period.deadline!.getTime() - a.row.period.deadline!.getTime() ||
          collator.compare(a.row.project.ownerUnit?.name ?? '\uffff', b.row.project.ownerUnit?.name ?? '\uffff') ||
          a.order - b.order,
      );
    const start = (query.page - 1) * query.pageSize;
    return {
      from,
      to,
      total: rows.length,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.slice(start, start + query.pageSize).map(({ row }) => ({
        project: { id: row.project.id, name: row.project.name, column: row.project.column, ownerUnit: row.project.ownerUnit },
        period: periodDto(row.period),
        status: row.status as 'late' | 'missing',
        statusLabel: REPORTING_STATUS_LABELS[row.status],
        firstReportAt: row.firstReportAt?.toISOString() ?? null,
      })),
    };
  }

  async units(query: DisciplineRangeQuery): Promise<UnitReportingRatesDto> {
    const { from, to } = this.range(query);
    const rows = await this.reader.assess(from, to, this.clock.now(), { column: query.column, ownerUnit: query.ownerUnit });
    return { from, to, items: unitReportingRates(rows), total: totalOf(rows) };
  }

  private range(query: DisciplineRangeQuery): { from: string; to: string } {
    const today = this.clock.today();
    const to = query.to ?? today;
    const from = query.from ?? addCalendarDays(to, -27);
    if (from > to) throw Errors.validation([{ field: 'from', reason: 'from must not be after to' }]);
    if (calendarDaysBetween(from, to) > MAX_RANGE_DAYS) throw Errors.validation([{ field: 'to', reason: `at most ${MAX_RANGE_DAYS} days after from` }]);
    return { from, to };
  }
}

export function periodDto(period: ReportingPeriod): ReportingPeriodDto {
  return {
    kind: period.kind,
    key: period.key,
    label: periodLabel(period),
    start: period.start,
    end: period.end,
    deadlineDate: period.deadlineDate!,
    deadline: period.deadline!.toISOString(),
  };
}

/** '2026年第47周（11-16—11-22）' or '2026年11月'. */
export function periodLabel(period: ReportingPeriod): string {
  if (period.kind === 'month') return `${period.key.slice(0, 4)}年${Number(period.key.slice(5, 7))}月`;
  return `${period.key.slice(0, 4)}年第${Number(period.key.slice(6))}周（${period.start.slice(5)}—${period.end.slice(5)}）`;
}

function totalOf(rows: readonly ProjectPeriodReport[]): UnitReportingRateDto {
  const all = unitReportingRates(rows.map((row) => ({ ...row, project: { ...row.project, ownerUnit: null } })));
  return all[0] ?? { ownerUnit: null, due: 0, onTime: 0, late: 0, missing: 0, onTimeRate: null };
}
