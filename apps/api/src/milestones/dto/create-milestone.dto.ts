import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MILESTONE_KINDS, MilestoneKind } from '@app/domain';
import { IsCalendarDate } from '../../common/validators';

export class CreateMilestoneDto {
  @ApiProperty({ enum: MILESTONE_KINDS, example: 'construction_start', description: '节点类型; custom 需要 name' })
  @IsIn(MILESTONE_KINDS)
  kind: MilestoneKind;

  @ApiPropertyOptional({ example: '1#楼主体结构封顶', description: 'Required for custom; defaults to the kind’s Chinese label (e.g. 开工)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ example: '2026-04-15', description: '计划日期 (Asia/Shanghai calendar date)' })
  @IsCalendarDate()
  plannedDate: string;

  @ApiPropertyOptional({ example: '2026-04-15', description: '基线日期: the date first committed to; defaults to plannedDate' })
  @IsOptional()
  @IsCalendarDate()
  baselineDate?: string;

  @ApiPropertyOptional({ example: '待施工许可证核发后开工' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
