import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEEKLY_REPORT_BUILD_SOURCES, WeeklyReportBuildSource } from '@app/domain';
import { DEFAULT_CSV_SECTION, REPORT_SECTIONS } from '../render/report-tables';

export class ReadWeeklyReportQuery {
  @ApiPropertyOptional({
    enum: ['json', 'csv', 'xlsx'],
    description: 'Wins over the Accept header; anything else → 406. Without both: JSON.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(16)
  format?: string;

  @ApiPropertyOptional({
    enum: REPORT_SECTIONS,
    default: DEFAULT_CSV_SECTION,
    description:
      'CSV only (one section per file): overview 总览, columns 按专栏, owner-units 按责任单位, kinds 按类型, overdue 逾期节点, ' +
      `project-lights 亮灯项目, ranking 比拼晾晒, notices 督办, evidence 填报佐证, problems 问题台账, open-problems 久未销号问题. Default: ${DEFAULT_CSV_SECTION}. JSON and XLSX always hold every section.`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  section?: string;
}

export class BuildWeeklyReportQuery {
  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'Admin only: recompute an already stored week from the current data (as of its Sunday) and store it as the next revision if it differs',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  rebuild?: boolean;
}

export class WeeklyReportMetaDto {
  @ApiProperty({ example: '2026-W47' })
  isoWeek: string;

  @ApiProperty({ example: '2026-11-16', description: 'Monday' })
  weekStart: string;

  @ApiProperty({ example: '2026-11-22', description: 'Sunday: the report is as of this day' })
  weekEnd: string;

  @ApiProperty({ example: '2026-11-23T07:00:03.120Z' })
  builtAt: string;

  @ApiProperty({ example: 1, description: '1 when first built; +1 for each admin rebuild that changed it' })
  revision: number;

  @ApiProperty({ enum: WEEKLY_REPORT_BUILD_SOURCES })
  buildSource: WeeklyReportBuildSource;

  @ApiProperty({ example: 'worker', description: "Who built it: a username, or 'worker' for the Monday job" })
  builtBy: string;

  @ApiProperty({ example: '9f2c…', description: 'SHA-256 of the content (canonical JSON); the ETag is made of it' })
  contentHash: string;
}

export class WeeklyReportDto extends WeeklyReportMetaDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The report (WeeklyReportContent): rules and definitions in words, overview, byColumn, byOwnerUnit, byKind (projects by status, milestones due/met/missed in the week, ' +
      'newly/still overdue, investment plan vs completed in yuan and 万元 with %, lights), overdueMilestones, projectLights, ranking (比拼晾晒, with its rule), supervisionNotices, progressEvidence (since schemaVersion 2: progress reports of the week with and without attachments, per owner unit), problemLedger (since schemaVersion 3: 问题台账 raised, carried, closed, open per raising unit, and the oldest open).',
  })
  report: Record<string, unknown>;
}

export class BuildWeeklyReportResponse {
  @ApiProperty({ enum: ['built', 'existing', 'rebuilt', 'unchanged'], description: 'existing: the week was already stored and is returned untouched' })
  outcome: 'built' | 'existing' | 'rebuilt' | 'unchanged';

  @ApiProperty({ type: WeeklyReportMetaDto })
  report: WeeklyReportMetaDto;
}

export class WeeklyReportPageDto {
  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ type: [WeeklyReportMetaDto] })
  items: WeeklyReportMetaDto[];
}

