import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_KINDS, MilestoneKind, NODE_TEMPLATE_SOURCES, NodeTemplateSource, PROJECT_KINDS, ProjectKind } from '@app/domain';

export class NodeTemplateNodeResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'construction_permit' })
  code: string;

  @ApiProperty({ example: '施工许可' })
  name: string;

  @ApiProperty({ enum: MILESTONE_KINDS })
  milestoneKind: MilestoneKind;

  @ApiProperty({ example: '施工许可' })
  milestoneKindLabel: string;

  @ApiProperty({ example: 10 })
  durationWorkingDays: number;

  @ApiProperty({ description: '关键节点: by the flag, or by its kind (开工, 竣工验收, 交付, 投产 always are)' })
  isKey: boolean;

  @ApiProperty()
  requiresDocument: boolean;

  @ApiProperty({ example: 10 })
  sortOrder: number;

  @ApiProperty({ type: [String], example: ['drawing_review'] })
  dependsOn: string[];
}

export class NodeTemplateVersionSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 2 })
  number: number;

  @ApiProperty({ description: '系统默认: the version the seeds ship' })
  isSeedDefault: boolean;

  @ApiProperty({ description: 'New projects are created from it' })
  isCurrent: boolean;

  @ApiProperty({ type: String, nullable: true, example: '施工图审查压缩为 10 个工作日' })
  note: string | null;

  @ApiProperty({ example: '系统管理员' })
  createdByName: string;

  @ApiProperty()
  createdAt: string;

  @ApiProperty({ example: 14 })
  nodeCount: number;

  @ApiProperty({ example: 3, description: 'Projects created from this version' })
  projectCount: number;
}

export class NodeTemplateVersionResponse extends NodeTemplateVersionSummary {
  @ApiProperty({ format: 'uuid' })
  templateId: string;

  @ApiProperty({ type: [NodeTemplateNodeResponse] })
  nodes: NodeTemplateNodeResponse[];
}

export class NodeTemplateSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'substation' })
  code: string;

  @ApiProperty({ example: '变电站/输变电工程标准节点' })
  name: string;

  @ApiProperty({ enum: PROJECT_KINDS })
  kind: ProjectKind;

  @ApiProperty({ example: '变电站/输变电' })
  kindLabel: string;

  @ApiProperty({ enum: NODE_TEMPLATE_SOURCES, description: 'seed: shipped (系统默认), office: made by the office' })
  source: NodeTemplateSource;

  @ApiProperty({ type: Number, nullable: true, example: 1 })
  currentVersionNumber: number | null;

  @ApiProperty({ example: 16 })
  nodeCount: number;

  @ApiProperty({ example: 1 })
  versionCount: number;

  @ApiProperty()
  updatedAt: string;
}

export class NodeTemplateResponse extends NodeTemplateSummary {
  @ApiProperty({ type: [NodeTemplateVersionSummary], description: 'Newest first' })
  versions: NodeTemplateVersionSummary[];

  @ApiProperty({ type: NodeTemplateVersionResponse, nullable: true })
  current: NodeTemplateVersionResponse | null;
}

export class ScheduledNodeResponse {
  @ApiProperty({ example: 'construction_permit' })
  code: string;

  @ApiProperty({ example: '施工许可' })
  name: string;

  @ApiProperty({ example: '2026-09-28', description: 'The day it may start: the project start, or the last predecessor met' })
  startDate: string;

  @ApiProperty({ example: '2026-10-09', description: 'The planned date of the generated milestone' })
  plannedDate: string;

  @ApiProperty({ example: 10 })
  durationWorkingDays: number;

  @ApiProperty()
  isKey: boolean;

  @ApiProperty()
  requiresDocument: boolean;

  @ApiProperty({ type: [String] })
  dependsOn: string[];
}

export class TemplateScheduleResponse {
  @ApiProperty({ format: 'uuid' })
  templateId: string;

  @ApiProperty({ example: 1 })
  versionNumber: number;

  @ApiProperty({ example: '2026-09-18' })
  startDate: string;

  @ApiProperty({ example: '2028-03-20', description: 'The latest planned date: the project\'s planned end when none is given' })
  endDate: string;

  @ApiProperty({ type: [ScheduledNodeResponse], description: 'In the template\'s order' })
  nodes: ScheduledNodeResponse[];
}
