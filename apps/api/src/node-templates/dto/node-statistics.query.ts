import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { PROJECT_KINDS, ProjectKind } from '@app/domain';

export class NodeStatisticsQuery {
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

  @ApiPropertyOptional({ enum: PROJECT_KINDS, description: 'Projects of this kind (a template of kind other serves several)' })
  @IsOptional()
  @IsIn(PROJECT_KINDS)
  kind?: ProjectKind;
}
