/**
 * 挂图作战's logic as plain functions (unit-tested): the filter as the URL says it, the time window of a zoom level,
 * the markers the chart draws (one per milestone, as the API sent them — lights are the API's), and how the rows are
 * cut into A3 pages for printing so that no row is split across two sheets.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { components } from '@/api/schema';

export type Timeline = components['schemas']['TimelineDto'];
export type TimelineProject = components['schemas']['TimelineProjectDto'];
export type TimelineMilestone = components['schemas']['TimelineMilestoneDto'];

export const ZOOMS = ['all', 'quarter', 'month'] as const;
export type Zoom = (typeof ZOOMS)[number];
export const ZOOM_LABELS: Record<Zoom, string> = { all: '全部', quarter: '本季度', month: '本月' };

export interface TimelineFilters {
  column?: number;
  ownerUnit?: string;
  zoom: Zoom;
}

const first = (value: LocationQuery[string] | undefined): string | undefined => {
  const item = Array.isArray(value) ? value[0] : value;
  return item === null || item === undefined || item === '' ? undefined : item;
};

export function timelineFiltersFromQuery(query: LocationQuery): TimelineFilters {
  const column = first(query.column);
  const zoom = first(query.zoom);
  return {
    column: column !== undefined && /^\d+$/.test(column) && Number(column) >= 1 ? Number(column) : undefined,
    ownerUnit: first(query.ownerUnit),
    zoom: ZOOMS.find((z) => z === zoom) ?? 'all',
  };
}

export function queryFromTimelineFilters(filters: TimelineFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.column !== undefined) query.column = String(filters.column);
  if (filters.ownerUnit) query.ownerUnit = filters.ownerUnit;
  if (filters.zoom !== 'all') query.zoom = filters.zoom;
  return query;
}

const DAY = 86_400_000;
/** A calendar date as the instant of its midnight in Asia/Shanghai (the axis is in district time whatever the browser's zone). */
export const dayOf = (date: string): number => Date.parse(`${date}T00:00:00+08:00`);
const pad2 = (n: number) => String(n).padStart(2, '0');
const lastDayOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The whole span of the dates on the wall (today included), with a little room at both ends. */
export function timeSpan(projects: readonly TimelineProject[], today: string): [number, number] {
  let min = dayOf(today);
  let max = min;
  for (const project of projects) {
    for (const m of project.milestones) {
      for (const date of [m.baselineDate, m.plannedDate, m.actualDate]) {
        if (!date) continue;
        const t = dayOf(date);
        if (t < min) min = t;
        if (t > max) max = t;
      }
    }
  }
  return [min - 15 * DAY, max + 15 * DAY];
}

/** The window a zoom level shows: everything, today's quarter, or today's month (calendar, Asia/Shanghai). */
export function zoomWindow(zoom: Zoom, today: string, span: [number, number]): [number, number] {
  if (zoom === 'all') return span;
  const [year, month] = today.split('-').map(Number);
  const firstMonth = zoom === 'quarter' ? Math.floor((month - 1) / 3) * 3 + 1 : month;
  const lastMonth = zoom === 'quarter' ? firstMonth + 2 : month;
  return [dayOf(`${year}-${pad2(firstMonth)}-01`), dayOf(`${year}-${pad2(lastMonth)}-${pad2(lastDayOfMonth(year, lastMonth))}`) + DAY - 1];
}

/** Marker codes the chart's renderItem reads (numbers: ECharts data are numeric arrays). */
export const MARK = { onTrack: 0, yellow: 1, red: 2, done: 3 } as const;

export function markOf(milestone: TimelineMilestone): number {
  if (milestone.status === 'done') return MARK.done;
  if (milestone.light === 'red') return MARK.red;
  if (milestone.light === 'yellow') return MARK.yellow;
  return MARK.onTrack;
}

/**
 * One data item per milestone: [row, baseline, planned, actual (NaN when none), mark, key (0/1), project index, milestone index].
 * `rowOffset` numbers the rows of a print page from 0.
 */
export function markerData(projects: readonly TimelineProject[], rowOffset = 0): number[][] {
  const data: number[][] = [];
  projects.forEach((project, p) => {
    project.milestones.forEach((m, i) => {
      data.push([p, dayOf(m.baselineDate), dayOf(m.plannedDate), m.actualDate ? dayOf(m.actualDate) : Number.NaN, markOf(m), m.isKey ? 1 : 0, p + rowOffset, i]);
    });
  });
  return data;
}

export interface MarkerCounts {
  milestones: number;
  red: number;
  yellow: number;
  done: number;
}

export function markerCounts(projects: readonly TimelineProject[]): MarkerCounts {
  const counts: MarkerCounts = { milestones: 0, red: 0, yellow: 0, done: 0 };
  for (const project of projects) {
    for (const m of project.milestones) {
      counts.milestones += 1;
      const mark = markOf(m);
      if (mark === MARK.red) counts.red += 1;
      else if (mark === MARK.yellow) counts.yellow += 1;
      else if (mark === MARK.done) counts.done += 1;
    }
  }
  return counts;
}

/** Rows per printed A3 sheet: the sheet's height (281 mm inside 8 mm margins) holds the header and this many rows. */
export const PRINT_ROWS_PER_PAGE = 28;

/** The projects cut into print pages of at most `perPage` rows, in order: a row is never split across sheets. */
export function printPages<T>(rows: readonly T[], perPage = PRINT_ROWS_PER_PAGE): Array<{ offset: number; rows: T[] }> {
  const pages: Array<{ offset: number; rows: T[] }> = [];
  for (let offset = 0; offset < rows.length; offset += perPage) pages.push({ offset, rows: rows.slice(offset, offset + perPage) });
  return pages;
}

const LIGHT_WORDS: Record<string, string> = { red: '红灯', yellow: '黄灯', green: '绿灯' };
const REASON_WORDS: Record<string, string> = {
  milestone_overdue: '逾期',
  milestone_due_soon: '临期',
  milestone_slipped: '较基线推迟',
  progress_lag: '进度滞后',
  milestone_date_implausible: '日期异常',
};

/** A milestone in words (tooltip, table): 开工（关键节点）：基线 …，计划 …，实际 …；红灯：逾期 12 个工作日. */
export function milestoneText(m: TimelineMilestone): string {
  const head = `${m.name}${m.isKey ? '（关键节点）' : ''}`;
  const dates = `基线 ${m.baselineDate}，计划 ${m.plannedDate}，实际 ${m.actualDate ?? '未完成'}`;
  if (m.status === 'done') return `${head}：${dates}；已完成`;
  const why = m.reasons.map((r) => REASON_WORDS[r] ?? r).join('、');
  const late = m.workingDaysLate ? ` ${m.workingDaysLate} 个工作日` : '';
  return `${head}：${dates}；${LIGHT_WORDS[m.light] ?? m.light}${why ? `：${why}${late}` : ''}`;
}
