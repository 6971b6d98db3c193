import { ApiProperty } from '@nestjs/swagger';
import { KEY_MILESTONE_KINDS, Milestone, MILESTONE_KIND_LABELS, MILESTONE_KINDS, MILESTONE_STATUSES, MilestoneKind, MilestoneStatus } from '@app/domain';

export class MilestoneResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ enum: MILESTONE_KINDS, example: 'construction_start' })
  kind: MilestoneKind;

  @ApiProperty({ example: '开工' })
  kindLabel: string;

  @ApiProperty({ example: '开工' })
  name: string;

  @ApiProperty({ example: true, description: '关键节点 (开工, 竣工验收, 交付, 投产): moving it always needs the 督查室' })
  isKey: boolean;

  @ApiProperty({ example: '2026-04-15', description: '基线日期' })
  baselineDate: string;

  @ApiProperty({ example: '2026-04-15', description: '计划日期' })
  plannedDate: string;

  @ApiProperty({ example: null, nullable: true, type: String, description: '实际完成日期' })
  actualDate: string | null;

  @ApiProperty({ enum: MILESTONE_STATUSES, example: 'pending' })
  status: MilestoneStatus;

  @ApiProperty({ example: '待施工许可证核发后开工', nullable: true, type: String })
  note: string | null;

  @ApiProperty({ example: 1, description: 'Send it back as If-Match when you change the milestone' })
  version: number;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  updatedAt: string;

  static from(milestone: Milestone): MilestoneResponse {
    return {
      id: milestone.id,
      projectId: milestone.projectId,
      kind: milestone.kind,
      kindLabel: MILESTONE_KIND_LABELS[milestone.kind],
      name: milestone.name,
      isKey: KEY_MILESTONE_KINDS.includes(milestone.kind),
      baselineDate: milestone.baselineDate,
      plannedDate: milestone.plannedDate,
      actualDate: milestone.actualDate,
      status: milestone.status,
      note: milestone.note,
      version: milestone.version,
      createdAt: milestone.createdAt.toISOString(),
      updatedAt: milestone.updatedAt.toISOString(),
    };
  }
}
