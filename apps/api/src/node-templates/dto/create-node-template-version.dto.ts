import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_TEMPLATE_NODES } from '@app/domain';
import { NodeTemplateNodeInput } from './node-template-node.input';

/** A new version: the whole node set, in order. Existing versions (and the projects made from them) stay as they are. */
export class CreateNodeTemplateVersionDto {
  @ApiProperty({ type: [NodeTemplateNodeInput] })
  @IsArray()
  @ArrayMaxSize(MAX_TEMPLATE_NODES)
  @ValidateNested({ each: true })
  @Type(() => NodeTemplateNodeInput)
  nodes: NodeTemplateNodeInput[];

  @ApiPropertyOptional({ example: '施工图审查时限按 2026 年承诺压缩为 10 个工作日', description: '修订说明' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ default: true, description: 'Make it the version new projects are created from' })
  @IsOptional()
  @IsBoolean()
  makeCurrent?: boolean;
}
