import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';

/** The date the owner unit commits to for one item of the notice. */
export class NoticeItemCommitmentInput {
  @ApiProperty({ format: 'uuid', description: 'An item of this notice (items[].id of GET /supervision-notices/:id)' })
  @IsUUID()
  itemId: string;

  @ApiProperty({ example: '2026-04-30', description: 'Committed completion date, not before today' })
  @IsCalendarDate()
  committedDate: string;
}

export class ReplySupervisionNoticeDto {
  @ApiProperty({ example: '已协调供电公司完成用地手续，施工单位 3 月 20 日进场，增加两个作业班组倒排工期。', description: '整改措施' })
  @IsString()
  @Matches(/\S/, { message: 'measures must not be blank' })
  @MaxLength(10_000)
  measures: string;

  @ApiProperty({ type: [NoticeItemCommitmentInput], description: 'One committed date for every item of the notice' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => NoticeItemCommitmentInput)
  items: NoticeItemCommitmentInput[];
}
