/**
 * 台账导入, the planning half: every row of a projects sheet checked and turned into
 * a create, an update (field by field, before → after), "unchanged", or a rejection
 * with the column and the reason — without writing anything. A row's natural key is
 * its 项目代码, else its exact name within its 专栏 (and owner unit, where the plan
 * lists a name twice). Blank cells of an existing project mean "no change".
 * Editors touch only their own unit's projects; a row for another unit is rejected.
 */
import {
  canMoveProjectStatus,
  PROJECT_KIND_LABELS,
  PROJECT_KINDS,
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
  ProjectKind,
  ProjectStatus,
  yuanToWan,
} from '@app/domain';
import type { Principal } from '../auth/principal';
import { validateProjectAttributes } from '../projects/attributes/project-attributes';
import { PROJECT_COLUMNS, ProjectField } from './import-columns';
import { cellText, parseDateCell, parseWanCell, PlainCell } from './import-cells';
import type { ImportFieldChange, ImportReportRow, ImportRowError } from './import-report';
import { mayWriteForUnit } from '../access/access';
import type { SheetRow } from './import-sheet';

export interface ExistingProject {
  id: string;
  project_code: string | null;
  name: string;
  column_number: number;
  group_number: number;
  column_id: string;
  group_id: string;
  owner_department_id: string | null;
  kind: ProjectKind;
  attributes: Record<string, unknown>;
  status: ProjectStatus;
  lead_official: string | null;
  location: string | null;
  planned_start_date: string | null;
  planned_end_date: string | null;
  total_investment_yuan: string | null;
  description: string | null;
  version: number;
}

export interface ProjectLookups {
  columns: Map<number, { id: string; title: string }>;
  groups: Map<string, { id: string; title: string }>;
  departmentsByName: Map<string, string>;
  departmentNames: Map<string, string>;
  projects: ExistingProject[];
}

/** The columns of `projects` an import writes, with their new values. */
export interface ProjectValues {
  project_code?: string;
  name?: string;
  column_id?: string;
  group_id?: string;
  kind?: ProjectKind;
  attributes?: Record<string, unknown>;
  owner_department_id?: string | null;
  status?: ProjectStatus;
  lead_official?: string;
  location?: string;
  planned_start_date?: string;
  planned_end_date?: string;
  total_investment_yuan?: string;
  description?: string;
}

export type ProjectOperation =
  | { type: 'create'; row: number; values: Required<Pick<ProjectValues, 'name' | 'column_id' | 'group_id' | 'kind'>> & ProjectValues }
  | { type: 'update'; row: number; projectId: string; version: number; values: ProjectValues };

const HEADER = Object.fromEntries(PROJECT_COLUMNS.map((c) => [c.field, c.header])) as Record<ProjectField, string>;
const KIND_BY_LABEL = new Map<string, ProjectKind>(PROJECT_KINDS.flatMap((kind) => [[PROJECT_KIND_LABELS[kind], kind], [kind, kind]] as Array<[string, ProjectKind]>));
const STATUS_BY_LABEL = new Map<string, ProjectStatus>([
  ...PROJECT_STATUSES.flatMap((status) => [[PROJECT_STATUS_LABELS[status], status], [status, status]] as Array<[string, ProjectStatus]>),
  ['投用', 'in_service'],
  ['投产/投用', 'in_service'],
]);

interface ParsedRow {
  projectCode?: string;
  columnNumber?: number;
  groupNumber?: number;
  name?: string;
  kind?: ProjectKind;
  ownerId?: string;
  status?: ProjectStatus;
  leadOfficial?: string;
  location?: string;
  plannedStartDate?: string;
  plannedEndDate?: string;
  totalInvestmentYuan?: string;
  description?: string;
}

function parseRow(cells: Map<string, PlainCell>, lookups: ProjectLookups, errors: ImportRowError[]): ParsedRow {
  const text = (field: ProjectField) => cellText(cells.get(field) ?? null) ?? undefined;
  const fail = (field: ProjectField, reason: string) => errors.push({ header: HEADER[field], reason });
  const parsed: ParsedRow = {};

  parsed.projectCode = text('projectCode');
  if (parsed.projectCode && !/^[0-9A-Za-z-]{1,64}$/.test(parsed.projectCode)) fail('projectCode', '项目代码只能是字母、数字和「-」，最多 64 位');
  const column = text('column');
  if (column) {
    const match = /^(?:专栏\s*)?(\d{1,2})(?:\s|$)/.exec(column);
    if (!match || !lookups.columns.has(Number(match[1]))) fail('column', `「${column}」不是规划中的专栏，请从下拉列表选择`);
    else parsed.columnNumber = Number(match[1]);
  }
  const group = text('group');
  if (group) {
    const match = /^(?:(\d{1,2})\.)?(\d{1,2})(?:\s|$)/.exec(group);
    if (!match) fail('group', `「${group}」不是分组，请从下拉列表选择`);
    else if (match[1] && parsed.columnNumber !== undefined && Number(match[1]) !== parsed.columnNumber) fail('group', `分组「${group}」不属于专栏 ${parsed.columnNumber}`);
    else {
      parsed.groupNumber = Number(match[2]);
      if (parsed.columnNumber === undefined && match[1] && !column) parsed.columnNumber = Number(match[1]);
    }
  }
  parsed.name = text('name');
  if (parsed.name && parsed.name.length > 200) fail('name', '项目名称最多 200 字');
  const kind = text('kind');
  if (kind) {
    parsed.kind = KIND_BY_LABEL.get(kind);
    if (!parsed.kind) fail('kind', `「${kind}」不是项目类型，请从下拉列表选择`);
  }
  const owner = text('ownerUnit');
  if (owner) {
    parsed.ownerId = lookups.departmentsByName.get(owner);
    if (!parsed.ownerId) fail('ownerUnit', `「${owner}」不是系统中的单位，请从下拉列表选择`);
  }
  const status = text('status');
  if (status) {
    parsed.status = STATUS_BY_LABEL.get(status);
    if (!parsed.status) fail('status', `「${status}」不是项目状态，请从下拉列表选择`);
  }
  parsed.leadOfficial = text('leadOfficial');
  parsed.location = text('location');
  parsed.description = text('description');
  for (const field of ['plannedStartDate', 'plannedEndDate'] as const) {
    const value = cells.get(field) ?? null;
    if (value === null) continue;
    const date = parseDateCell(value);
    if (date.ok) parsed[field] = date.value;
    else fail(field, date.reason);
  }
  const amount = cells.get('totalInvestment') ?? null;
  if (amount !== null) {
    const yuan = parseWanCell(amount);
    if (yuan.ok) parsed.totalInvestmentYuan = yuan.value;
    else fail('totalInvestment', yuan.reason);
  }
  return parsed;
}

function display(field: ProjectField, value: unknown, lookups: ProjectLookups): string | null {
  if (value === null || value === undefined) return null;
  switch (field) {
    case 'kind':
      return PROJECT_KIND_LABELS[value as ProjectKind];
    case 'status':
      return PROJECT_STATUS_LABELS[value as ProjectStatus];
    case 'ownerUnit':
      return lookups.departmentNames.get(value as string) ?? String(value);
    case 'totalInvestment':
      return yuanToWan(value as string);
    default:
      return String(value);
  }
}

function keyOf(parsed: ParsedRow): string {
  if (parsed.projectCode) return `项目代码 ${parsed.projectCode}`;
  return `专栏 ${parsed.columnNumber ?? '?'}「${parsed.name ?? ''}」`;
}

export function planProjectImport(rows: SheetRow[], lookups: ProjectLookups, principal: Principal): { report: ImportReportRow[]; operations: ProjectOperation[] } {
  const report: ImportReportRow[] = [];
  const operations: ProjectOperation[] = [];
  const byCode = new Map(lookups.projects.filter((p) => p.project_code).map((p) => [p.project_code!, p]));
  const isAdmin = principal.role === 'admin';
  const ownUnit = principal.departmentId;
  const seenKeys = new Map<string, number>();
  // (group, owner, name) taken, existing and planned: the database's uniqueness, checked before writing.
  const taken = new Map(lookups.projects.map((p) => [`${p.group_id}/${p.owner_department_id ?? ''}/${p.name}`, p.id]));
  const codesTaken = new Map(byCode);

  for (const sheetRow of rows) {
    const errors: ImportRowError[] = [];
    const values = Object.fromEntries(PROJECT_COLUMNS.map((c) => [c.header, cellText(sheetRow.cells.get(c.field) ?? null)]));
    const parsed = parseRow(sheetRow.cells, lookups, errors);
    const reject = (header: string, reason: string) => errors.push({ header, reason });
    const push = (row: Omit<ImportReportRow, 'row' | 'values' | 'key'>) => report.push({ row: sheetRow.row, key: keyOf(parsed), values, ...row });

    if (!parsed.projectCode && !parsed.name) reject(HEADER.name, '项目名称和项目代码至少填一个');
    if (!parsed.projectCode && parsed.name && parsed.columnNumber === undefined) reject(HEADER.column, '没有项目代码时必须填写专栏（按专栏内的名称找项目）');

    // Which project the row is.
    let existing: ExistingProject | undefined;
    if (errors.length === 0) {
      if (parsed.projectCode) existing = byCode.get(parsed.projectCode);
      if (!existing && parsed.name && parsed.columnNumber !== undefined) {
        let candidates = lookups.projects.filter((p) => p.column_number === parsed.columnNumber && p.name === parsed.name);
        if (parsed.projectCode) candidates = candidates.filter((p) => p.project_code === null);
        if (candidates.length > 1 && parsed.ownerId) candidates = candidates.filter((p) => p.owner_department_id === parsed.ownerId);
        if (candidates.length > 1) reject(HEADER.name, `专栏 ${parsed.columnNumber} 中有 ${candidates.length} 个同名项目，请填写项目代码或责任单位区分`);
        else existing = candidates[0];
      }
    }
    const identity = existing?.id ?? keyOf(parsed);
    if (errors.length === 0 && seenKeys.has(identity)) reject(HEADER.name, `与第 ${seenKeys.get(identity)} 行是同一个项目`);
    if (errors.length > 0) {
      push({ action: 'rejected', errors });
      continue;
    }
    seenKeys.set(identity, sheetRow.row);

    // Who may write it.
    if (!isAdmin) {
      if (existing && !mayWriteForUnit(principal, existing.owner_department_id)) reject(HEADER.ownerUnit, '不是本单位的项目：部门填报员只能导入本单位的项目');
      if (parsed.ownerId && !mayWriteForUnit(principal, parsed.ownerId)) reject(HEADER.ownerUnit, `「${lookups.departmentNames.get(parsed.ownerId)}」不是本单位：部门填报员只能导入本单位的项目`);
    }

    const columnNumber = parsed.columnNumber ?? existing?.column_number;
    const groupNumber = parsed.groupNumber ?? (parsed.columnNumber === undefined || parsed.columnNumber === existing?.column_number ? existing?.group_number : undefined);
    const group = columnNumber !== undefined && groupNumber !== undefined ? lookups.groups.get(`${columnNumber}.${groupNumber}`) : undefined;
    if (parsed.groupNumber !== undefined && !group) reject(HEADER.group, `专栏 ${columnNumber} 没有第 ${parsed.groupNumber} 组`);

    if (!existing) {
      for (const field of ['column', 'group', 'name', 'kind'] as const) {
        const missing = { column: parsed.columnNumber, group: parsed.groupNumber, name: parsed.name, kind: parsed.kind }[field] === undefined;
        if (missing) reject(HEADER[field], '新项目必须填写');
      }
    }
    const next = {
      kind: parsed.kind ?? existing?.kind,
      status: parsed.status ?? existing?.status ?? 'planning',
      start: parsed.plannedStartDate ?? existing?.planned_start_date ?? null,
      end: parsed.plannedEndDate ?? existing?.planned_end_date ?? null,
      owner: parsed.ownerId ?? existing?.owner_department_id ?? (isAdmin ? null : ownUnit),
      name: parsed.name ?? existing?.name,
    };
    if (next.start && next.end && next.start > next.end) reject(HEADER.plannedEndDate, `计划完工日期不能早于计划开工日期（${next.start}）`);
    if (existing && parsed.status && parsed.status !== existing.status && !canMoveProjectStatus(existing.status, parsed.status)) {
      reject(HEADER.status, `项目状态不能从「${PROJECT_STATUS_LABELS[existing.status]}」改为「${PROJECT_STATUS_LABELS[parsed.status]}」`);
    }
    let attributes: Record<string, unknown> | undefined;
    if (existing && parsed.kind && parsed.kind !== existing.kind) {
      const check = validateProjectAttributes(parsed.kind, existing.attributes);
      if (check.ok) attributes = check.attributes;
      else reject(HEADER.kind, `改为「${PROJECT_KIND_LABELS[parsed.kind]}」与项目已有的属性不符：${check.errors.map((e) => e.reason).join('；')}`);
    }
    if (parsed.projectCode && codesTaken.has(parsed.projectCode) && codesTaken.get(parsed.projectCode)!.id !== existing?.id) {
      reject(HEADER.projectCode, `项目代码 ${parsed.projectCode} 已属于另一个项目`);
    }
    const groupId = group?.id ?? existing?.group_id;
    const nameKey = `${groupId}/${next.owner ?? ''}/${next.name}`;
    if (groupId && next.name && taken.has(nameKey) && taken.get(nameKey) !== existing?.id) reject(HEADER.name, '同一分组、同一责任单位下已有同名项目');
    if (errors.length > 0) {
      push({ action: 'rejected', errors, projectId: existing?.id });
      continue;
    }

    const wanted: ProjectValues = {
      project_code: parsed.projectCode,
      name: parsed.name,
      column_id: columnNumber !== undefined ? lookups.columns.get(columnNumber)!.id : undefined,
      group_id: group?.id,
      kind: parsed.kind,
      owner_department_id: parsed.ownerId ?? (existing ? undefined : next.owner),
      status: parsed.status ?? (existing ? undefined : 'planning'),
      lead_official: parsed.leadOfficial,
      location: parsed.location,
      planned_start_date: parsed.plannedStartDate,
      planned_end_date: parsed.plannedEndDate,
      total_investment_yuan: parsed.totalInvestmentYuan,
      description: parsed.description,
    };
    if (groupId && next.name) taken.set(nameKey, existing?.id ?? `row-${sheetRow.row}`);
    if (parsed.projectCode) codesTaken.set(parsed.projectCode, existing ?? ({ id: `row-${sheetRow.row}` } as ExistingProject));

    if (!existing) {
      operations.push({ type: 'create', row: sheetRow.row, values: { ...wanted, name: parsed.name!, column_id: wanted.column_id!, group_id: group!.id, kind: parsed.kind!, attributes: {} } });
      push({
        action: 'create',
        changes: fieldChanges(wanted, null, lookups),
      });
      continue;
    }
    const changed: ProjectValues = {};
    for (const [key, value] of Object.entries(wanted) as Array<[keyof ProjectValues, unknown]>) {
      if (value === undefined) continue;
      if (value !== existing[key as keyof ExistingProject]) (changed as Record<string, unknown>)[key] = value;
    }
    // Same 专栏 and group as before: moving is only a change when the group is.
    if (changed.group_id === undefined) delete changed.column_id;
    if (attributes && changed.kind) changed.attributes = attributes;
    if (Object.keys(changed).length === 0) {
      push({ action: 'unchanged', projectId: existing.id });
      continue;
    }
    operations.push({ type: 'update', row: sheetRow.row, projectId: existing.id, version: existing.version, values: changed });
    push({ action: 'update', projectId: existing.id, changes: fieldChanges(changed, existing, lookups) });
  }
  return { report, operations };
}

const FIELD_OF: Partial<Record<keyof ProjectValues, ProjectField>> = {
  project_code: 'projectCode',
  name: 'name',
  group_id: 'group',
  kind: 'kind',
  owner_department_id: 'ownerUnit',
  status: 'status',
  lead_official: 'leadOfficial',
  location: 'location',
  planned_start_date: 'plannedStartDate',
  planned_end_date: 'plannedEndDate',
  total_investment_yuan: 'totalInvestment',
  description: 'description',
};

function fieldChanges(values: ProjectValues, before: ExistingProject | null, lookups: ProjectLookups): ImportFieldChange[] {
  const groupTitle = (id: string | null | undefined) => {
    if (!id) return null;
    for (const [key, group] of lookups.groups) if (group.id === id) return `${key} ${group.title}`;
    return id;
  };
  const changes: ImportFieldChange[] = [];
  for (const [key, field] of Object.entries(FIELD_OF) as Array<[keyof ProjectValues, ProjectField]>) {
    const after = values[key];
    if (after === undefined) continue;
    const previous = before ? before[key as keyof ExistingProject] : null;
    changes.push({
      field,
      header: HEADER[field],
      before: field === 'group' ? groupTitle(previous as string | null) : display(field, previous, lookups),
      after: field === 'group' ? groupTitle(after as string) : display(field, after, lookups),
    });
  }
  return changes;
}
