import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

/** Optional parameters of a manual run. */
export class RunJobBody {
  @ApiPropertyOptional({ example: '2026-W47', description: 'weekly-report only: the ISO week to build (default: the last completed week)' })
  @IsOptional()
  @Matches(/^\d{4}-W\d{2}$/, { message: 'isoWeek must look like 2026-W47' })
  isoWeek?: string;
}
