import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** 销号: the office accepts the reply and closes the notice. */
export class AcceptSupervisionNoticeDto {
  @ApiPropertyOptional({ example: '整改措施可行，同意销号，请按承诺时限推进。' })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  comment?: string;
}
