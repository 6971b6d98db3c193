import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { SCHEDULED_JOB_NAMES, ScheduledJobName } from '@app/queue';
import { PageQuery } from '../../common/pagination';

export class ListJobRunsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SCHEDULED_JOB_NAMES, description: 'One job; leave out for all. Newest run first.' })
  @IsOptional()
  @IsIn(SCHEDULED_JOB_NAMES)
  job?: ScheduledJobName;
}
