import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@app/domain';
import { IsCalendarDate, IsWanAmount } from '../../common/validators';
import { FundingSourceInputDto } from './funding-source.dto';

/** A new key project, placed in a 专栏 and group of the plan. */
export class CreateProjectDto {
  @ApiProperty({ example: '玉泉变 220 千伏变电站工程', description: 'The name exactly as the plan writes it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name: string;

  @ApiProperty({ example: 8, description: '专栏 number' })
  @IsInt()
  @Min(1)
  columnNumber: number;

  @ApiProperty({ example: 3, description: 'Group number inside the 专栏' })
  @IsInt()
  @Min(1)
  groupNumber: number;

  @ApiProperty({ enum: PROJECT_KINDS, example: 'substation' })
  @IsIn(PROJECT_KINDS)
  kind: ProjectKind;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { voltageKv: 220, capacityMva: '480' },
    description: 'Kind-specific attributes, checked against the rules of `kind`',
  })
  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;

  @ApiPropertyOptional({ type: String, example: '新建 220 千伏变电站一座' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, example: '小召前街街道', description: '所在街道/镇' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  location?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: '责任单位 (department id); a department editor must give its own' })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string | null;

  @ApiPropertyOptional({ type: String, example: '王某某（副区长）', description: '包联领导' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  leadOfficial?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: "包联领导's user account (an active user, e.g. of role leader): escalated reminders (E1), new notices and red lights reach them; null clears it",
  })
  @IsOptional()
  @IsUUID()
  leadOfficialUserId?: string | null;

  @ApiPropertyOptional({ enum: PROJECT_STATUSES, default: 'planning' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ type: String, example: '2026-03-01' })
  @IsOptional()
  @IsCalendarDate()
  plannedStartDate?: string | null;

  @ApiPropertyOptional({ type: String, example: '2027-12-31', description: 'Not before plannedStartDate' })
  @IsOptional()
  @IsCalendarDate()
  plannedEndDate?: string | null;

  @ApiPropertyOptional({ type: String, example: '45000', description: '总投资（万元），十进制字符串，最多 4 位小数' })
  @IsOptional()
  @IsWanAmount()
  totalInvestmentWan?: string | null;

  @ApiPropertyOptional({ type: [FundingSourceInputDto], example: [{ source: '专项债', amountWan: '30000' }, { source: '自筹', amountWan: '15000' }] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FundingSourceInputDto)
  fundingSources?: FundingSourceInputDto[];

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      '从模板创建: a node template (GET /node-templates?kind=…) of the project\'s kind or of kind other. Its current version\'s nodes become the ' +
      'milestones, planned (and baselined) from plannedStartDate along the dependencies in working days of the official calendar; ' +
      'plannedEndDate defaults to the last of them. Needs plannedStartDate.',
  })
  @IsOptional()
  @IsUUID()
  templateId?: string;

  @ApiPropertyOptional({ example: 5, description: 'Position inside the group; defaults to after the last project' })
  @IsOptional()
  @IsInt()
  @Min(0)
  sortOrder?: number;
}
