import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

/** 挂图作战: one 专栏 (default: the one with the most projects), optionally one 责任单位. */
export class TimelineQuery {
  @ApiPropertyOptional({ example: 8, description: '专栏 number; absent: the column with the most projects (as GET /columns counts them; the lower number on a tie)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  column?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '责任单位 (department id): only its projects' })
  @IsOptional()
  @IsUUID()
  ownerUnit?: string;
}
