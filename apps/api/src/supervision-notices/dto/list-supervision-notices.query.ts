import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { SUPERVISION_NOTICE_STATUSES, SupervisionNoticeStatus } from '@app/domain';
import { PageQuery } from '../../common/pagination';

/** Named lists of the 督查室's daily work. */
export const SUPERVISION_NOTICE_VIEWS = ['open', 'awaiting-reply', 'late-replies', 'closed-this-week'] as const;
export type SupervisionNoticeView = (typeof SUPERVISION_NOTICE_VIEWS)[number];

export class ListSupervisionNoticesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: SUPERVISION_NOTICE_STATUSES })
  @IsOptional()
  @IsIn(SUPERVISION_NOTICE_STATUSES)
  status?: SupervisionNoticeStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Owner unit (责任单位) id' })
  @IsOptional()
  @IsUUID()
  ownerUnit?: string;

  @ApiPropertyOptional({
    enum: SUPERVISION_NOTICE_VIEWS,
    description:
      'open: not closed; awaiting-reply: issued or returned (待回复), reply due date soonest first; late-replies: issued or returned and the reply due date has passed; ' +
      'closed-this-week: closed (销号) in the current Monday–Sunday week, Asia/Shanghai',
  })
  @IsOptional()
  @IsIn(SUPERVISION_NOTICE_VIEWS)
  view?: SupervisionNoticeView;
}
