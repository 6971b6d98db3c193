import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** The complete rule set (PUT replaces it). Counts are working days of the official calendar. */
export class UpdateReminderRulesDto {
  @ApiProperty({ example: [5, 3, 1], type: [Number], description: '到期前提醒: working days before the planned date (1–60, at most 10, no repeats)' })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  dueSoonOffsets: number[];

  @ApiProperty({ example: true, description: '到期当日提醒' })
  @IsBoolean()
  onDueDay: boolean;

  @ApiProperty({ example: 3, description: '逾期后每隔几个工作日催办一次 (1–60)' })
  @IsInt()
  @Min(1)
  @Max(60)
  overdueRepeatEvery: number;

  @ApiProperty({ example: 5, description: '逾期满几个工作日抄送包联领导 (E1, 1–250)' })
  @IsInt()
  @Min(1)
  @Max(250)
  escalateLeadAfter: number;

  @ApiProperty({ example: 10, description: '逾期满几个工作日抄送督查室 (E2, 1–250, not below escalateLeadAfter)' })
  @IsInt()
  @Min(1)
  @Max(250)
  escalateSupervisorAfter: number;

  @ApiProperty({ example: '08:30', description: '每个工作日发送时间 (HH:MM, Asia/Shanghai)' })
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'sendAt must be a time HH:MM (00:00–23:59)' })
  sendAt: string;

  @ApiPropertyOptional({ example: 1, description: 'The version read, for clients that cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
