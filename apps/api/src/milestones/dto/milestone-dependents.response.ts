import { ApiProperty } from '@nestjs/swagger';
import { DEADLINE_CHANGE_TRIGGERS, DeadlineChangeTrigger } from '@app/domain';

export class DependentMoveResponse {
  @ApiProperty({ format: 'uuid' })
  milestoneId: string;

  @ApiProperty({ example: '施工许可' })
  name: string;

  @ApiProperty()
  isKey: boolean;

  @ApiProperty({ example: '2026-10-08', description: 'Its planned date now' })
  oldDate: string;

  @ApiProperty({ example: '2026-10-20', description: 'Its new earliest date: its duration after the latest of its predecessors' })
  newDate: string;

  @ApiProperty({ example: 8 })
  workingDays: number;

  @ApiProperty({ type: [String], description: 'The milestones (ids) whose new dates push it' })
  pushedBy: string[];
}

export class MilestoneDependentsResponse {
  @ApiProperty({ format: 'uuid' })
  milestoneId: string;

  @ApiProperty({ example: '2026-09-28' })
  oldDate: string;

  @ApiProperty({ example: '2026-10-09' })
  plannedDate: string;

  @ApiProperty({ type: [DependentMoveResponse], description: 'The dependents that must move (in dependency order); those with room do not' })
  dependents: DependentMoveResponse[];

  @ApiProperty({
    enum: DEADLINE_CHANGE_TRIGGERS,
    nullable: true,
    description: 'Why moving them all (withDependents) needs the 督查室: a key milestone among them, or a move over the threshold; null: it applies at once',
  })
  requiredBecause: DeadlineChangeTrigger | null;
}
