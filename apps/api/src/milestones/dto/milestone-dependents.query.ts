import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '../../common/validators';

export class MilestoneDependentsQuery {
  @ApiProperty({ example: '2026-10-09', description: 'The planned date the milestone would move to' })
  @IsCalendarDate()
  plannedDate: string;
}
