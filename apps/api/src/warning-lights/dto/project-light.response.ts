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
