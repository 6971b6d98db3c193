import { ApiProperty } from '@nestjs/swagger';
import { KEY_MILESTONE_KINDS, Milestone, MilestoneRemoval, MILESTONE_KIND_LABELS, MILESTONE_KINDS, MILESTONE_STATUSES, MilestoneKind, MilestoneStatus } from '@app/domain';

export class MilestoneRemovalDto {
  @ApiProperty({ example: '误添加：该节点属于另一项目' })
  reason: string;

  @ApiProperty({ enum: ['pending', 'cancelled'], example: 'pending', description: 'The status it had' })
  statusBefore: string;

  @ApiProperty({ format: 'uuid', description: 'Who asked for it' })
  removedById: string;

  @ApiProperty({ example: '区住建局 王工' })
  removedByName: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The approved removal request (key milestones)' })
  changeRequestId: string | null;

  @ApiProperty()
  removedAt: string;
}

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

  @ApiProperty({ example: true, description: '关键节点 (开工, 竣工验收, 交付, 投产, or marked key by its template node): moving it always needs the 督查室' })
  isKey: boolean;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The template node it was generated from (从模板创建); null when added by hand' })
  templateNodeId: string | null;

  @ApiProperty({ description: '需上传佐证: completing it needs a document attached to it first' })
  requiresDocument: boolean;

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

  @ApiProperty({ type: MilestoneRemovalDto, nullable: true, description: 'Set when the milestone was removed (删除, status removed): who, when, why' })
  removal: MilestoneRemovalDto | null;

  static from(milestone: Milestone, removal: MilestoneRemoval | null = null): MilestoneResponse {
    return {
      id: milestone.id,
      projectId: milestone.projectId,
      kind: milestone.kind,
      kindLabel: MILESTONE_KIND_LABELS[milestone.kind],
      name: milestone.name,
      isKey: KEY_MILESTONE_KINDS.includes(milestone.kind) || milestone.isKeyNode,
      templateNodeId: milestone.templateNodeId ?? null,
      requiresDocument: milestone.requiresDocument ?? false,
      baselineDate: milestone.baselineDate,
      plannedDate: milestone.plannedDate,
      actualDate: milestone.actualDate,
      status: milestone.status,
      note: milestone.note,
      version: milestone.version,
      createdAt: milestone.createdAt.toISOString(),
      updatedAt: milestone.updatedAt.toISOString(),
      removal: removal
        ? {
            reason: removal.reason,
            statusBefore: removal.statusBefore,
            removedById: removal.removedById,
            removedByName: removal.removedByName,
            changeRequestId: removal.changeRequestId,
            removedAt: removal.removedAt.toISOString(),
          }
        : null,
    };
  }
}
