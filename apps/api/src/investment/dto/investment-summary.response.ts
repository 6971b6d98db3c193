import { ApiProperty } from '@nestjs/swagger';

export class AnnualPlanDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: '30000000', description: '年度计划投资（元）' })
  amountYuan: string;

  @ApiProperty({ example: '3000', description: '年度计划投资（万元）' })
  amountWan: string;
}

export class MonthlyInvestmentDto {
  @ApiProperty({ example: '2026-03' })
  month: string;

  @ApiProperty({ example: '4500000', description: '当月完成投资（元）' })
  amountYuan: string;

  @ApiProperty({ example: '450', description: '当月完成投资（万元）' })
  amountWan: string;
}

export class CurrentYearInvestmentDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ type: String, example: '30000000', nullable: true, description: '本年度计划投资（元）；未下达计划时为 null' })
  planYuan: string | null;

  @ApiProperty({ type: String, example: '3000', nullable: true })
  planWan: string | null;

  @ApiProperty({ example: '9000000', description: '本年度累计完成投资（元）' })
  completedYuan: string;

  @ApiProperty({ example: '900' })
  completedWan: string;

  @ApiProperty({ type: String, example: '30.00', nullable: true, description: '年度投资完成率（%），两位小数；无计划时为 null' })
  percent: string | null;
}

/** 投资情况: total, annual plans, completed investment by month, and this year's completion. */
export class InvestmentSummaryDto {
  @ApiProperty({ type: String, example: '1250000000', nullable: true, description: '总投资（元）' })
  totalInvestmentYuan: string | null;

  @ApiProperty({ type: String, example: '125000', nullable: true, description: '总投资（万元）' })
  totalInvestmentWan: string | null;

  @ApiProperty({ type: [AnnualPlanDto] })
  annualPlans: AnnualPlanDto[];

  @ApiProperty({ type: [MonthlyInvestmentDto] })
  monthly: MonthlyInvestmentDto[];

  @ApiProperty({ example: '86000000', description: '累计完成投资（元）' })
  completedToDateYuan: string;

  @ApiProperty({ example: '8600' })
  completedToDateWan: string;

  @ApiProperty({ type: CurrentYearInvestmentDto })
  currentYear: CurrentYearInvestmentDto;
}
