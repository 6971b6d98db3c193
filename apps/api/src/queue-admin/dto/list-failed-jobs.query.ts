import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { ADMIN_QUEUE_NAMES } from '../admin-queues';

export class ListFailedJobsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ADMIN_QUEUE_NAMES, description: 'One queue; leave out for all, newest failure first' })
  @IsOptional()
  @IsIn(ADMIN_QUEUE_NAMES)
  queue?: string;
}
