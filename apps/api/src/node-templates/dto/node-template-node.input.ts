import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_NODE_DURATION_WORKING_DAYS, MILESTONE_KINDS, MilestoneKind } from '@app/domain';

/** One node of a template version as an admin writes it; dependencies name other nodes of the same set by code. */
export class NodeTemplateNodeInput {
  @ApiProperty({ example: 'construction_permit', description: 'Stable within the template across versions (the statistics group by it): letters, digits, _ and -' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'code must be 1–64 letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: '施工许可' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: MILESTONE_KINDS, example: 'construction_permit', description: 'The kind of the generated milestone (custom for kind-specific nodes)' })
  @IsIn(MILESTONE_KINDS)
  milestoneKind: MilestoneKind;

  @ApiProperty({ example: 10, minimum: 0, maximum: MAX_NODE_DURATION_WORKING_DAYS, description: '办理时限: working days after its predecessors are met' })
  @IsInt()
  @Min(0)
  @Max(MAX_NODE_DURATION_WORKING_DAYS)
  durationWorkingDays: number;

  @ApiPropertyOptional({ default: false, description: '关键节点: moving it always needs the 督查室' })
  @IsOptional()
  @IsBoolean()
  isKey?: boolean;

  @ApiPropertyOptional({ default: false, description: '需上传佐证: met only with a document attached' })
  @IsOptional()
  @IsBoolean()
  requiresDocument?: boolean;

  @ApiProperty({ type: [String], example: ['drawing_review', 'construction_tender'], description: 'Codes of the nodes it starts after (none: it starts at the project start)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  dependsOn: string[];
}
