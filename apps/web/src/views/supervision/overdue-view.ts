/**
 * The 逾期督导 page's logic, as plain functions (unit-tested): its filter as the URL says it, and the 督办单 a
 * selection of overdue milestones becomes — one owner unit per notice (the API addresses a notice to one unit),
 * title and body prefilled with the milestones, their planned dates and working days late, as the API computed them.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import type { components } from '@/api/schema';

export type OverdueRow = components['schemas']['OverdueMilestoneDto'];

export const OVERDUE_PAGE_SIZES = [20, 50, 100] as const;

export interface OverdueFilters {
  column?: number;
  ownerUnit?: string;
  kind?: string;
  minLate?: number;
  page: number;
  pageSize: number;
}

const first = (value: LocationQuery[string] | undefined): string | undefined => {
  const item = Array.isArray(value) ? value[0] : value;
  return item === null || item === undefined || item === '' ? undefined : item;
};
const positiveInt = (value: string | undefined): number | undefined => (value !== undefined && /^\d+$/.test(value) && Number(value) >= 1 ? Number(value) : undefined);

export function overdueFiltersFromQuery(query: LocationQuery): OverdueFilters {
  const pageSize = positiveInt(first(query.pageSize));
  return {
    column: positiveInt(first(query.column)),
    ownerUnit: first(query.ownerUnit),
    kind: first(query.kind),
    minLate: positiveInt(first(query.minLate)),
    page: positiveInt(first(query.page)) ?? 1,
    pageSize: OVERDUE_PAGE_SIZES.find((size) => size === pageSize) ?? 20,
  };
}

export function queryFromOverdueFilters(filters: OverdueFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.column !== undefined) query.column = String(filters.column);
  if (filters.ownerUnit) query.ownerUnit = filters.ownerUnit;
  if (filters.kind) query.kind = filters.kind;
  if (filters.minLate !== undefined) query.minLate = String(filters.minLate);
  if (filters.page !== 1) query.page = String(filters.page);
  if (filters.pageSize !== 20) query.pageSize = String(filters.pageSize);
  return query;
}

/** A change of filter starts again at page 1 (a page number of another list means nothing). */
export function withOverdueChange(filters: OverdueFilters, change: Partial<OverdueFilters>): OverdueFilters {
  return { ...filters, page: 1, ...change };
}

/** The API's query for a filter (the page's minLate is the API's minWorkingDaysLate). */
export function apiQueryOf(filters: OverdueFilters): Record<string, string | number> {
  const query: Record<string, string | number> = { page: filters.page, pageSize: filters.pageSize, scope: 'all' };
  if (filters.column !== undefined) query.column = filters.column;
  if (filters.ownerUnit) query.ownerUnit = filters.ownerUnit;
  if (filters.kind) query.kind = filters.kind;
  if (filters.minLate !== undefined) query.minWorkingDaysLate = filters.minLate;
  return query;
}

export interface NoticeDraft {
  ownerUnit: { id: string; name: string };
  title: string;
  body: string;
  items: Array<{ projectId: string; milestoneId: string; label: string }>;
}

export type DraftResult = { ok: true; draft: NoticeDraft } | { ok: false; reason: string };

export const DEFAULT_REPLY_WORKING_DAYS = 5;

export function draftNotice(rows: readonly OverdueRow[]): DraftResult {
  if (rows.length === 0) return { ok: false, reason: '请先勾选要督办的逾期节点' };
  const units = new Map(rows.map((row) => [row.ownerUnit?.id ?? '', row.ownerUnit]));
  if (units.has('')) return { ok: false, reason: '所选节点中有项目未明确责任单位，无法下发督办单' };
  if (units.size > 1) return { ok: false, reason: `督办单发往一个责任单位：所选节点属于 ${units.size} 个责任单位（${[...units.values()].map((unit) => unit!.name).join('、')}），请只勾选同一责任单位的节点` };
  if (rows.length > 50) return { ok: false, reason: '一份督办单最多包含 50 个节点，请分批下发' };
  const ownerUnit = rows[0].ownerUnit!;
  const projects = [...new Set(rows.map((row) => row.projectName))];
  const title =
    rows.length === 1
      ? `关于${rows[0].projectName}${rows[0].milestoneName}节点滞后的督办通知`
      : projects.length === 1
        ? `关于${projects[0]}${rows.length}个节点滞后的督办通知`
        : `关于${ownerUnit.name}${projects.length}个项目节点滞后的督办通知`;
  const lines = rows.map(
    (row, index) => `${index + 1}. ${row.projectName}“${row.milestoneName}”节点，计划 ${row.plannedDate} 完成，已逾期 ${row.workingDaysLate} 个工作日${row.isKeyMilestone ? '（关键节点）' : ''}`,
  );
  const body = [`${ownerUnit.name}：`, `经督查，你单位以下节点已逾期：`, ...lines, '请于回复期限前报送整改措施及完成时限。'].join('\n');
  return {
    ok: true,
    draft: {
      ownerUnit,
      title: title.length > 200 ? `${title.slice(0, 199)}…` : title,
      body,
      items: rows.map((row) => ({ projectId: row.projectId, milestoneId: row.milestoneId, label: `${row.projectName} · ${row.milestoneName}` })),
    },
  };
}
