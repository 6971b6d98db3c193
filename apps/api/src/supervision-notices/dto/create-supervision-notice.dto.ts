import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../../common/validators';

/** One late project, optionally one of its milestones, that the notice is about. */
export class SupervisionNoticeItemInput {
  @ApiProperty({ format: 'uuid', description: 'A project of the owner unit' })
  @IsUUID()
  projectId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A milestone (节点) of that project' })
  @IsOptional()
  @IsUUID()
  milestoneId?: string;
}

export class CreateSupervisionNoticeDto {
  @ApiProperty({ format: 'uuid', description: '责任单位: the department or sub-district the notice is addressed to' })
  @IsUUID()
  ownerUnitId: string;

  @ApiProperty({ example: '关于玉泉变 220 千伏变电站工程开工节点滞后的督办通知', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: '该项目开工节点已逾期 12 个工作日，请于回复期限前报送整改措施及完成时限。', description: '督办事项' })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(10_000)
  body: string;

  @ApiPropertyOptional({
    example: '2026-03-13',
    description: 'Reply deadline: a working day, not before today. Default: 5 working days from today (or replyWorkingDays).',
  })
  @IsOptional()
  @IsCalendarDate()
  replyDueDate?: string;

  @ApiPropertyOptional({
    example: 5,
    minimum: 1,
    maximum: 60,
    description: 'Reply deadline as working days from today (回复期限 N 个工作日), on the official calendar; not together with replyDueDate',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  replyWorkingDays?: number;

  @ApiProperty({ type: [SupervisionNoticeItemInput], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SupervisionNoticeItemInput)
  items: SupervisionNoticeItemInput[];
}
