import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@app/domain';
import { IsCalendarDate, IsWanAmount } from '../../common/validators';
import { FundingSourceInputDto } from './funding-source.dto';

/** May be left out, but not set to null (the field has no "unknown" value). */
const OmittableNotNull = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/**
 * A partial change of a project. Fields left out stay as they are; nullable
 * fields can be cleared with null. `attributes`, when given, replaces the
 * attributes as a whole. Send the ETag you read as If-Match (or `version`).
 */
export class UpdateProjectDto {
  @ApiPropertyOptional({ example: '玉泉变 220 千伏变电站工程' })
  @OmittableNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ example: 8, description: 'Move to another 专栏 (give groupNumber too)' })
  @OmittableNotNull()
  @IsInt()
  @Min(1)
  columnNumber?: number;

  @ApiPropertyOptional({ example: 3, description: 'Move to another group (of columnNumber, or of the current 专栏)' })
  @OmittableNotNull()
  @IsInt()
  @Min(1)
  groupNumber?: number;

  @ApiPropertyOptional({ enum: PROJECT_KINDS, description: 'Changing the kind re-checks the attributes' })
  @OmittableNotNull()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { voltageKv: 220 } })
  @OmittableNotNull()
  @IsObject()
  attributes?: Record<string, unknown>;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  description?: string | null;

  @ApiPropertyOptional({ type: String, example: '小召前街街道', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  location?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '责任单位; a department editor cannot hand a project to another department' })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string | null;

  @ApiPropertyOptional({ type: String, example: '王某某（副区长）', nullable: true })
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

  @ApiPropertyOptional({ enum: PROJECT_STATUSES, example: 'under_construction', description: 'Must be an allowed next status' })
  @OmittableNotNull()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional({ type: String, example: '2026-03-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedStartDate?: string | null;

  @ApiPropertyOptional({ type: String, example: '2027-12-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  plannedEndDate?: string | null;

  @ApiPropertyOptional({ type: String, example: '45000', nullable: true, description: '总投资（万元）' })
  @IsOptional()
  @IsWanAmount()
  totalInvestmentWan?: string | null;

  @ApiPropertyOptional({ type: [FundingSourceInputDto], description: 'Replaces the funding sources as a whole' })
  @OmittableNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FundingSourceInputDto)
  fundingSources?: FundingSourceInputDto[];

  @ApiPropertyOptional({ example: 5 })
  @OmittableNotNull()
  @IsInt()
  @Min(0)
  sortOrder?: number;

  @ApiPropertyOptional({ example: 3, description: 'The version you read, for clients that cannot send If-Match' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
