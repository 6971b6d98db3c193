import {
  allowedNextStatuses,
  DepartmentKind,
  FundingSource,
  PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS,
  ProjectKind,
  ProjectStatus,
  yuanToWan,
} from '@app/domain';
import { PROJECT_PLACE_SQL } from '@app/reporting';
import { ProjectResponseDto } from './dto/project.response';

/**
 * The one SQL shape a project is read with (lists and detail alike): the
 * project row with its 专栏, group and owner unit joined in, so a page of
 * projects is a single query and never one query per row.
 */
export const PROJECT_COLUMNS_SQL = `
  p.id, p.name, p.kind, p.attributes, p.description, p.location, p.lead_official, p.status,
  p.planned_start_date, p.planned_end_date, p.total_investment_yuan, p.funding_sources,
  p.percent_complete, p.version, p.created_at, p.updated_at, p.last_activity_at,
  p.state_version, c.id AS column_id, c.number AS column_number, c.title AS column_title,
  g.id AS group_id, g.number AS group_number, g.title AS group_title,
  d.id AS owner_id, d.name AS owner_name, d.kind AS owner_kind,
  lead.id AS lead_user_id, lead.display_name AS lead_user_name`;

export const PROJECT_FROM_SQL = `${PROJECT_PLACE_SQL}
  LEFT JOIN users lead ON lead.id = p.lead_official_user_id`;

export interface ProjectRow {
  id: string;
  name: string;
  kind: ProjectKind;
  attributes: Record<string, unknown>;
  description: string | null;
  location: string | null;
  lead_official: string | null;
  status: ProjectStatus;
  planned_start_date: string | null;
  planned_end_date: string | null;
  total_investment_yuan: string | null;
  funding_sources: FundingSource[];
  percent_complete: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** The last update of any kind (kept by the database, migration 1764000010220). */
  last_activity_at: Date;
  /** Bumped by the database on any change to the project or its milestones (the warning-light cache's key). */
  state_version: string;
  column_id: string;
  column_number: number;
  column_title: string;
  group_id: string;
  group_number: number;
  group_title: string;
  owner_id: string | null;
  owner_name: string | null;
  owner_kind: DepartmentKind | null;
  lead_user_id: string | null;
  lead_user_name: string | null;
}

export function presentProject(row: ProjectRow): ProjectResponseDto {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    kindLabel: PROJECT_KIND_LABELS[row.kind],
    column: { number: row.column_number, title: row.column_title },
    group: { number: row.group_number, title: row.group_title },
    ownerUnit: row.owner_id === null ? null : { id: row.owner_id, name: row.owner_name!, kind: row.owner_kind! },
    status: row.status,
    statusLabel: PROJECT_STATUS_LABELS[row.status],
    allowedNextStatuses: [...allowedNextStatuses(row.status)],
    attributes: row.attributes ?? {},
    description: row.description,
    location: row.location,
    leadOfficial: row.lead_official,
    leadOfficialUser: row.lead_user_id === null ? null : { id: row.lead_user_id, displayName: row.lead_user_name! },
    plannedStartDate: row.planned_start_date,
    plannedEndDate: row.planned_end_date,
    totalInvestmentYuan: row.total_investment_yuan,
    totalInvestmentWan: row.total_investment_yuan === null ? null : yuanToWan(row.total_investment_yuan),
    fundingSources: (row.funding_sources ?? []).map((funding) => ({
      source: funding.source,
      amountYuan: funding.amountYuan ?? null,
      amountWan: funding.amountYuan === null || funding.amountYuan === undefined ? null : yuanToWan(funding.amountYuan),
    })),
    percentComplete: row.percent_complete,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
