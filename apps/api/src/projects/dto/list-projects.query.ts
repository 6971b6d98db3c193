import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { PROJECT_KINDS, PROJECT_STATUSES, ProjectKind, ProjectStatus } from '@app/domain';
import { WARNING_LIGHTS, WarningLight } from '@app/reporting';
import { PageQuery } from '../../common/pagination';

export const PROJECT_SORTS = ['planOrder', 'name', 'plannedEndDate', 'totalInvestment', 'updatedAt'] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];

/** "a,b" or ?status=a&status=b → ['a', 'b'] */
function commaList({ value }: { value: unknown }): unknown {
  if (value === undefined) return undefined;
  const parts = [value].flat().flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));
  return parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
}

export class ListProjectsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '220 千伏', description: 'Words of the name; spacing, punctuation and full/half width do not matter' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 8, description: '专栏 number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  column?: number;

  @ApiPropertyOptional({ example: 3, description: 'Group number (needs column)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  group?: number;

  @ApiPropertyOptional({ enum: PROJECT_KINDS })
  @IsOptional()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;

  @ApiPropertyOptional({ format: 'uuid', description: '责任单位 (department id)' })
  @IsOptional()
  @IsUUID()
  ownerUnit?: string;

  @ApiPropertyOptional({ example: 'under_construction,preparation', description: 'One or several statuses, comma-separated' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(PROJECT_STATUSES, { each: true })
  status?: ProjectStatus[];

  @ApiPropertyOptional({ example: '小召前街街道', description: '所在街道/镇 (exact)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  location?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: "true: the projects of my unit plus those I am the lead official (包联领导) of (signed-in users only)",
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ enum: WARNING_LIGHTS, description: "Today's warning light (红黄绿灯, as GET /warning-lights/projects computes it); cancelled projects have none" })
  @IsOptional()
  @IsIn(WARNING_LIGHTS)
  light?: WarningLight;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: only 久未更新 (stale) projects — 谋划/前期/在建 with no update of any kind for more than N working days (GET /settings/reporting); false: only the others',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value))
  @IsBoolean()
  stale?: boolean;

  @ApiPropertyOptional({ enum: PROJECT_SORTS, default: 'planOrder', description: 'planOrder = 专栏, group, position in the plan' })
  @IsOptional()
  @IsIn(PROJECT_SORTS)
  sort: ProjectSort = 'planOrder';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}
