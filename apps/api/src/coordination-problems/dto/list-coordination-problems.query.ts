import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import {
  COORDINATION_PROBLEM_SEVERITIES,
  COORDINATION_PROBLEM_STATES,
  CoordinationProblemSeverity,
  CoordinationProblemState,
} from '@app/domain';
import { PageQuery } from '../../common/pagination';

export const COORDINATION_PROBLEM_SORTS = ['recent', 'oldest-open', 'needed-by'] as const;
export type CoordinationProblemSort = (typeof COORDINATION_PROBLEM_SORTS)[number];

/** "a,b" or ?state=a&state=b → ['a', 'b'] */
function commaList({ value }: { value: unknown }): unknown {
  if (value === undefined) return undefined;
  const parts = [value].flat().flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]));
  return parts.map((part) => (typeof part === 'string' ? part.trim() : part)).filter((part) => part !== '');
}

const booleanFlag = ({ value }: { value: unknown }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value);

/** The filters of the ledger; the week counts take the same ones. */
export class CoordinationProblemFilterQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The unit that raised the problems (提出单位, the projects\' 责任单位)' })
  @IsOptional()
  @IsUUID()
  raisingUnit?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A coordinating department (协调部门) of the problems' })
  @IsOptional()
  @IsUUID()
  coordinatingUnit?: string;

  @ApiPropertyOptional({ example: 'land', description: 'Problem type code' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,31}$/, { message: 'type must be a problem type code such as land' })
  type?: string;

  @ApiPropertyOptional({ example: 'new,coordinating', description: 'One or several states, comma-separated: new 新增, coordinating 协调中, resolved 已解决, closed 已销号, suspended 挂起' })
  @IsOptional()
  @Transform(commaList)
  @IsIn(COORDINATION_PROBLEM_STATES, { each: true })
  state?: CoordinationProblemState[];

  @ApiPropertyOptional({ enum: COORDINATION_PROBLEM_SEVERITIES })
  @IsOptional()
  @IsIn(COORDINATION_PROBLEM_SEVERITIES)
  severity?: CoordinationProblemSeverity;

  @ApiPropertyOptional({ format: 'uuid', description: 'The problems of the projects this user is the lead official (包联领导) of' })
  @IsOptional()
  @IsUUID()
  leadOfficialUserId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'true: problems my unit raised or coordinates, plus those of the projects I am the lead official of (signed-in users only)',
  })
  @IsOptional()
  @Transform(booleanFlag)
  @IsBoolean()
  mine?: boolean;

  @ApiPropertyOptional({ type: Boolean, description: 'true: open problems whose needed-by date has passed' })
  @IsOptional()
  @Transform(booleanFlag)
  @IsBoolean()
  overdue?: boolean;
}

export class ListCoordinationProblemsQuery extends IntersectionType(PageQuery, CoordinationProblemFilterQuery) {
  @ApiPropertyOptional({
    enum: COORDINATION_PROBLEM_SORTS,
    default: 'recent',
    description: 'recent: newest raised first; oldest-open: open problems first, the longest without a move first (the 督查室\'s order); needed-by: soonest needed-by date first',
  })
  @IsOptional()
  @IsIn(COORDINATION_PROBLEM_SORTS)
  sort: CoordinationProblemSort = 'recent';
}

export class CoordinationProblemWeekCountsQuery extends CoordinationProblemFilterQuery {
  @ApiPropertyOptional({ example: '2026-W10', description: 'ISO week (Monday–Sunday, Asia/Shanghai); default: the current week' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, { message: 'week must be an ISO week such as 2026-W10' })
  week?: string;
}
