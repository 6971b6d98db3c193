import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { DEADLINE_CHANGE_STATUSES, DeadlineChangeStatus } from '@app/domain';
import { PageQuery } from '../../common/pagination';

export class ListDeadlineChangeRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEADLINE_CHANGE_STATUSES, example: 'pending' })
  @IsOptional()
  @IsIn(DEADLINE_CHANGE_STATUSES)
  status?: DeadlineChangeStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  milestoneId?: string;
}
