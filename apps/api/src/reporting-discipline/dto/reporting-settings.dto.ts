import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { REPORTING_PERIOD_KINDS, ReportingPeriodKind } from '@app/reporting';

export class ColumnReportingPeriodDto {
  @ApiProperty({ example: 2, description: '专栏 number' })
  number: number;

  @ApiProperty({ example: '美丽玉泉建设重点工程' })
  title: string;

  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, nullable: true, example: 'month', description: "This 专栏's period; null = the default" })
  reportingPeriod: ReportingPeriodKind | null;

  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, example: 'month', description: 'The period its projects owe (unless a project has its own)' })
  effectivePeriod: ReportingPeriodKind;
}

export class ReportingSettingsResponse {
  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, example: 'week', description: 'The period every project owes a progress report for unless its 专栏 or itself says otherwise' })
  defaultPeriod: ReportingPeriodKind;

  @ApiProperty({ example: 5, description: 'Weekly deadline: 1 = Monday … 7 = Sunday; a holiday moves it to the last working day before it in the week' })
  weeklyDeadlineWeekday: number;

  @ApiProperty({ example: '17:00', description: 'Time of day of every deadline, Asia/Shanghai' })
  deadlineTime: string;

  @ApiProperty({ example: 10, description: '久未更新: a project with no update of any kind for more than this many working days is stale' })
  staleWorkingDays: number;

  @ApiProperty({ type: [ColumnReportingPeriodDto], description: 'The 专栏 of the current plan with their periods' })
  columns: ColumnReportingPeriodDto[];

  @ApiProperty({ example: 1, description: 'Send back as If-Match ("1") when changing the settings' })
  version: number;

  @ApiProperty({ example: '2026-11-20T08:00:00.000Z' })
  updatedAt: string;

  @ApiProperty({ type: String, nullable: true, example: 'admin' })
  updatedByName: string | null;

  @ApiProperty({ type: [String], description: 'The rules in words (填报规则说明)' })
  text: string[];
}

export class ColumnPeriodChangeDto {
  @ApiProperty({ example: 2, description: '专栏 number of the current plan' })
  @IsInt()
  @Min(1)
  number: number;

  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, nullable: true, example: 'month', description: 'null = back to the default' })
  @ValidateIf((_object, value) => value !== null)
  @IsIn(REPORTING_PERIOD_KINDS)
  reportingPeriod: ReportingPeriodKind | null;
}

/** PUT /settings/reporting: the whole settings document; columns lists only the 专栏 to change. */
export class UpdateReportingSettingsDto {
  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, example: 'week' })
  @IsIn(REPORTING_PERIOD_KINDS)
  defaultPeriod: ReportingPeriodKind;

  @ApiProperty({ example: 5, minimum: 1, maximum: 7 })
  @IsInt()
  @Min(1)
  @Max(7)
  weeklyDeadlineWeekday: number;

  @ApiProperty({ example: '17:00', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' })
  @Matches(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, { message: 'deadlineTime must be a time of day HH:MM, e.g. 17:00' })
  deadlineTime: string;

  @ApiProperty({ example: 10, minimum: 1, maximum: 250 })
  @IsInt()
  @Min(1)
  @Max(250)
  staleWorkingDays: number;

  @ApiPropertyOptional({ type: [ColumnPeriodChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ColumnPeriodChangeDto)
  columns?: ColumnPeriodChangeDto[];

  @ApiPropertyOptional({ example: 1, description: 'The version read, for clients that cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

/** PUT /projects/:id/reporting-period */
export class SetProjectReportingPeriodDto {
  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, nullable: true, example: 'month', description: "This project's own period; null = its 专栏's (or the default)" })
  @ValidateIf((_object, value) => value !== null)
  @IsIn(REPORTING_PERIOD_KINDS)
  reportingPeriod: ReportingPeriodKind | null;

  @ApiPropertyOptional({ example: 3, description: "The project's version read, for clients that cannot send If-Match" })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ProjectReportingPeriodResponse {
  @ApiProperty({ format: 'uuid' })
  projectId: string;

  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, nullable: true, example: 'month' })
  reportingPeriod: ReportingPeriodKind | null;

  @ApiProperty({ enum: REPORTING_PERIOD_KINDS, example: 'month' })
  effectivePeriod: ReportingPeriodKind;

  @ApiProperty({ enum: ['project', 'column', 'default'], example: 'project' })
  source: 'project' | 'column' | 'default';

  @ApiProperty({ example: 4, description: "The project's new version (its ETag)" })
  version: number;
}
