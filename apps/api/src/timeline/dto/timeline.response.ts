import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_KINDS, MILESTONE_STATUSES, MilestoneKind, MilestoneStatus, PROJECT_STATUSES, ProjectStatus } from '@app/domain';
import { WARNING_LIGHTS, WARNING_REASONS, WarningLight, WarningReason } from '@app/reporting';
import { PlanPlaceDto, ProjectWarningDto } from '../../projects/dto/project.response';

export class TimelineUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '区住房和城乡建设局' })
  name: string;
}

/** One milestone on the time axis, with its light today (the rules of GET /warning-lights/projects/:id). */
export class TimelineMilestoneDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '开工' })
  name: string;

  @ApiProperty({ enum: MILESTONE_KINDS, example: 'construction_start' })
  kind: MilestoneKind;

  @ApiProperty({ example: '开工' })
  kindLabel: string;

  @ApiProperty({ example: true, description: '关键节点 (开工, 竣工验收, 交付, 投产)' })
  isKey: boolean;

  @ApiProperty({ example: '2026-04-01', description: '基线日期' })
  baselineDate: string;

  @ApiProperty({ example: '2026-04-15', description: '计划日期' })
  plannedDate: string;

  @ApiProperty({ type: String, example: null, nullable: true, description: '实际完成日期' })
  actualDate: string | null;

  @ApiProperty({ enum: MILESTONE_STATUSES, example: 'pending', description: 'pending or done (cancelled and removed milestones are left out)' })
  status: MilestoneStatus;

  @ApiProperty({ enum: WARNING_LIGHTS, example: 'red', description: "Today's light: red overdue, yellow due soon or slipped, green otherwise (done: green)" })
  light: WarningLight;

  @ApiProperty({ enum: WARNING_REASONS, isArray: true })
  reasons: WarningReason[];

  @ApiProperty({ type: Number, example: 12, nullable: true, description: 'Working days late (overdue only)' })
  workingDaysLate: number | null;
}

/** One row of the timeline: a project and its milestones by planned date. */
export class TimelineProjectDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '玉泉变 220 千伏变电站工程' })
  name: string;

  @ApiProperty({ enum: PROJECT_STATUSES, example: 'under_construction' })
  status: ProjectStatus;

  @ApiProperty({ example: '在建' })
  statusLabel: string;

  @ApiProperty({ type: PlanPlaceDto, example: { number: 3, title: '能源基础设施建设工程' } })
  group: PlanPlaceDto;

  @ApiProperty({ type: TimelineUnitDto, nullable: true, description: '责任单位' })
  ownerUnit: TimelineUnitDto | null;

  @ApiProperty({ type: ProjectWarningDto, description: "The project's light today (as in the project list)" })
  warning: ProjectWarningDto;

  @ApiProperty({ type: [TimelineMilestoneDto] })
  milestones: TimelineMilestoneDto[];
}

/** 挂图作战: a column's projects (plan order) with their milestones, in one read. */
export class TimelineDto {
  @ApiProperty({ example: '2026-12-07', description: 'Today (Asia/Shanghai): the lights are as of this date' })
  asOf: string;

  @ApiProperty({ type: PlanPlaceDto, description: 'The 专栏 shown' })
  column: PlanPlaceDto;

  @ApiProperty({ type: TimelineUnitDto, nullable: true, description: 'The 责任单位 filter, when given' })
  ownerUnit: TimelineUnitDto | null;

  @ApiProperty({ example: 80 })
  projectCount: number;

  @ApiProperty({ example: 800, description: 'Milestones on the axis (pending and done)' })
  milestoneCount: number;

  @ApiProperty({ type: [TimelineProjectDto], description: 'Projects not cancelled, in plan order (group, position)' })
  projects: TimelineProjectDto[];
}
