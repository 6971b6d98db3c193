import { ApiProperty } from '@nestjs/swagger';
import { DEPARTMENT_KINDS, DepartmentKind, PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@app/domain';
import { InvestmentSummaryDto } from '../../investment/dto/investment-summary.response';
import { MilestoneResponse } from '../../milestones/dto/milestone.response';
import { WARNING_LIGHTS, WARNING_REASONS, WarningLight, WarningReason } from '@app/reporting';

export class PlanPlaceDto {
  @ApiProperty({ example: 8 })
  number: number;

  @ApiProperty({ example: '基础设施建设重点工程' })
  title: string;
}

export class OwnerUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '区发展和改革委员会' })
  name: string;

  @ApiProperty({ enum: DEPARTMENT_KINDS, example: 'department' })
  kind: DepartmentKind;
}

export class FundingSourceResponseDto {
  @ApiProperty({ example: '超长期特别国债' })
  source: string;

  @ApiProperty({ type: String, example: '200000000', nullable: true, description: '金额（元）；未知时为 null' })
  amountYuan: string | null;

  @ApiProperty({ type: String, example: '20000', nullable: true, description: '金额（万元）' })
  amountWan: string | null;
}

/** A key project (重点工程) as lists and other teams read it. */
export class LeadOfficialUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '王某某（副区长）' })
  displayName: string;
}

export class ProjectResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '玉泉变 220 千伏变电站工程' })
  name: string;

  @ApiProperty({ enum: PROJECT_KINDS, example: 'substation' })
  kind: ProjectKind;

  @ApiProperty({ example: '变电站/输变电' })
  kindLabel: string;

  @ApiProperty({ type: PlanPlaceDto, description: '专栏' })
  column: PlanPlaceDto;

  @ApiProperty({ type: PlanPlaceDto, example: { number: 3, title: '能源基础设施建设工程' } })
  group: PlanPlaceDto;

  @ApiProperty({ type: OwnerUnitDto, nullable: true, description: '责任单位' })
  ownerUnit: OwnerUnitDto | null;

  @ApiProperty({ enum: PROJECT_STATUSES, example: 'under_construction' })
  status: ProjectStatus;

  @ApiProperty({ example: '在建' })
  statusLabel: string;

  @ApiProperty({ enum: PROJECT_STATUSES, isArray: true, example: ['completed', 'suspended', 'cancelled'] })
  allowedNextStatuses: ProjectStatus[];

  @ApiProperty({ type: 'object', additionalProperties: true, example: { voltageKv: 220, capacityMva: '480' }, description: 'Kind-specific attributes (camelCase)' })
  attributes: Record<string, unknown>;

  @ApiProperty({ type: String, example: '新建 220 千伏变电站一座，主变 2×240 兆伏安', nullable: true })
  description: string | null;

  @ApiProperty({ type: String, example: '小召前街街道', nullable: true, description: '所在街道/镇' })
  location: string | null;

  @ApiProperty({ type: String, example: '王某某（副区长）', nullable: true, description: '包联领导' })
  leadOfficial: string | null;

  @ApiProperty({ type: LeadOfficialUserDto, nullable: true, description: "The lead official's user account, when one is set" })
  leadOfficialUser: LeadOfficialUserDto | null;

  @ApiProperty({ type: String, example: '2026-03-01', nullable: true })
  plannedStartDate: string | null;

  @ApiProperty({ type: String, example: '2027-12-31', nullable: true })
  plannedEndDate: string | null;

  @ApiProperty({ type: String, example: '450000000', nullable: true, description: '总投资（元）' })
  totalInvestmentYuan: string | null;

  @ApiProperty({ type: String, example: '45000', nullable: true, description: '总投资（万元）' })
  totalInvestmentWan: string | null;

  @ApiProperty({ type: [FundingSourceResponseDto], description: '资金来源' })
  fundingSources: FundingSourceResponseDto[];

  @ApiProperty({ type: String, example: '35.50', nullable: true, description: '形象进度（%）' })
  percentComplete: string | null;

  @ApiProperty({ example: 3 })
  version: number;

  @ApiProperty({ example: '2026-01-05T02:00:00.000Z' })
  createdAt: string;

  @ApiProperty({ example: '2026-03-10T08:30:00.000Z' })
  updatedAt: string;
}


/** One project with its milestones (节点, by planned date) and investment summary. */
export class ProjectDetailResponseDto extends ProjectResponseDto {
  @ApiProperty({ type: [MilestoneResponse], description: 'Its milestones (not the removed ones), in the shape of the milestones routes' })
  milestones: MilestoneResponse[];

  @ApiProperty({ type: InvestmentSummaryDto })
  investment: InvestmentSummaryDto;
}

/** A list row's warning light today (the same assessment as GET /warning-lights/projects). */
export class ProjectWarningDto {
  @ApiProperty({ enum: WARNING_LIGHTS, example: 'red', description: '红灯 red / 黄灯 yellow / 绿灯 green' })
  light: WarningLight;

  @ApiProperty({ enum: WARNING_REASONS, isArray: true })
  reasons: WarningReason[];

  @ApiProperty({ example: 1, description: 'Overdue milestones (pending, planned date before today)' })
  overdueCount: number;

  @ApiProperty({ example: 12, description: 'Working days late of its most overdue milestone (0 when none)' })
  worstWorkingDaysLate: number;

  @ApiProperty({ type: [String], example: ['节点逾期：1 个节点逾期，最长逾期 12 个工作日'], description: 'Why, one sentence per reason (Chinese), for the tooltip' })
  details: string[];
}

export class ProjectListItemDto extends ProjectResponseDto {
  @ApiProperty({ type: ProjectWarningDto, nullable: true, description: "Today's light; null for a cancelled project" })
  warning: ProjectWarningDto | null;

  @ApiProperty({ example: '2026-11-20T03:12:00.000Z', description: 'The last update of any kind: the project, a milestone, a progress report, investment, a problem' })
  lastActivityAt: string;

  @ApiProperty({ example: false, description: '久未更新: 谋划/前期/在建 and no update for more than N working days (GET /settings/reporting)' })
  stale: boolean;
}

/** GET /projects/:id/activity: 久未更新 of one project, today (not cached with the project's ETag: it changes with the date). */
export class ProjectActivityDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: '2026-11-20T03:12:00.000Z' })
  lastActivityAt: string;

  @ApiProperty({ example: 3, description: 'Working days since the last update (after its day, through today)' })
  workingDaysSinceActivity: number;

  @ApiProperty({ example: 10, description: 'N: stale beyond this many working days' })
  staleWorkingDays: number;

  @ApiProperty({ example: false })
  stale: boolean;
}

export class ProjectPageDto {
  @ApiProperty({ type: [ProjectListItemDto] })
  items: ProjectListItemDto[];

  @ApiProperty({ example: 128 })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;
}
