import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { PROJECT_KINDS, ProjectKind } from '@app/domain';
import { PageQuery } from '../../common/pagination';

/** The filters of the supervisor's views, named as in GET /projects. */
export class PortfolioFilterQuery {
  @ApiPropertyOptional({ example: 8, description: '专栏 number' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  column?: number;

  @ApiPropertyOptional({ format: 'uuid', description: '责任单位 (department id)' })
  @IsOptional()
  @IsUUID()
  ownerUnit?: string;

  @ApiPropertyOptional({ enum: PROJECT_KINDS })
  @IsOptional()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;
}

/** Same filters, paged. */
export class PagedPortfolioFilterQuery extends IntersectionType(PageQuery, PortfolioFilterQuery) {}
