import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class WarningLightRulesResponse {
  @ApiProperty({ example: 5, description: 'N: yellow when a pending milestone is due within N working days (today included)' })
  dueSoonWorkingDays: number;

  @ApiProperty({ example: 10, description: 'M: yellow when a pending milestone\'s planned date is more than M working days after its baseline' })
  baselineSlipWorkingDays: number;

  @ApiProperty({ example: 15, description: 'P: yellow when 形象进度 lags 序时进度 by more than P percentage points' })
  progressLagPoints: number;

  @ApiProperty({ example: 1, description: 'Send back as If-Match ("1") when changing the rules' })
  version: number;

  @ApiProperty({ example: '2026-11-20T08:00:00.000Z' })
  updatedAt: string;

  @ApiProperty({ type: String, example: 'admin', nullable: true })
  updatedByName: string | null;

  @ApiProperty({
    type: [String],
    description: 'The rules in words (规则说明), as the weekly report prints them',
    example: ['红灯：节点逾期——未完成且计划完成日期早于统计日。'],
  })
  text: string[];
}

/** PUT /warning-light-rules: all three thresholds at once. */
export class UpdateWarningLightRulesDto {
  @ApiProperty({ example: 5, minimum: 0, maximum: 60 })
  @IsInt()
  @Min(0)
  @Max(60)
  dueSoonWorkingDays: number;

  @ApiProperty({ example: 10, minimum: 0, maximum: 250 })
  @IsInt()
  @Min(0)
  @Max(250)
  baselineSlipWorkingDays: number;

  @ApiProperty({ example: 15, minimum: 0, maximum: 100 })
  @IsInt()
  @Min(0)
  @Max(100)
  progressLagPoints: number;

  @ApiPropertyOptional({ example: 1, description: 'The version read, for clients that cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
