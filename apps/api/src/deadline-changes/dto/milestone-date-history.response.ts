import { ApiProperty } from '@nestjs/swagger';
import { MILESTONE_DATE_FIELDS, MilestoneDateChange, MilestoneDateField } from '@app/domain';
import { DeadlineChangeRequestResponse } from './deadline-change-request.response';

export class MilestoneDateChangeResponse {
  @ApiProperty({ example: '17' })
  id: string;

  @ApiProperty({ enum: MILESTONE_DATE_FIELDS, example: 'planned_date' })
  field: MilestoneDateField;

  @ApiProperty({ example: '2026-09-30', nullable: true, type: String })
  oldDate: string | null;

  @ApiProperty({ example: '2026-11-30', nullable: true, type: String })
  newDate: string | null;

  @ApiProperty({ example: '冬季停工，外立面施工顺延', nullable: true, type: String })
  reason: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  requestedById: string | null;

  @ApiProperty({ example: '住建局 王工' })
  requestedByName: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  decidedById: string | null;

  @ApiProperty({ example: '区委督查室', nullable: true, type: String })
  decidedByName: string | null;

  @ApiProperty({ nullable: true, type: String })
  decidedAt: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The approved request, when the change went through one' })
  changeRequestId: string | null;

  @ApiProperty({ description: 'When the change took effect' })
  changedAt: string;

  static from(change: MilestoneDateChange): MilestoneDateChangeResponse {
    return {
      id: change.id,
      field: change.field,
      oldDate: change.oldDate,
      newDate: change.newDate,
      reason: change.reason,
      requestedById: change.requestedById,
      requestedByName: change.requestedByName,
      decidedById: change.decidedById,
      decidedByName: change.decidedByName,
      decidedAt: change.decidedAt ? change.decidedAt.toISOString() : null,
      changeRequestId: change.changeRequestId,
      changedAt: change.createdAt.toISOString(),
    };
  }
}

/** Every change of a milestone's dates, oldest first, next to its baseline and current dates. */
export class MilestoneDateHistoryResponse {
  @ApiProperty({ format: 'uuid' })
  milestoneId: string;

  @ApiProperty({ example: '2026-09-30', description: '基线日期: never moves' })
  baselineDate: string;

  @ApiProperty({ example: '2026-11-30' })
  plannedDate: string;

  @ApiProperty({ nullable: true, type: String })
  actualDate: string | null;

  @ApiProperty({ type: [MilestoneDateChangeResponse] })
  changes: MilestoneDateChangeResponse[];

  @ApiProperty({ type: DeadlineChangeRequestResponse, nullable: true, description: 'A request waiting for the 督查室, if any' })
  pendingRequest: DeadlineChangeRequestResponse | null;
}
