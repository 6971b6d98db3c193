import { ApiProperty } from '@nestjs/swagger';
import { INDICATOR_NATURES, IndicatorNature } from '@app/domain';

/** A 专栏 with how much it holds. */
export class PlanColumnSummaryDto {
  @ApiProperty({ example: 8 })
  number: number;

  @ApiProperty({ example: '基础设施建设重点工程' })
  title: string;

  @ApiProperty({ example: 5, description: 'Number of groups (工程组) in the column' })
  groupCount: number;

  @ApiProperty({ example: 42, description: 'Number of key projects in the column' })
  projectCount: number;
}

export class PlanGroupSummaryDto {
  @ApiProperty({ example: 3 })
  number: number;

  @ApiProperty({ example: '能源基础设施建设工程' })
  title: string;

  @ApiProperty({ example: 6 })
  projectCount: number;
}

/** A 专栏 with its groups. */
export class PlanColumnDetailDto extends PlanColumnSummaryDto {
  @ApiProperty({ type: [PlanGroupSummaryDto] })
  groups: PlanGroupSummaryDto[];
}

/** A row of 专栏 1 (主要指标), values as the plan writes them. */
export class PlanIndicatorDto {
  @ApiProperty({ example: 1 })
  number: number;

  @ApiProperty({ example: '经济发展' })
  category: string;

  @ApiProperty({ example: '地区生产总值增速' })
  name: string;

  @ApiProperty({ type: String, example: '%', nullable: true })
  unit: string | null;

  @ApiProperty({ type: String, example: '5.5', nullable: true, description: '2025 年值' })
  value2025: string | null;

  @ApiProperty({ type: String, example: '5 左右', nullable: true, description: '2030 年目标' })
  target2030: string | null;

  @ApiProperty({ type: String, example: '年均', nullable: true, description: '年均/累计' })
  annualOrCumulative: string | null;

  @ApiProperty({ enum: INDICATOR_NATURES, example: 'expected' })
  nature: IndicatorNature;

  @ApiProperty({ example: '预期性', description: '预期性 / 约束性' })
  natureLabel: string;
}

/** 规划纲要 with its columns and indicators. */
export class PlanResponseDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'yuquan-15th-fyp' })
  code: string;

  @ApiProperty({ example: '呼和浩特市玉泉区国民经济和社会发展第十五个五年规划和二〇三五年远景目标纲要' })
  title: string;

  @ApiProperty({ example: 2026 })
  startYear: number;

  @ApiProperty({ example: 2030 })
  endYear: number;

  @ApiProperty({ type: [PlanColumnSummaryDto] })
  columns: PlanColumnSummaryDto[];

  @ApiProperty({ type: [PlanIndicatorDto], description: '专栏 1 主要指标' })
  indicators: PlanIndicatorDto[];
}
