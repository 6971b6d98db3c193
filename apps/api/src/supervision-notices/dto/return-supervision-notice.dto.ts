import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsCalendarDate, IsOmittable } from '../../common/validators';

/** 退回: the office sends the reply back for more work. */
export class ReturnSupervisionNoticeDto {
  @ApiProperty({ example: '整改措施不具体，请明确施工许可办理时限及责任人。' })
  @IsString()
  @Matches(/\S/, { message: 'comment must not be blank' })
  @MaxLength(10_000)
  comment: string;

  @ApiPropertyOptional({ example: '2026-03-20', description: 'A new reply deadline: a working day, not before today. Default: unchanged.' })
  @IsOmittable()
  @IsCalendarDate()
  replyDueDate?: string;
}
