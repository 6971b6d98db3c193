import { ApiProperty } from '@nestjs/swagger';
import {
  DEADLINE_CHANGE_KINDS,
  DEADLINE_CHANGE_STATUSES,
  DEADLINE_CHANGE_TRIGGERS,
  DeadlineChangeKind,
  DeadlineChangeRequest,
  DeadlineChangeStatus,
  DeadlineChangeTrigger,
  KEY_MILESTONE_KINDS,
  MILESTONE_KIND_LABELS,
  MILESTONE_KINDS,
  MilestoneKind,
} from '@app/domain';
import { Page } from '../../common/pagination';

/** 一并调整: a dependent the request moves with its milestone. */
export class DeadlineChangeDependentResponse {
  @ApiProperty({ format: 'uuid' })
  milestoneId: string;

  @ApiProperty({ example: '施工许可' })
  milestoneName: string;

  @ApiProperty({ example: '2026-10-08' })
  oldDate: string;

  @ApiProperty({ example: '2026-10-20' })
  newDate: string;

  @ApiProperty({ example: 8 })
  workingDays: number;
}

/** 节点延期申请 (or 删除节点申请), with the milestone and project it concerns. */
export class DeadlineChangeRequestResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: DEADLINE_CHANGE_KINDS, example: 'reschedule', description: 'reschedule: move the planned date to newDate; removal: remove the (key) milestone, newDate null' })
  kind: DeadlineChangeKind;

  @ApiProperty({ format: 'uuid' })
  milestoneId: string;

  @ApiProperty({ example: '竣工验收' })
  milestoneName: string;

  @ApiProperty({ enum: MILESTONE_KINDS, example: 'completion_acceptance' })
  milestoneKind: MilestoneKind;

  @ApiProperty({ example: '竣工验收' })
  milestoneKindLabel: string;

  @ApiProperty({ example: true })
  isKeyMilestone: boolean;

  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ example: '玉祥·安泽园（范家营棚改回迁房）项目' })
  projectName: string;

  @ApiProperty({ example: '2026-09-30', description: 'The planned date when the request was made' })
  oldDate: string;

  @ApiProperty({ example: '2026-11-30', nullable: true, type: String, description: 'The date asked for; null for a removal' })
  newDate: string | null;

  @ApiProperty({ example: 41, description: 'Working days of the move (negative when earlier)' })
  workingDays: number;

  @ApiProperty({ enum: DEADLINE_CHANGE_TRIGGERS, description: 'key_milestone: 关键节点 always need approval; over_threshold: more working days than the threshold' })
  requiredBecause: DeadlineChangeTrigger;

  @ApiProperty({ example: 10, description: 'The threshold in force when the request was made' })
  thresholdWorkingDays: number;

  @ApiProperty({ example: '冬季停工，外立面施工顺延' })
  reason: string;

  @ApiProperty({ enum: DEADLINE_CHANGE_STATUSES, example: 'pending' })
  status: DeadlineChangeStatus;

  @ApiProperty({ format: 'uuid' })
  requestedById: string;

  @ApiProperty({ example: '住建局 王工' })
  requestedByName: string;

  @ApiProperty()
  requestedAt: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  decidedById: string | null;

  @ApiProperty({ example: '区委督查室', nullable: true, type: String })
  decidedByName: string | null;

  @ApiProperty({ nullable: true, type: String })
  decidedAt: string | null;

  @ApiProperty({ example: '同意延期，请加快施工进度', nullable: true, type: String, description: '审核意见' })
  decisionComment: string | null;

  @ApiProperty({ type: [DeadlineChangeDependentResponse], description: '一并调整: the dependents moved with the milestone, approved or rejected with it (in date order)' })
  dependents: DeadlineChangeDependentResponse[];

  static from(request: DeadlineChangeRequest & { milestone: { name: string; kind: MilestoneKind; isKeyNode?: boolean }; project: { name: string } }): DeadlineChangeRequestResponse {
    return {
      id: request.id,
      kind: request.kind,
      milestoneId: request.milestoneId,
      milestoneName: request.milestone.name,
      milestoneKind: request.milestone.kind,
      milestoneKindLabel: MILESTONE_KIND_LABELS[request.milestone.kind],
      isKeyMilestone: KEY_MILESTONE_KINDS.includes(request.milestone.kind) || request.milestone.isKeyNode === true,
      projectId: request.projectId,
      projectName: request.project.name,
      oldDate: request.oldDate,
      newDate: request.newDate,
      workingDays: request.workingDays,
      requiredBecause: request.requiredBecause,
      thresholdWorkingDays: request.thresholdWorkingDays,
      reason: request.reason,
      status: request.status,
      requestedById: request.requestedById,
      requestedByName: request.requestedByName,
      requestedAt: request.createdAt.toISOString(),
      decidedById: request.decidedById,
      decidedByName: request.decidedByName,
      decidedAt: request.decidedAt ? request.decidedAt.toISOString() : null,
      decisionComment: request.decisionComment,
      dependents: [...(request.dependents ?? [])]
        .sort((a, b) => (a.newDate < b.newDate ? -1 : a.newDate > b.newDate ? 1 : 0))
        .map((dependent) => ({
          milestoneId: dependent.milestoneId,
          milestoneName: dependent.milestone?.name ?? '',
          oldDate: dependent.oldDate,
          newDate: dependent.newDate,
          workingDays: dependent.workingDays,
        })),
    };
  }
}

export class DeadlineChangeRequestPage extends Page<DeadlineChangeRequestResponse> {
  @ApiProperty({ type: [DeadlineChangeRequestResponse] })
  declare items: DeadlineChangeRequestResponse[];
}
