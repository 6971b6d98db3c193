import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MILESTONE_KINDS, MilestoneKind, PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@app/domain';
import { ColumnRefDto, UnitRefDto } from '../../warning-lights/dto/project-light.response';
import { PagedPortfolioFilterQuery, PortfolioFilterQuery } from '../../warning-lights/dto/portfolio-filter.query';
import { Trend, TRENDS } from '@app/reporting';

export class OverdueMilestoneDto {
  @ApiProperty({ format: 'uuid' })
  milestoneId: string;

  @ApiProperty({ example: '施工许可' })
  milestoneName: string;

  @ApiProperty({ enum: MILESTONE_KINDS })
  milestoneKind: MilestoneKind;

  @ApiProperty({ example: '2026-11-12' })
  plannedDate: string;

  @ApiProperty({ example: '2026-10-29' })
  baselineDate: string;

  @ApiProperty({ example: 9, description: 'Working days in (planned date, today]: official calendar, 调休 included' })
  workingDaysLate: number;

  @ApiProperty({ example: 10, description: 'Working days the planned date has slipped from the baseline (negative when earlier)' })
  workingDaysSlipped: number;

  @ApiProperty({ example: true, description: '关键节点 (开工, 竣工验收, 交付, 投产/投用)' })
  isKeyMilestone: boolean;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: '玉泉变 220 千伏变电站工程' })
  projectName: string;

  @ApiProperty({ enum: PROJECT_KINDS })
  projectKind: ProjectKind;

  @ApiProperty({ enum: PROJECT_STATUSES })
  projectStatus: ProjectStatus;

  @ApiProperty({ type: ColumnRefDto })
  column: ColumnRefDto;

  @ApiProperty({ type: UnitRefDto, nullable: true, description: '责任单位' })
  ownerUnit: UnitRefDto | null;

  @ApiProperty({ type: String, nullable: true, example: '王某某（副区长）', description: '包联领导: the lead official user\'s name, else the name written on the project' })
  leadOfficial: string | null;
}

export class OverdueMilestonePageDto {
  @ApiProperty({ example: '2026-11-25', description: 'Today (Asia/Shanghai)' })
  asOf: string;

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ type: [OverdueMilestoneDto], description: 'Most working days late first' })
  items: OverdueMilestoneDto[];
}

export const SUMMARY_DIMENSIONS = ['column', 'group', 'kind', 'ownerUnit', 'light'] as const;
export type SummaryDimension = (typeof SUMMARY_DIMENSIONS)[number];

export const OVERDUE_SCOPES = ['unit', 'all'] as const;
export type OverdueScope = (typeof OVERDUE_SCOPES)[number];

export class OverdueQuery extends PagedPortfolioFilterQuery {
  @ApiPropertyOptional({
    enum: OVERDUE_SCOPES,
    description:
      "unit: the caller's own unit (the default for department editors); all: the whole district (the default for everyone else). " +
      'scope=unit needs a caller with a unit.',
  })
  @IsOptional()
  @IsIn(OVERDUE_SCOPES)
  scope?: OverdueScope;

  @ApiPropertyOptional({ example: 10, minimum: 1, maximum: 10000, description: 'Only milestones at least this many working days late' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  minWorkingDaysLate?: number;
}

export class SummaryQuery extends PortfolioFilterQuery {
  @ApiProperty({ enum: SUMMARY_DIMENSIONS, example: 'ownerUnit', description: 'What the buckets are' })
  @IsIn(SUMMARY_DIMENSIONS)
  by: SummaryDimension;
}

export class LightCountsDto {
  @ApiProperty({ example: 2 })
  red: number;

  @ApiProperty({ example: 1 })
  yellow: number;

  @ApiProperty({ example: 5 })
  green: number;

  @ApiProperty({ example: 8 })
  total: number;
}

export class SummaryBucketDto extends LightCountsDto {
  @ApiProperty({
    type: String,
    example: '8',
    nullable: true,
    description: 'column: 专栏 number; group: "<column>.<group>"; kind: kind code; ownerUnit: department id (null = no owner unit); light: red|yellow|green',
  })
  key: string | null;

  @ApiProperty({ example: '专栏8 基础设施建设重点工程' })
  label: string;
}

export class SummaryDto {
  @ApiProperty({ example: '2026-11-25' })
  asOf: string;

  @ApiProperty({ enum: SUMMARY_DIMENSIONS })
  by: SummaryDimension;

  @ApiProperty({ type: [SummaryBucketDto] })
  buckets: SummaryBucketDto[];

  @ApiProperty({ type: LightCountsDto })
  totals: LightCountsDto;
}

export class LatenessDto {
  @ApiProperty({ example: 2, description: 'Overdue milestones' })
  overdueCount: number;

  @ApiProperty({ example: 9, description: 'Working days late of the most overdue one' })
  worstWorkingDaysLate: number;
}


export class ProjectTrendDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: '玉泉变 220 千伏变电站工程' })
  projectName: string;

  @ApiProperty({ enum: PROJECT_KINDS })
  projectKind: ProjectKind;

  @ApiProperty({ example: 8 })
  columnNumber: number;

  @ApiProperty({ type: UnitRefDto, nullable: true })
  ownerUnit: UnitRefDto | null;

  @ApiProperty({ type: LatenessDto, description: 'Today' })
  thisWeek: LatenessDto;

  @ApiProperty({ type: LatenessDto, description: 'Last Sunday (end of the previous ISO week)' })
  lastWeek: LatenessDto;

  @ApiProperty({
    enum: TRENDS,
    description:
      'worse: late now and not last week (a new red), or more working days late than last week; ' +
      'better: no longer late, or fewer working days late; unchanged otherwise — still late by the same working days is unchanged, ' +
      'however many milestones are overdue.',
  })
  trend: Trend;
}

export class TrendBaselineDto {
  @ApiProperty({ example: '2026-W47' })
  isoWeek: string;

  @ApiProperty({ example: '2026-11-22', description: 'The Sunday compared with' })
  asOf: string;

  @ApiProperty({
    enum: ['snapshot', 'computed'],
    description:
      'snapshot: from the stored 周报 of that week (what was reported then); computed: no report is stored, so it is computed from today\'s data as of that Sunday ' +
      '(milestones done by their actual dates; a planned date moved since then is seen at its new date)',
  })
  source: 'snapshot' | 'computed';
}

export class TrendCountsDto {
  @ApiProperty({ example: 3 })
  worse: number;

  @ApiProperty({ example: 1 })
  unchanged: number;

  @ApiProperty({ example: 2 })
  better: number;
}

export class TrendsDto {
  @ApiProperty({ example: '2026-11-25' })
  asOf: string;

  @ApiProperty({ type: TrendBaselineDto })
  lastWeek: TrendBaselineDto;

  @ApiProperty({ type: TrendCountsDto })
  totals: TrendCountsDto;

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ type: [ProjectTrendDto], description: 'Worse first, then unchanged, then better; within each, most days late today first' })
  items: ProjectTrendDto[];
}

