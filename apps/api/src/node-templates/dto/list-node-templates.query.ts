import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PROJECT_KINDS, ProjectKind } from '@app/domain';

export class ListNodeTemplatesQuery {
  @ApiPropertyOptional({ enum: PROJECT_KINDS, description: 'The templates for this kind, and those of kind other' })
  @IsOptional()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;
}
