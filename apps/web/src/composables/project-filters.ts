/**
 * The project list's filter, as the URL says it (a link to a filtered list can be shared, and the dashboard's
 * numbers link to one): one place that reads it from the query string and writes it back, leaving defaults out.
 */
import type { LocationQuery, LocationQueryRaw } from 'vue-router';

export const PROJECT_SORTS = ['planOrder', 'name', 'plannedEndDate', 'totalInvestment', 'updatedAt'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
export const LIGHTS = ['red', 'yellow', 'green'] as const;
export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface ProjectFilters {
  q: string;
  column?: number;
  group?: number;
  kind?: string;
  ownerUnit?: string;
  status: string[];
  light?: (typeof LIGHTS)[number];
  sort: ProjectSort;
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export const DEFAULT_FILTERS: ProjectFilters = { q: '', status: [], sort: 'planOrder', order: 'asc', page: 1, pageSize: 20 };

function first(value: LocationQuery[string] | undefined): string | undefined {
  const item = Array.isArray(value) ? value[0] : value;
  return item === null || item === undefined || item === '' ? undefined : item;
}

function positiveInt(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const number = Number(value);
  return number >= 1 ? number : undefined;
}

export function filtersFromQuery(query: LocationQuery): ProjectFilters {
  const sort = first(query.sort);
  const order = first(query.order);
  const light = first(query.light);
  const pageSize = positiveInt(first(query.pageSize));
  const column = positiveInt(first(query.column));
  const statuses = [query.status]
    .flat()
    .flatMap((value) => (typeof value === 'string' ? value.split(',') : []))
    .map((value) => value.trim())
    .filter(Boolean);
  return {
    q: first(query.q) ?? '',
    column,
    group: column === undefined ? undefined : positiveInt(first(query.group)),
    kind: first(query.kind),
    ownerUnit: first(query.ownerUnit),
    status: [...new Set(statuses)],
    light: LIGHTS.find((item) => item === light),
    sort: PROJECT_SORTS.find((item) => item === sort) ?? DEFAULT_FILTERS.sort,
    order: order === 'desc' ? 'desc' : 'asc',
    page: positiveInt(first(query.page)) ?? 1,
    pageSize: PAGE_SIZES.find((size) => size === pageSize) ?? DEFAULT_FILTERS.pageSize,
  };
}

export function queryFromFilters(filters: ProjectFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.q.trim() !== '') query.q = filters.q.trim();
  if (filters.column !== undefined) query.column = String(filters.column);
  if (filters.column !== undefined && filters.group !== undefined) query.group = String(filters.group);
  if (filters.kind) query.kind = filters.kind;
  if (filters.ownerUnit) query.ownerUnit = filters.ownerUnit;
  if (filters.status.length > 0) query.status = filters.status.join(',');
  if (filters.light) query.light = filters.light;
  if (filters.sort !== DEFAULT_FILTERS.sort) query.sort = filters.sort;
  if (filters.order !== DEFAULT_FILTERS.order) query.order = filters.order;
  if (filters.page !== 1) query.page = String(filters.page);
  if (filters.pageSize !== DEFAULT_FILTERS.pageSize) query.pageSize = String(filters.pageSize);
  return query;
}

/** The API's query for the same filter (GET /api/v1/projects). */
export function apiQueryFromFilters(filters: ProjectFilters): Record<string, string | number> {
  const query: Record<string, string | number> = { page: filters.page, pageSize: filters.pageSize, sort: filters.sort, order: filters.order };
  if (filters.q.trim() !== '') query.q = filters.q.trim();
  if (filters.column !== undefined) query.column = filters.column;
  if (filters.column !== undefined && filters.group !== undefined) query.group = filters.group;
  if (filters.kind) query.kind = filters.kind;
  if (filters.ownerUnit) query.ownerUnit = filters.ownerUnit;
  if (filters.status.length > 0) query.status = filters.status.join(',');
  if (filters.light) query.light = filters.light;
  return query;
}

/** A changed filter starts again at page 1; paging keeps the filter. */
export function withFilterChange(filters: ProjectFilters, change: Partial<ProjectFilters>): ProjectFilters {
  const pagingOnly = Object.keys(change).every((key) => key === 'page');
  return { ...filters, ...change, page: pagingOnly ? (change.page ?? filters.page) : 1 };
}

/** How many of the filters behind the phone's 筛选 button are set (the search box stays in sight, so not q). */
export function activeFilterCount(filters: ProjectFilters): number {
  return [filters.column, filters.column !== undefined ? filters.group : undefined, filters.kind, filters.ownerUnit, filters.status.length > 0 || undefined, filters.light].filter(
    (value) => value !== undefined && value !== '',
  ).length;
}

/** The orders a phone offers in one select, where the desktop table has sortable headers. */
export const PHONE_SORTS: Array<{ label: string; sort: ProjectSort; order: 'asc' | 'desc' }> = [
  { label: '默认顺序（按计划编排）', sort: 'planOrder', order: 'asc' },
  { label: '计划竣工：早的在前', sort: 'plannedEndDate', order: 'asc' },
  { label: '总投资：多的在前', sort: 'totalInvestment', order: 'desc' },
  { label: '项目名称', sort: 'name', order: 'asc' },
  { label: '最近更新在前', sort: 'updatedAt', order: 'desc' },
];
