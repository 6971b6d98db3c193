/**
 * The 周报 page's logic without the page: how a cell of the API's report tables is written (by its column kind, with
 * the workbench's 万元 and percent formatting), the ISO weeks a supervisor may build, and the words for a build's
 * answer. The figures themselves are the API's (GET /reports/weekly/:isoWeek/summary and …/sections/:section).
 */
import { formatPercent, formatWanNumber } from '../../utils/format'; // relative: the browser spec imports this file too

export type CellKind = 'text' | 'int' | 'wan' | 'percent' | 'decimal';
export type Cell = string | number | null;

export const SECTION_PAGE_SIZES = [20, 50, 100, 200];

/** A cell as the page shows it: 万元 with two decimals and thousands separators, percentages with %, empty as —. */
export function formatCell(cell: Cell | undefined, kind: CellKind): string {
  if (cell === null || cell === undefined || cell === '') return '—';
  switch (kind) {
    case 'wan':
      return formatWanNumber(String(cell));
    case 'percent':
      return formatPercent(String(cell));
    case 'decimal':
      return formatWanNumber(String(cell));
    default:
      return String(cell);
  }
}

export function isNumericKind(kind: CellKind): boolean {
  return kind !== 'text';
}

/** The ISO week (Monday–Sunday) of a calendar date "YYYY-MM-DD", e.g. "2026-W47". */
export function isoWeekOf(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(day);
  thursday.setUTCDate(day.getUTCDate() - weekday + 3);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((thursday.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The `count` weeks that have ended by `today` (Asia/Shanghai), newest first, with their Monday and Sunday. */
export function endedWeeks(today: string, count: number): Array<{ isoWeek: string; start: string; end: string }> {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  const thisMonday = addDays(today, -weekday);
  return Array.from({ length: count }, (_, index) => {
    const start = addDays(thisMonday, -7 * (index + 1));
    return { isoWeek: isoWeekOf(start), start, end: addDays(start, 6) };
  });
}

export const BUILD_SOURCE_LABELS: Record<string, string> = { schedule: '每周一自动生成', on_demand: '手动生成', rebuild: '管理员重新生成' };

/** What POST …/build answered, in words: 201 built, 200 already stored (untouched), 409 the week has not ended. */
export function buildOutcomeText(status: number, isoWeek: string, builtAt?: string): { type: 'success' | 'info' | 'warning' | 'error'; text: string } {
  if (status === 201) return { type: 'success', text: `已生成 ${isoWeek} 周报（HTTP 201）${builtAt ? `，生成时间 ${builtAt}` : ''}` };
  if (status === 200) return { type: 'info', text: `${isoWeek} 周报已存在，未重新生成（HTTP 200）${builtAt ? `，原生成时间 ${builtAt}` : ''}` };
  if (status === 409) return { type: 'warning', text: `${isoWeek} 尚未结束，不能生成（HTTP 409）：周报统计截至该周周日，下周一起可生成` };
  if (status === 403) return { type: 'error', text: `没有权限生成周报（HTTP 403）` };
  if (status === 429) return { type: 'error', text: `操作过于频繁，请稍后再试（HTTP 429）` };
  return { type: 'error', text: `生成未成功（HTTP ${status}），请稍后再试` };
}

/** The ETag's hash part, shortened for the page ("3bd456d8…"); the full value is in the title. */
export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash;
}
