import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { REPORTING_PERIOD_KINDS, REPORTING_STATUSES, ReportingPeriodKind, ReportingStatus } from '@app/reporting';
import { PageQuery } from '../../common/pagination';
import { IsCalendarDate } from '../../common/validators';

export class DisciplineRangeQuery {
  @ApiPropertyOptional({ example: '2026-11-02', description: 'Periods whose deadline date is on or after this (default: 27 days before today)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-29', description: 'Periods whose deadline date is on or before this (default: today); at most 366 days after from' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ example: 8, description: '专栏 number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  column?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '责任单位 (department id)' })
  @IsOptional()
  @IsUUID()
  ownerUnit?: string;
}

export class ListLateReportsQuery extends IntersectionType(PageQuery, DisciplineRangeQuery) {
  @ApiPropertyOptional({ enum: ['late', 'missing'], description: '迟报 (made after the deadline) or 未报 (none yet); both when absent' })
  @IsOptional()
  @IsIn(['late', 'missing'])
  status?: 'late' | 'missing';

  @ApiPropertyOptional({ format: 'uuid', description: 'One project' })
  @IsOptional()
  @IsUUID()
  projectId?: string;
}

export class DisciplineUnitDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '区住房和城乡建设局' })
  name: string;
}

export class DisciplineProjectDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '玉泉变 220 千伏变电站工程' })
  name: string;

  @ApiProperty({ example: { number: 8, title: '基础设施建设重点工程' } })
  column: { number: number; title: string };

  @ApiProperty({ type: DisciplineUnitDto, nullable: true })
  ownerUnit: DisciplineUnitDto | null;
}

export class ReportingPeriodDto {
  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, example: 'week' })
  kind: ReportingPeriodKind;

  @ApiProperty({ example: '2026-W47', description: "ISO week '2026-W47' or month '2026-11'" })
  key: string;

  @ApiProperty({ example: '2026年第47周（11-16—11-22）' })
  label: string;

  @ApiProperty({ example: '2026-11-16' })
  start: string;

  @ApiProperty({ example: '2026-11-22' })
  end: string;

  @ApiProperty({ example: '2026-11-20' })
  deadlineDate: string;

  @ApiProperty({ example: '2026-11-20T09:00:00.000Z', description: 'The deadline instant (17:00 Asia/Shanghai by default)' })
  deadline: string;
}

export class LateReportDto {
  @ApiProperty({ type: DisciplineProjectDto })
  project: DisciplineProjectDto;

  @ApiProperty({ type: ReportingPeriodDto })
  period: ReportingPeriodDto;

  @ApiProperty({ enum: ['late', 'missing'], example: 'missing', description: 'late = 迟报 (made after the deadline, within the period); missing = 未报' })
  status: Extract<ReportingStatus, 'late' | 'missing'>;

  @ApiProperty({ example: '未报' })
  statusLabel: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'When the first report of the period was made (late ones)' })
  firstReportAt: string | null;
}

export class LateReportPageDto {
  @ApiProperty({ example: '2026-11-02' })
  from: string;

  @ApiProperty({ example: '2026-11-29' })
  to: string;

  @ApiProperty({ example: 37 })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;

  @ApiProperty({ type: [LateReportDto], description: 'Newest deadline first, then by unit and plan order' })
  items: LateReportDto[];
}

export class UnitReportingRateDto {
  @ApiProperty({ type: DisciplineUnitDto, nullable: true, description: 'null: projects without an owner unit' })
  ownerUnit: DisciplineUnitDto | null;

  @ApiProperty({ example: 12, description: 'Project-periods past their deadline' })
  due: number;

  @ApiProperty({ example: 10, description: '按时填报' })
  onTime: number;

  @ApiProperty({ example: 1, description: '迟报' })
  late: number;

  @ApiProperty({ example: 1, description: '未报' })
  missing: number;

  @ApiProperty({ type: String, nullable: true, example: '83.33', description: '按时填报率 = onTime ÷ due, %; null when nothing was due' })
  onTimeRate: string | null;
}

export class UnitReportingRatesDto {
  @ApiProperty({ example: '2026-11-02' })
  from: string;

  @ApiProperty({ example: '2026-11-29' })
  to: string;

  @ApiProperty({ type: [UnitReportingRateDto], description: 'Units in zh-CN name order; no unit last' })
  items: UnitReportingRateDto[];

  @ApiProperty({ type: UnitReportingRateDto, description: 'All units together (ownerUnit null)' })
  total: UnitReportingRateDto;
}
