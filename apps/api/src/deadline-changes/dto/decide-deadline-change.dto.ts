import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The 督查室's decision on a request: approve or reject, with an optional comment (审核意见). */
export class DecideDeadlineChangeDto {
  @ApiPropertyOptional({ example: '同意延期，请加快施工进度' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
