import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_KINDS, MilestoneKind, PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@app/domain';
import { WARNING_LIGHTS, WARNING_REASONS, WarningLight, WarningReason } from '@app/reporting';

export class UnitRefDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '区住房和城乡建设局' })
  name: string;
}

export class ColumnRefDto {
  @ApiProperty({ example: 8 })
  number: number;

  @ApiProperty({ example: '基础设施建设重点工程' })
  title: string;
}

export class ProgressDto {
  @ApiProperty({ example: '72.88', description: '序时进度: share of planned start → planned end elapsed (calendar days), %' })
  expectedPercent: string;

  @ApiProperty({ example: '60.00', description: '形象进度, %' })
  actualPercent: string;

  @ApiProperty({ example: '12.88', description: 'expected − actual, points' })
  lagPoints: string;

  @ApiProperty({ example: false, description: 'lag > P (compared exactly)' })
  lagging: boolean;
}

export class StartLightDto {
  @ApiProperty({ example: '2026-11-02', description: 'The planned start counted from: the 开工 milestone\'s planned date, else the project\'s planned start' })
  plannedStartDate: string;

  @ApiProperty({ enum: ['milestone', 'project'], example: 'milestone' })
  source: 'milestone' | 'project';

  @ApiProperty({ example: 12, description: 'Working days after the planned start without a start' })
  workingDaysLate: number;

  @ApiProperty({ enum: WARNING_LIGHTS, example: 'red' })
  light: WarningLight;
}

export class InvestmentLightDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: '2026-11', description: 'The month whose end is assessed (the latest month end on or before today)' })
  month: string;

  @ApiProperty({ example: '50000000', description: '年度计划投资, whole yuan' })
  planYuan: string;

  @ApiProperty({ example: '10000000', description: 'Completed in the year up to that month, whole yuan' })
  completedYuan: string;

  @ApiProperty({ example: '91.67', description: '序时: months ÷ 12, %' })
  expectedPercent: string;

  @ApiProperty({ example: '20.00', description: 'completed ÷ plan, %' })
  actualPercent: string;

  @ApiProperty({ example: '71.67', description: 'expected − actual, points (compared exactly, not on the rounded figures)' })
  lagPoints: string;

  @ApiProperty({ enum: WARNING_LIGHTS, example: 'red' })
  light: WarningLight;
}

export class ProblemsLightDto {
  @ApiProperty({ example: 2, description: 'Open coordination problems (问题台账)' })
  openCount: number;

  @ApiProperty({ example: 1, description: 'Open problems older than the yellow threshold' })
  agedCount: number;

  @ApiProperty({ example: '2026-11-02' })
  oldestRaisedDate: string;

  @ApiProperty({ example: 12, description: 'Working days the oldest open problem has been open' })
  oldestWorkingDaysOpen: number;

  @ApiProperty({ enum: WARNING_LIGHTS, example: 'yellow' })
  light: WarningLight;
}

export class ProjectLightDto {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: '玉泉变 220 千伏变电站工程' })
  name: string;

  @ApiProperty({ enum: PROJECT_KINDS })
  kind: ProjectKind;

  @ApiProperty({ enum: PROJECT_STATUSES })
  status: ProjectStatus;

  @ApiProperty({ type: ColumnRefDto })
  column: ColumnRefDto;

  @ApiProperty({ type: UnitRefDto, nullable: true })
  ownerUnit: UnitRefDto | null;

  @ApiProperty({ enum: WARNING_LIGHTS, example: 'red', description: '红灯 red / 黄灯 yellow / 绿灯 green: the worst of its milestones and its progress rule' })
  light: WarningLight;

  @ApiProperty({ enum: WARNING_REASONS, isArray: true, example: ['milestone_overdue'] })
  reasons: WarningReason[];

  @ApiProperty({ example: 2, description: 'Overdue milestones (pending, planned date before today)' })
  overdueCount: number;

  @ApiProperty({ example: 9, description: 'Working days late of its most overdue milestone (0 when none)' })
  worstWorkingDaysLate: number;

  @ApiProperty({
    type: Number,
    example: 10,
    nullable: true,
    description: 'Largest slip of a pending milestone\'s planned date from its baseline, in working days (negative = moved earlier); null when nothing is pending',
  })
  slipWorkingDays: number | null;

  @ApiProperty({
    type: Number,
    example: 0.67,
    nullable: true,
    description:
      'Schedule index (earned schedule on milestones) = (milestones met by today ÷ all) ÷ (milestones due by today ÷ all) = met ÷ due. ' +
      'Due: not cancelled, planned date ≤ today. Met: done with actual date ≤ today, early or late (lateness shows in days late). ' +
      '1 = on schedule, < 1 behind, > 1 ahead; null when nothing is due yet.',
  })
  scheduleIndex: number | null;

  @ApiProperty({ type: ProgressDto, nullable: true, description: 'Null when the progress rule does not apply (no dates or percentage; completed, in service or cancelled)' })
  progress: ProgressDto | null;

  @ApiProperty({ type: StartLightDto, nullable: true, description: '开工 rule; null when off or not applicable (started, not due yet, no planned start)' })
  start: StartLightDto | null;

  @ApiProperty({ type: InvestmentLightDto, nullable: true, description: 'Investment rule; null when off or not applicable (no annual plan, finished)' })
  investment: InvestmentLightDto | null;

  @ApiProperty({ type: ProblemsLightDto, nullable: true, description: 'Open-problems rule; null when off or no problem is open' })
  problems: ProblemsLightDto | null;

  @ApiProperty({ type: [String], example: ['红灯：未按计划开工——开工节点计划开工 2026-11-02，已过 12 个工作日仍未开工'], description: 'Why, one sentence per reason (Chinese)' })
  details: string[];
}

export class MilestoneLightDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '施工许可' })
  name: string;

  @ApiProperty({ enum: MILESTONE_KINDS })
  kind: MilestoneKind;

  @ApiProperty({ example: '2026-11-12' })
  plannedDate: string;

  @ApiProperty({ example: '2026-10-29' })
  baselineDate: string;

  @ApiProperty({ enum: WARNING_LIGHTS })
  light: WarningLight;

  @ApiProperty({ enum: WARNING_REASONS, isArray: true })
  reasons: WarningReason[];

  @ApiProperty({ type: Number, example: 9, nullable: true, description: 'Working days late when overdue, else null' })
  workingDaysLate: number | null;

  @ApiProperty({ type: Number, example: null, nullable: true, description: 'Working days until due (0 = today) when not overdue, else null' })
  workingDaysUntilDue: number | null;

  @ApiProperty({ example: 10, description: 'Working days from baseline to planned date' })
  slipWorkingDays: number;
}

export class ProjectLightDetailDto extends ProjectLightDto {
  @ApiProperty({ example: '2026-11-25', description: 'The date the lights are for (today, Asia/Shanghai)' })
  asOf: string;

  @ApiProperty({ type: [MilestoneLightDto], description: 'Its milestones still open today, by planned date (done and cancelled ones are green)' })
  openMilestones: MilestoneLightDto[];
}

export class ProjectLightPageDto {
  @ApiProperty({ example: '2026-11-25' })
  asOf: string;

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ type: [ProjectLightDto] })
  items: ProjectLightDto[];
}
