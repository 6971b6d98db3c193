import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { QUEUE_NAMES, type QueueName } from '@app/queue';
import { PageQuery } from '../../common/pagination';

export class ListFailedJobsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: QUEUE_NAMES, description: 'One queue; leave out for all, newest failure first' })
  @IsOptional()
  @IsIn(QUEUE_NAMES)
  queue?: QueueName;
}
