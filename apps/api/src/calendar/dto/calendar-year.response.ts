import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CalendarYearResponseDto {
  @ApiProperty({ example: 2027 }) year: number;
  @ApiProperty({ enum: ['office', 'package', 'none'], description: 'office: published here; package: chinese-days; none: Monday–Friday assumed' })
  source: 'office' | 'package' | 'none';
  @ApiProperty({ type: [String] }) holidays: string[];
  @ApiProperty({ type: [String] }) workdays: string[];
  @ApiProperty({ example: 244, description: 'Working days of the year under this calendar' }) workingDays: number;
  @ApiProperty({ example: 3, description: 'The calendar version in force (API and worker compare it)' }) version: number;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) publishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedBy: string | null;
  @ApiPropertyOptional({ description: 'PUT only: open milestones of the year whose due date changes from working day to day off or back' })
  affectedDueDates?: number;
}
