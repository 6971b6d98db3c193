import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { REPORT_SECTIONS, ReportSection } from '../render/report-tables';
import { WeeklyReportMetaDto } from './weekly-report.dto';

/* The light reads of a stored 周报: its summary, one section a page at a time, and the ranking over the weeks. */

export class InvestmentFiguresDto {
  @ApiProperty({ example: '293456789', description: '年度计划投资, whole yuan' })
  annualPlanYuan: string;

  @ApiProperty({ example: '29345.6789' })
  annualPlanWan: string;

  @ApiProperty({ example: '91302468', description: '累计完成投资 of the year up to the report month, whole yuan' })
  completedYuan: string;

  @ApiProperty({ example: '9130.2468' })
  completedWan: string;

  @ApiProperty({ type: String, nullable: true, example: '31.11', description: 'completed ÷ plan, %, two decimals; null without a plan' })
  completionPercent: string | null;
}

export class ReportLightCountsDto {
  @ApiProperty({ example: 3 })
  red: number;

  @ApiProperty({ example: 1 })
  yellow: number;

  @ApiProperty({ example: 3 })
  green: number;
}

export class ProjectCountsDto {
  @ApiProperty({ example: 7 })
  total: number;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { under_construction: 3 }, description: 'Projects by status (谋划 … 取消)' })
  byStatus: Record<string, number>;
}

export class MilestoneCountsDto {
  @ApiProperty({ description: '本周应完成节点' })
  dueInWeek: number;

  @ApiProperty({ description: '按期完成' })
  metOnTime: number;

  @ApiProperty({ description: '逾期完成' })
  doneLate: number;

  @ApiProperty({ description: '未完成' })
  notDone: number;

  @ApiProperty({ description: '未按期完成 = doneLate + notDone' })
  missed: number;

  @ApiProperty({ description: '本周完成节点' })
  completedInWeek: number;
}

export class OverdueCountsDto {
  @ApiProperty({ description: '本周新增逾期' })
  newly: number;

  @ApiProperty({ description: '持续逾期' })
  still: number;

  @ApiProperty({ description: '逾期节点合计' })
  total: number;
}

/** The figures of the whole portfolio (总览), as stored. */
export class BucketFiguresDto {
  @ApiProperty({ type: ProjectCountsDto })
  projects: ProjectCountsDto;

  @ApiProperty({ type: MilestoneCountsDto })
  milestones: MilestoneCountsDto;

  @ApiProperty({ type: OverdueCountsDto })
  overdue: OverdueCountsDto;

  @ApiProperty({ type: InvestmentFiguresDto })
  investment: InvestmentFiguresDto;

  @ApiProperty({ type: ReportLightCountsDto })
  lights: ReportLightCountsDto;
}

export class InvestmentPeriodDto {
  @ApiProperty({ example: 2026 })
  year: number;

  @ApiProperty({ example: '2026-01' })
  fromMonth: string;

  @ApiProperty({ example: '2026-11' })
  toMonth: string;
}

export class ColumnInvestmentDto {
  @ApiProperty({ example: 2 })
  columnNumber: number;

  @ApiProperty({ example: '美丽玉泉建设重点工程' })
  title: string;

  @ApiProperty({ type: InvestmentFiguresDto })
  investment: InvestmentFiguresDto;

  @ApiProperty({ type: ReportLightCountsDto })
  lights: ReportLightCountsDto;
}

export class OwnerUnitInvestmentDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Null: projects without an owner unit (未明确责任单位)' })
  ownerUnitId: string | null;

  @ApiProperty({ example: '区住房和城乡建设局' })
  name: string;

  @ApiProperty({ type: InvestmentFiguresDto })
  investment: InvestmentFiguresDto;

  @ApiProperty({ type: ReportLightCountsDto })
  lights: ReportLightCountsDto;
}

export class RankingRowDto {
  @ApiProperty({ type: Number, nullable: true, example: 1, description: '1 = best; equal rates share a rank; null with nothing due yet' })
  rank: number | null;

  @ApiProperty({ format: 'uuid' })
  ownerUnitId: string;

  @ApiProperty({ example: '区教育局' })
  name: string;

  @ApiProperty({ description: '应完成节点: milestones due up to the Sunday' })
  due: number;

  @ApiProperty({ description: '按期完成' })
  metOnTime: number;

  @ApiProperty({ type: String, nullable: true, example: '66.67', description: '按期完成率, %, two decimals' })
  onTimeRate: string | null;

  @ApiPropertyOptional({ example: 3, description: 'Since format v3: the unit\'s problems (问题台账) closed (销号) up to the Sunday' })
  problemsClosed?: number;

  @ApiPropertyOptional({ example: 2, description: 'Since format v3: of those, closed on or before their needed-by date' })
  problemsClosedOnTime?: number;
}

export class RankingDto {
  @ApiProperty({ example: '按期完成率 = 截至周日应完成节点中按期完成的比例，高者在前……', description: 'The rule, in words' })
  rule: string;

  @ApiProperty({ type: [RankingRowDto] })
  items: RankingRowDto[];
}

export class NoticeTotalsDto {
  @ApiProperty({ description: '本周下发' })
  issued: number;

  @ApiProperty({ description: '本周销号' })
  closed: number;

  @ApiProperty({ description: '周末未销号' })
  openAtWeekEnd: number;
}

export class EvidenceTotalsDto {
  @ApiProperty({ description: '本周进展填报' })
  reports: number;

  @ApiProperty({ description: '有佐证: with an attachment standing at Sunday 24:00' })
  withEvidence: number;

  @ApiProperty({ description: '无佐证' })
  withoutEvidence: number;
}

export class ProblemLedgerTotalsDto {
  @ApiProperty({ description: '本周新增' })
  raised: number;

  @ApiProperty({ description: '上周结转: raised before the week, not closed when it began' })
  carried: number;

  @ApiProperty({ description: '本周销号' })
  closed: number;

  @ApiProperty({ description: '按时销号: closed by the needed-by date' })
  closedOnTime: number;

  @ApiProperty({ description: '周末未销号 (suspended ones included)' })
  openAtWeekEnd: number;

  @ApiProperty({ description: 'Of those: past the needed-by date' })
  overdueAtWeekEnd: number;
}

export class ReportSectionInfoDto {
  @ApiProperty({ enum: REPORT_SECTIONS })
  section: ReportSection;

  @ApiProperty({ example: '逾期节点', description: 'Its Chinese title (the XLSX sheet name)' })
  title: string;

  @ApiProperty({ description: 'Whether this snapshot has the section (one written before a section existed does not)' })
  present: boolean;

  @ApiProperty({ example: 42, description: 'Rows of its table (without the 合计 row): what GET …/sections/{section} pages through' })
  rows: number;
}

export class WeeklyReportSummaryDto extends WeeklyReportMetaDto {
  @ApiProperty({ example: 1, description: 'The snapshot format it was written in (WEEKLY_REPORT_SCHEMA_VERSION of its build)' })
  schemaVersion: number;

  @ApiProperty({ example: '"9f2c…-summary"', description: 'The ETag of this summary (also in the ETag header); the CSV and XLSX have their own' })
  etag: string;

  @ApiProperty({ type: InvestmentPeriodDto })
  investmentPeriod: InvestmentPeriodDto;

  @ApiProperty({ type: [String], description: 'The warning-light rules in words (亮灯规则)' })
  rules: string[];

  @ApiProperty({ type: [String], description: 'How each figure is counted (统计口径)' })
  definitions: string[];

  @ApiProperty({ type: BucketFiguresDto, description: '总览: the whole portfolio' })
  overview: BucketFiguresDto;

  @ApiProperty({ type: [ColumnInvestmentDto], description: 'Per 专栏: investment and lights (the whole rows: GET …/sections/columns)' })
  byColumn: ColumnInvestmentDto[];

  @ApiProperty({ type: [OwnerUnitInvestmentDto], description: 'Per 责任单位: investment and lights (the whole rows: GET …/sections/owner-units)' })
  byOwnerUnit: OwnerUnitInvestmentDto[];

  @ApiProperty({ type: RankingDto, nullable: true, description: '比拼晾晒 with its rule; null in a snapshot without it' })
  ranking: RankingDto | null;

  @ApiProperty({ type: NoticeTotalsDto, nullable: true, description: '督办 totals of the week; null in a snapshot written before the 督办 section' })
  supervisionNotices: NoticeTotalsDto | null;

  @ApiProperty({ type: EvidenceTotalsDto, nullable: true, description: '填报佐证 totals of the week; null in a snapshot written before format v2' })
  progressEvidence: EvidenceTotalsDto | null;

  @ApiProperty({ type: ProblemLedgerTotalsDto, nullable: true, description: '问题台账 totals of the week; null in a snapshot written before format v3' })
  problemLedger: ProblemLedgerTotalsDto | null;

  @ApiProperty({ type: [ReportSectionInfoDto], description: 'Every section of the report, in the order of the XLSX sheets' })
  sections: ReportSectionInfoDto[];
}

const CELL_SCHEMA = { oneOf: [{ type: 'string', nullable: true }, { type: 'number' }] };

export class ReportTableColumnDto {
  @ApiProperty({ example: '项目名称' })
  header: string;

  @ApiProperty({
    enum: ['text', 'int', 'wan', 'percent', 'decimal'],
    description: 'How to show its cells: wan = 万元 as a decimal string with four decimals (exact), percent = a two-decimal string',
  })
  kind: 'text' | 'int' | 'wan' | 'percent' | 'decimal';

  @ApiProperty({ example: 40, description: 'Its width in the XLSX, in characters (a CJK character counts two): a hint for a table on screen' })
  width: number;
}

export class WeeklyReportSectionPageDto {
  @ApiProperty({ example: '2026-W47' })
  isoWeek: string;

  @ApiProperty({ enum: REPORT_SECTIONS })
  section: ReportSection;

  @ApiProperty({ example: '逾期节点' })
  title: string;

  @ApiProperty({ description: 'false: this snapshot has no such section; notes say why, rows are empty' })
  present: boolean;

  @ApiProperty({ type: [ReportTableColumnDto], description: 'The columns with their Chinese headers, as in the CSV and XLSX' })
  columns: ReportTableColumnDto[];

  @ApiProperty({ type: 'array', items: { type: 'array', items: CELL_SCHEMA }, description: 'This page of the rows, one cell per column' })
  rows: Array<Array<string | number | null>>;

  @ApiProperty({ type: 'array', items: CELL_SCHEMA, nullable: true, description: 'The 合计 row of the whole section (per 专栏, 责任单位, 类型, 督办), on every page' })
  totalRow: Array<string | number | null> | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', enum: ['text', 'int', 'wan', 'percent', 'decimal'] },
    nullable: true,
    description: '总览 only: the kind of each row\'s value (its second column)',
  })
  rowKinds: Array<'text' | 'int' | 'wan' | 'percent' | 'decimal'> | null;

  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'uuid', nullable: true },
    nullable: true,
    description: 'The project of each row (逾期节点, 亮灯项目), for links; null for other sections',
  })
  projectIds: Array<string | null> | null;

  @ApiProperty({ type: [String], description: 'Lines under the table: rules in words, or why the section is absent' })
  notes: string[];

  @ApiProperty({ example: 42, description: 'Rows of the whole section (without the 合计 row)' })
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class SectionPageQuery extends PageQuery {}

export class RankingHistoryQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 52, default: 12, description: 'How many of the newest stored weeks' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(52)
  weeks: number = 12;
}

export class HistoryWeekDto {
  @ApiProperty({ example: '2026-W47' })
  isoWeek: string;

  @ApiProperty({ example: '2026-11-22' })
  weekEnd: string;

  @ApiProperty({ type: Number, nullable: true, description: '项目总数 of that week\'s 总览' })
  projects: number | null;

  @ApiProperty({ type: Number, nullable: true, description: '红灯项目 of that week' })
  red: number | null;

  @ApiProperty({ type: Number, nullable: true })
  yellow: number | null;

  @ApiProperty({ type: Number, nullable: true })
  green: number | null;
}

export class RankingHistoryPointDto {
  @ApiProperty({ example: '2026-W47' })
  isoWeek: string;

  @ApiProperty({ type: Number, nullable: true })
  rank: number | null;

  @ApiProperty()
  due: number;

  @ApiProperty()
  metOnTime: number;

  @ApiProperty({ type: String, nullable: true, example: '66.67', description: '按期完成率, %' })
  onTimeRate: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'The unit\'s red projects that week (按责任单位)' })
  red: number | null;

  @ApiProperty({ type: Number, nullable: true })
  yellow: number | null;
}

export class RankingHistoryUnitDto {
  @ApiProperty({ format: 'uuid' })
  ownerUnitId: string;

  @ApiProperty({ example: '区教育局', description: 'Its name in the newest week it is ranked in' })
  name: string;

  @ApiProperty({ type: [RankingHistoryPointDto], description: 'Oldest first; a week the unit was not ranked in is left out' })
  points: RankingHistoryPointDto[];
}

export class RankingHistoryDto {
  @ApiProperty({ type: [HistoryWeekDto], description: 'The stored weeks read, oldest first' })
  weeks: HistoryWeekDto[];

  @ApiProperty({ type: [RankingHistoryUnitDto], description: 'Every unit ranked in any of them, in the order of the newest week\'s ranking' })
  units: RankingHistoryUnitDto[];
}
