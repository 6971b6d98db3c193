import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export class WarningLightRulesResponse {
  @ApiProperty({ example: 5, description: 'N: yellow when a pending milestone is due within N working days (today included)' })
  dueSoonWorkingDays: number;

  @ApiProperty({ example: 10, description: 'M: yellow when a pending milestone\'s planned date is more than M working days after its baseline' })
  baselineSlipWorkingDays: number;

  @ApiProperty({ example: 15, description: 'P: yellow when 形象进度 lags 序时进度 by more than P percentage points' })
  progressLagPoints: number;

  @ApiProperty({ example: true, description: '开工 rule on: 谋划/前期 projects past their planned start (开工 milestone, else the project\'s planned start) and not started' })
  startRuleEnabled: boolean;

  @ApiProperty({ example: 0, description: '开工 rule: yellow when not started more than this many working days after the planned start' })
  startYellowWorkingDays: number;

  @ApiProperty({ example: 10, description: '开工 rule: red beyond this many working days (≥ the yellow one)' })
  startRedWorkingDays: number;

  @ApiProperty({ example: true, description: 'Investment rule on: completed investment of the year behind M/12 of its annual plan at the latest month end' })
  investmentRuleEnabled: boolean;

  @ApiProperty({ example: 10, description: 'Investment rule: yellow when behind by more than this many percentage points' })
  investmentYellowPoints: number;

  @ApiProperty({ example: 20, description: 'Investment rule: red when behind by more than this many points (≥ the yellow one)' })
  investmentRedPoints: number;

  @ApiProperty({ example: true, description: 'Open-problems rule on: a coordination problem (问题台账) still open (新增, 协调中, 已解决 awaiting 销号) raised long ago' })
  problemRuleEnabled: boolean;

  @ApiProperty({ example: 5, description: 'Open-problems rule: yellow when the oldest open problem was raised more than this many working days ago' })
  problemYellowWorkingDays: number;

  @ApiProperty({ example: 10, description: 'Open-problems rule: red beyond this many working days (≥ the yellow one)' })
  problemRedWorkingDays: number;

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

  @ApiPropertyOptional({ example: true, description: 'Left as it is when absent (so do the other rule fields below)' })
  @IsOptional()
  @IsBoolean()
  startRuleEnabled?: boolean;

  @ApiPropertyOptional({ example: 0, minimum: 0, maximum: 250 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(250)
  startYellowWorkingDays?: number;

  @ApiPropertyOptional({ example: 10, minimum: 0, maximum: 250, description: 'Not below startYellowWorkingDays' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(250)
  startRedWorkingDays?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  investmentRuleEnabled?: boolean;

  @ApiPropertyOptional({ example: 10, minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  investmentYellowPoints?: number;

  @ApiPropertyOptional({ example: 20, minimum: 0, maximum: 100, description: 'Not below investmentYellowPoints' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  investmentRedPoints?: number;

  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  problemRuleEnabled?: boolean;

  @ApiPropertyOptional({ example: 5, minimum: 0, maximum: 250 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(250)
  problemYellowWorkingDays?: number;

  @ApiPropertyOptional({ example: 10, minimum: 0, maximum: 250, description: 'Not below problemYellowWorkingDays' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(250)
  problemRedWorkingDays?: number;

  @ApiPropertyOptional({ example: 1, description: 'The version read, for clients that cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
