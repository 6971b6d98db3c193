import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';

export class TemplateScheduleQuery {
  @ApiProperty({ example: '2026-09-18', description: 'The project start (计划开始日期)' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ example: 2, description: 'A version number; default: the current version' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
