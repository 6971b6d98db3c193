import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';

export const SETTABLE_MILESTONE_STATUSES = ['pending', 'cancelled'] as const;

/**
 * A partial change of a milestone. Absent fields stay as they are; `actualDate: null`
 * reopens a done milestone and `note: null` clears the note.
 */
export class UpdateMilestoneDto {
  @ApiPropertyOptional({
    type: String,
    example: '2026-04-16',
    nullable: true,
    description: '实际完成日期: a date marks the milestone done (not after today); null reopens it',
  })
  @IsOptional()
  @IsCalendarDate()
  actualDate?: string | null;

  @ApiPropertyOptional({
    enum: SETTABLE_MILESTONE_STATUSES,
    description: 'cancelled cancels a pending milestone; pending brings back a cancelled (or reopens a done) one. Done is set through actualDate.',
  })
  @ValidateIf((dto: UpdateMilestoneDto) => dto.status !== undefined)
  @IsIn(SETTABLE_MILESTONE_STATUSES)
  status?: (typeof SETTABLE_MILESTONE_STATUSES)[number];

  @ApiPropertyOptional({ type: String, example: '已取得施工许可证', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;

  @ApiPropertyOptional({ example: '1#楼主体结构封顶', description: 'Custom milestones only' })
  @ValidateIf((dto: UpdateMilestoneDto) => dto.name !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: '2026-05-20',
    description:
      '计划日期, with a reason. A move of at most N working days (PUT /settings/deadline-changes, default 10) applies at once; ' +
      'a longer one, or any move of a key milestone (开工, 竣工验收, 交付, 投产), becomes a request for the 督查室 (202).',
  })
  @ValidateIf((dto: UpdateMilestoneDto) => dto.plannedDate !== undefined)
  @IsCalendarDate()
  plannedDate?: string;

  @ApiPropertyOptional({ example: '冬季停工，外立面施工顺延', description: '延期理由: required when plannedDate changes; kept in the date history' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({
    example: true,
    description:
      '一并调整: move the dependents the new date pushes (GET /milestones/:id/dependents) with it, as one change. The same rules apply to the ' +
      'whole set: if any of them is key or moves more than the threshold, one request carries them all (202) and nothing moves until it is approved.',
  })
  @IsOptional()
  @IsBoolean()
  withDependents?: boolean;

  @ApiPropertyOptional({ example: 3, description: 'The version read, for clients that cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
