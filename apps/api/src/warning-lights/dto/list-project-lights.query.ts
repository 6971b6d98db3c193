import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { WARNING_LIGHTS, WarningLight } from '@app/reporting';
import { PagedPortfolioFilterQuery } from './portfolio-filter.query';

export class ListProjectLightsQuery extends PagedPortfolioFilterQuery {
  @ApiPropertyOptional({ enum: WARNING_LIGHTS, description: 'Only projects with this light' })
  @IsOptional()
  @IsIn(WARNING_LIGHTS)
  light?: WarningLight;
}
