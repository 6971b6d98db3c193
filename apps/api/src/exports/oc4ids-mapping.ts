/**
 * How a key project becomes an OC4IDS 0.9.5 project (Open Contracting for
 * Infrastructure Data Standards): pure functions from the rows the export reads to
 * the standard's JSON. The table in the README ("OC4IDS export") says the same,
 * field by field; codes come from the standard's codelists, and our own
 * classifications go in additionalClassifications under the schemes named here.
 */
import { MILESTONE_KIND_LABELS, MilestoneKind, MilestoneStatus, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS, ProjectKind, ProjectStatus } from '@app/domain';

/** OC4IDS schema version, major.minor, as the package's `version` wants it. */
export const OC4IDS_VERSION = '0.9';
export const PUBLISHER_NAME = '呼和浩特市玉泉区人民政府';
/** The supervisory office (督查室) reviews every project: OC4IDS `reviewBody`. */
export const REVIEW_BODY = { id: 'yuquan-duchashi', name: '玉泉区人民政府督查室' } as const;
/** Our own classification schemes (classificationScheme is an open codelist). */
export const KIND_SCHEME = 'x_kptProjectKind';
export const STATUS_SCHEME = 'x_kptProjectStatus';

export interface Oc4idsProjectRow {
  id: string;
  name: string;
  description: string | null;
  kind: ProjectKind;
  status: ProjectStatus;
  planned_start_date: string | null;
  planned_end_date: string | null;
  total_investment_yuan: string | null;
  owner_id: string | null;
  owner_name: string | null;
  /** The latest change of the project or anything of it (milestones, investment figures, reports). */
  last_change: Date;
}

export interface Oc4idsMilestoneRow {
  id: string;
  project_id: string;
  kind: MilestoneKind;
  name: string;
  baseline_date: string;
  planned_date: string;
  actual_date: string | null;
  status: MilestoneStatus;
  updated_at: Date;
}

export interface Oc4idsAmountRow {
  project_id: string;
  /** A year ('2026') for annual plans, a month ('2026-06') for completed investment. */
  period: string;
  amount_yuan: string;
}

/** An attachment standing on a progress report or a milestone of the project (notices' are not published). */
export interface Oc4idsAttachmentRow {
  id: string;
  project_id: string;
  record_type: 'progress_report' | 'milestone';
  file_name: string;
  media_type: string;
  uploaded_at: Date;
  report_period: string | null;
  milestone_kind: MilestoneKind | null;
  milestone_name: string | null;
}

export interface Oc4idsProjectData {
  project: Oc4idsProjectRow;
  milestones: Oc4idsMilestoneRow[];
  annualPlans: Oc4idsAmountRow[];
  monthlyInvestments: Oc4idsAmountRow[];
  attachments?: Oc4idsAttachmentRow[];
}

/** Our statuses → projectStatus (closed codelist). 暂停 has no code: the phase it stopped in. */
export function projectStatusCode(status: ProjectStatus, constructionStarted: boolean): string {
  switch (status) {
    case 'planning':
      return 'identification';
    case 'preparation':
      return 'preparation';
    case 'under_construction':
      return 'implementation';
    case 'completed':
      return 'completion';
    case 'in_service':
      return 'maintenance'; // 投产/投用: "the day-to-day running of the assets"
    case 'suspended':
      return constructionStarted ? 'implementation' : 'preparation';
    case 'cancelled':
      return 'cancelled';
  }
}

/** Our kinds → projectSector (open codelist; only its own codes are used). 其他 has none. */
export const SECTOR_BY_KIND: Record<ProjectKind, string | null> = {
  substation: 'energy',
  school: 'education',
  pipe_network: 'waterAndWaste',
  road: 'transport.road',
  resettlement_housing: 'socialHousing',
  hospital: 'health',
  ecology: 'naturalResources',
  industrial_park: 'economy',
  culture_tourism: 'cultureSportsAndRecreation',
  agriculture: 'economy', // "including agribusiness, agriculture"
  public_safety: 'governance', // "emergency services / response, local security"
  elderly_care: 'health', // "healthcare and human services"
  other: null,
};

/**
 * projectType (closed codelist) is what is done, not what is built, so it comes
 * from the name: 改扩建/扩建/扩容 → expansion, 改造/提升/修缮/修复/更新 →
 * rehabilitation, anything else (新建, 建设 …) → construction.
 */
export function projectTypeCode(name: string): string {
  if (/改扩建|扩建|扩容/.test(name)) return 'expansion';
  if (/改造|提升|修缮|修复|更新|整治|维修/.test(name)) return 'rehabilitation';
  return 'construction';
}

/** milestoneType and milestoneCode (both open codelists) of our milestone kinds. */
const MILESTONE_CODES: Record<MilestoneKind, { type?: string; code?: string }> = {
  project_approval: { type: 'approval', code: 'projectApproval' },
  feasibility_approval: { type: 'approval' },
  land_planning_permit: { type: 'approval' },
  construction_permit: { type: 'approval' },
  construction_start: { type: 'delivery', code: 'commencement' },
  main_structure_done: { type: 'delivery' },
  completion_acceptance: { type: 'delivery', code: 'completion' },
  handover: { type: 'delivery' },
  in_service: { type: 'delivery', code: 'commissioning' },
  custom: {},
};

/** The milestone that marks the end of the works, in order of preference. */
const COMPLETION_KINDS: MilestoneKind[] = ['completion_acceptance', 'handover', 'in_service'];

/** A calendar date (Asia/Shanghai) as the date-time OC4IDS wants: its start, or its end. */
export function startOfDay(date: string): string {
  return `${date}T00:00:00+08:00`;
}
export function endOfDay(date: string): string {
  return `${date}T23:59:59+08:00`;
}

function cny(yuan: string): { amount: number; currency: 'CNY' } {
  // Whole yuan fit a double exactly below 2^53 (9×10^15 yuan): far beyond any project.
  return { amount: Number(yuan), currency: 'CNY' };
}

function lastDayOfMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  const day = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${month}-${String(day).padStart(2, '0')}`;
}

function period(start: string | null, end: string | null): Record<string, string> | undefined {
  const result: Record<string, string> = {};
  if (start) result.startDate = startOfDay(start);
  if (end) result.endDate = endOfDay(end);
  return Object.keys(result).length > 0 ? result : undefined;
}

function milestoneStatusCode(milestone: Oc4idsMilestoneRow, today: string): string {
  if (milestone.status === 'done') return 'met';
  return milestone.planned_date < today ? 'notMet' : 'scheduled';
}

/**
 * An attachment as an OC4IDS document: a photo is an `illustration`; a document on a progress report a
 * `physicalProgressReport`; on a completion milestone (竣工验收, 交付, 投用) a `completionCertificate`; on any other
 * milestone (a 批复, a 许可) our own `x_approvalDocument` (documentType is an open codelist). The url is the API's
 * download route (it asks for credentials like every route).
 */
export function attachmentDocument(attachment: Oc4idsAttachmentRow, baseUrl: string): Record<string, unknown> {
  const photo = attachment.media_type.startsWith('image/');
  const documentType = photo
    ? 'illustration'
    : attachment.record_type === 'progress_report'
      ? 'physicalProgressReport'
      : attachment.milestone_kind && COMPLETION_KINDS.includes(attachment.milestone_kind)
        ? 'completionCertificate'
        : 'x_approvalDocument';
  const milestone = attachment.milestone_name || (attachment.milestone_kind ? MILESTONE_KIND_LABELS[attachment.milestone_kind] : '');
  const description =
    attachment.record_type === 'progress_report'
      ? `进展填报${attachment.report_period ? `（${attachment.report_period}）` : ''}的${photo ? '现场照片' : '佐证材料'}`
      : `节点「${milestone}」完成的${photo ? '现场照片' : '佐证材料'}`;
  return {
    id: attachment.id,
    documentType,
    title: attachment.file_name,
    description,
    url: `${baseUrl.replace(/\/+$/, '')}/api/v1/attachments/${attachment.id}/file`,
    datePublished: attachment.uploaded_at.toISOString(),
    format: attachment.media_type,
    language: 'zh',
  };
}

/** Drops undefined members, so optional fields are absent rather than null (the schema wants no nulls). */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** One project in OC4IDS. `today` (YYYY-MM-DD, Asia/Shanghai) decides which open milestones are not met. */
export function toOc4idsProject(data: Oc4idsProjectData, options: { prefix: string; today: string; baseUrl?: string }): Record<string, unknown> {
  const { project } = data;
  // A cancelled milestone was neither met nor missed: milestoneStatus has no code for it, so it is left out.
  const milestones = data.milestones.filter((m) => m.status !== 'cancelled');
  const dateOf = (m: Oc4idsMilestoneRow) => m.actual_date ?? m.planned_date;
  const byKind = (kinds: MilestoneKind[]) => kinds.map((kind) => milestones.find((m) => m.kind === kind)).find((m) => m !== undefined);
  const start = byKind(['construction_start']);
  const finish = byKind(COMPLETION_KINDS);
  const planned = milestones.map((m) => m.planned_date).sort();
  const sector = SECTOR_BY_KIND[project.kind];
  const owner = project.owner_id ? { id: project.owner_id, name: project.owner_name! } : undefined;
  const finished = project.status === 'completed' || project.status === 'in_service';
  const completed = data.monthlyInvestments.reduce((sum, row) => sum + BigInt(row.amount_yuan), 0n);

  const budget = compact({
    amount: project.total_investment_yuan === null ? undefined : cny(project.total_investment_yuan),
    budgetBreakdowns:
      data.annualPlans.length === 0
        ? undefined
        : [
            {
              id: 'annual-plan',
              budgetBreakdown: data.annualPlans.map((row) => ({
                id: row.period,
                description: `${row.period} 年度计划投资`,
                amount: cny(row.amount_yuan),
                period: { startDate: startOfDay(`${row.period}-01-01`), endDate: endOfDay(`${row.period}-12-31`) },
              })),
            },
          ],
  });

  return compact({
    id: `${options.prefix}${project.id}`,
    updated: project.last_change.toISOString(),
    language: 'zh',
    title: project.name,
    description: project.description?.trim() ? project.description : undefined,
    status: projectStatusCode(project.status, start?.status === 'done'),
    type: projectTypeCode(project.name),
    sector: sector ? [sector] : undefined,
    additionalClassifications: [
      { scheme: KIND_SCHEME, id: project.kind, description: PROJECT_KIND_LABELS[project.kind] },
      { scheme: STATUS_SCHEME, id: project.status, description: PROJECT_STATUS_LABELS[project.status] },
    ],
    budget: Object.keys(budget).length > 0 ? budget : undefined,
    period: period(project.planned_start_date ?? planned[0] ?? null, project.planned_end_date ?? planned[planned.length - 1] ?? null),
    implementationPeriod: period(start ? dateOf(start) : null, finish ? dateOf(finish) : null),
    publicAuthority: owner,
    parties: [...(owner ? [{ ...owner, roles: ['publicAuthority'] }] : []), { ...REVIEW_BODY, roles: ['reviewBody'] }],
    milestones:
      milestones.length === 0
        ? undefined
        : milestones.map((m) =>
            compact({
              id: m.id,
              title: m.name,
              description: `${MILESTONE_KIND_LABELS[m.kind]}；计划 ${m.planned_date}${m.planned_date !== m.baseline_date ? `（基线 ${m.baseline_date}）` : ''}`,
              ...MILESTONE_CODES[m.kind],
              dueDate: startOfDay(m.baseline_date),
              dateMet: m.actual_date ? startOfDay(m.actual_date) : undefined,
              dateModified: m.updated_at.toISOString(),
              status: milestoneStatusCode(m, options.today),
            }),
          ),
    documents:
      data.attachments && data.attachments.length > 0
        ? data.attachments.map((attachment) => attachmentDocument(attachment, options.baseUrl ?? ''))
        : undefined,
    completion:
      finished && (finish?.actual_date || data.monthlyInvestments.length > 0)
        ? compact({
            endDate: finish?.actual_date ? endOfDay(finish.actual_date) : undefined,
            finalValue: data.monthlyInvestments.length > 0 ? cny(completed.toString()) : undefined,
            finalValueDetails: data.monthlyInvestments.length > 0 ? '累计完成投资' : undefined,
          })
        : undefined,
    metrics:
      data.monthlyInvestments.length === 0
        ? undefined
        : [
            {
              id: 'financialProgress',
              title: '完成投资（按月）',
              observations: data.monthlyInvestments.map((row) => ({
                id: row.period,
                period: { startDate: startOfDay(`${row.period}-01`), endDate: endOfDay(lastDayOfMonth(row.period)) },
                value: cny(row.amount_yuan),
              })),
            },
          ],
  });
}
